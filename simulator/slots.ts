/**
 * Time slots (E4) and capacity accounting. A queue is open every day between
 * `openingHours.start` and `.end` (UTC), cut into `slotMinutes` slots of `capacity` people each.
 * Every open booking or reservation takes `numberOfPeople` from each slot its interval overlaps.
 */
import type { BookingSlot, Position, TimeSlot } from '../nodes/OmboriGrid/shared/types';
import { DAY_MS, MINUTE_MS, parseIsoDate, startOfUtcDay, toIso } from './time';
import type { QueueConfig, SlotResponseShape } from './types';

/** Longest `from`–`to` range E4 answers, and longest booking accepted. */
export const MAX_RANGE_DAYS = 31;

export const DEFAULT_QUEUE_CONFIG: QueueConfig = {
	openingHours: { start: '09:00', end: '17:00' },
	slotMinutes: 15,
	capacity: 4,
	slotResponseShape: 'array',
};

export interface Interval {
	start: number;
	end: number;
}

interface Occupancy extends Interval {
	people: number;
}

const RELEASED_STATUSES: readonly string[] = ['rejected', 'completed'];

/** 'HH:MM' → minutes after midnight; `undefined` when malformed. '24:00' is allowed as an end. */
export function parseClock(value: unknown): number | undefined {
	const match = typeof value === 'string' ? /^(\d{2}):(\d{2})$/.exec(value) : null;
	if (!match) return undefined;
	const minutes = Number(match[1]) * 60 + Number(match[2]);
	return Number(match[2]) < 60 && minutes <= 24 * 60 ? minutes : undefined;
}

const overlaps = (a: Interval, b: Interval): boolean => a.start < b.end && b.start < a.end;

/** All slots of the days touched by [from, to), in time order. */
function slotsOfDays(config: QueueConfig, from: number, to: number): Interval[] {
	const open = parseClock(config.openingHours.start) ?? 0;
	const close = parseClock(config.openingHours.end) ?? 0;
	const length = config.slotMinutes * MINUTE_MS;
	const slots: Interval[] = [];
	for (let day = startOfUtcDay(from); day < to; day += DAY_MS) {
		const closing = day + close * MINUTE_MS;
		for (let start = day + open * MINUTE_MS; start + length <= closing; start += length) {
			slots.push({ start, end: start + length });
		}
	}
	return slots;
}

/** E4 lists the slots that lie entirely inside [from, to]. */
const slotsWithin = (config: QueueConfig, range: Interval): Interval[] =>
	slotsOfDays(config, range.start, range.end).filter(
		(slot) => slot.start >= range.start && slot.end <= range.end,
	);

const slotsOverlapping = (config: QueueConfig, booking: Interval): Interval[] =>
	slotsOfDays(config, booking.start, booking.end).filter((slot) => overlaps(slot, booking));

export function bookingInterval(booking: Readonly<BookingSlot> | null | undefined): Interval | undefined {
	const start = parseIsoDate(booking?.start);
	const end = parseIsoDate(booking?.end);
	return start !== undefined && end !== undefined ? { start, end } : undefined;
}

function occupancies(positions: readonly Readonly<Position>[], excludeId?: string): Occupancy[] {
	const taken: Occupancy[] = [];
	for (const position of positions) {
		if (position.id === excludeId || RELEASED_STATUSES.includes(position.status)) continue;
		const interval = bookingInterval(position.booking);
		if (interval) taken.push({ ...interval, people: position.numberOfPeople ?? 1 });
	}
	return taken;
}

const availableIn = (slot: Interval, taken: readonly Occupancy[], capacity: number): number =>
	Math.max(
		0,
		taken.reduce((left, booking) => (overlaps(slot, booking) ? left - booking.people : left), capacity),
	);

export function listTimeSlots(
	config: QueueConfig,
	positions: readonly Readonly<Position>[],
	range: Interval,
): TimeSlot[] {
	const taken = occupancies(positions);
	return slotsWithin(config, range).map((slot) => ({
		start: toIso(slot.start),
		end: toIso(slot.end),
		available: availableIn(slot, taken, config.capacity),
		capacity: config.capacity,
	}));
}

/**
 * The first slot overlapped by `booking` that cannot take `people` more, if any.
 * A booking outside the opening hours overlaps no slot and is therefore accepted.
 */
export function findFullSlot(
	config: QueueConfig,
	positions: readonly Readonly<Position>[],
	booking: Interval,
	people: number,
	excludeId?: string,
): Interval | undefined {
	const taken = occupancies(positions, excludeId);
	return slotsOverlapping(config, booking).find(
		(slot) => availableIn(slot, taken, config.capacity) < people,
	);
}

/** Wraps the slot list the way the queue is configured to (see `SlotResponseShape`). */
export function shapeSlots(slots: TimeSlot[], shape: SlotResponseShape): unknown {
	switch (shape) {
		case 'slots':
			return { slots };
		case 'timeSlots':
			return { timeSlots: slots };
		case 'byDate': {
			const byDate: Record<string, TimeSlot[]> = {};
			for (const slot of slots) (byDate[slot.start.slice(0, 10)] ??= []).push(slot);
			return byDate;
		}
		default:
			return slots;
	}
}
