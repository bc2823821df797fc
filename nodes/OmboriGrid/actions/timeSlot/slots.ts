import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TimeRange } from '../../shared/params';
import { readTimeRange, readUuid } from '../../shared/params';
import type { TimeSlot } from '../../shared/types';
import { getTimeSlots } from '../../transport/endpoints';

/** [decision] Longest window one E4 request asks for; longer windows are fetched in parts. */
export const MAX_REQUEST_DAYS = 31;
const DAY_MS = 24 * 60 * 60 * 1000;
const REQUEST_MS = MAX_REQUEST_DAYS * DAY_MS;
/**
 * Consecutive requests overlap by a day: a slot that crosses the border between two parts lies
 * wholly inside neither, and would otherwise be lost. Slots seen twice are reported once.
 */
const OVERLAP_MS = DAY_MS;

export const windowFields: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2026-12-01T00:00:00Z',
		description: `Start of the window to look for time slots in: ISO 8601 date and time with a time zone (Z or ±hh:mm). Windows longer than ${MAX_REQUEST_DAYS} days are read ${MAX_REQUEST_DAYS} days per request.`,
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2026-12-08T00:00:00Z',
		description: 'End of the window, later than From: ISO 8601 date and time with a time zone (Z or ±hh:mm)',
	},
];

export interface SlotQuery extends TimeRange {
	queueId: string;
	/** Sent as `numberOfPeople` when set. */
	people?: number;
}

export function readSlotQuery(ctx: IExecuteFunctions, itemIndex: number, people?: number): SlotQuery {
	const queueId = readUuid(ctx, 'queueId', 'Queue ID', itemIndex);
	return { queueId, ...readTimeRange(ctx, itemIndex, ['from', 'to'], ['From', 'To']), people };
}

function isSlot(value: unknown): value is TimeSlot {
	const { start, end } = (value ?? {}) as Partial<TimeSlot>;
	return (
		typeof start === 'string' &&
		typeof end === 'string' &&
		!Number.isNaN(Date.parse(start)) &&
		!Number.isNaN(Date.parse(end))
	);
}

/**
 * [decision] E4's answer is not documented: a bare array, `{slots}`, `{timeSlots}` or an object
 * keyed by date whose values are slot lists are all read. Entries without a start and an end are
 * skipped. Undefined when the answer has none of these forms.
 */
export function parseSlots(body: unknown): TimeSlot[] | undefined {
	let lists: unknown[];
	if (body === undefined || body === null) return [];
	if (Array.isArray(body)) {
		lists = [body];
	} else if (typeof body === 'object') {
		const { slots, timeSlots } = body as { slots?: unknown; timeSlots?: unknown };
		const values = Array.isArray(slots) ? [slots] : Array.isArray(timeSlots) ? [timeSlots] : Object.values(body);
		lists = values.filter(Array.isArray);
		if (lists.length === 0 && values.length > 0) return undefined;
	} else {
		return undefined;
	}
	return lists
		.flat()
		.filter(isSlot)
		.map((slot) => ({ slot, at: Date.parse(slot.start) }))
		.sort((a, b) => a.at - b.at)
		.map(({ slot }) => slot);
}

const slotKey = (slot: TimeSlot) => `${Date.parse(slot.start)}/${Date.parse(slot.end)}`;

/**
 * The window's slots in start order, one request at a time, so a caller that stops early (Limit,
 * first available) sends no more requests than it needs and only one answer is held in memory.
 */
export async function* slotsInWindow(ctx: IExecuteFunctions, query: SlotQuery, itemIndex: number): AsyncGenerator<TimeSlot> {
	const windowEnd = Date.parse(query.end);
	let seen = new Set<string>();
	for (let partStart = Date.parse(query.start); ; partStart += REQUEST_MS - OVERLAP_MS) {
		const isFirst = partStart === Date.parse(query.start);
		const partEnd = Math.min(partStart + REQUEST_MS, windowEnd);
		const isLast = partEnd >= windowEnd;
		const qs: IDataObject = {
			from: isFirst ? query.start : new Date(partStart).toISOString(),
			to: isLast ? query.end : new Date(partEnd).toISOString(),
			...(query.people !== undefined ? { numberOfPeople: query.people } : {}),
		};
		const slots = parseSlots(await getTimeSlots(ctx, query.queueId, qs, itemIndex));
		if (!slots) {
			throw new NodeOperationError(ctx.getNode(), `Ombori Grid answered the time slots of queue ${query.queueId} in an unknown form`, {
				itemIndex,
				description: 'Expected a list of slots, {slots: [...]}, {timeSlots: [...]} or lists keyed by date.',
			});
		}
		const nextStart = partStart + REQUEST_MS - OVERLAP_MS;
		const again = new Set<string>();
		for (const slot of slots) {
			const key = slotKey(slot);
			if (seen.has(key)) continue;
			if (!isLast && Date.parse(slot.end) > nextStart) again.add(key);
			yield slot;
		}
		if (isLast) return;
		seen = again;
	}
}

/** [decision] A slot that does not report `available` is taken to fit: E4 was asked for the party size. */
export function hasRoom(slot: TimeSlot, people: number): boolean {
	return typeof slot.available !== 'number' || slot.available >= people;
}

/**
 * How slots are output: as returned, or with "Simplify" the four documented fields. The option is
 * read once per item, not once per slot: a window can hold 10,000 slots.
 */
export function slotFormatter(ctx: IExecuteFunctions, itemIndex: number): (slot: TimeSlot) => IDataObject {
	if (ctx.getNodeParameter('options.simplify', itemIndex, false) !== true) return (slot) => slot as IDataObject;
	return (slot) => ({ start: slot.start, end: slot.end, available: slot.available ?? null, capacity: slot.capacity ?? null });
}
