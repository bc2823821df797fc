import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	localeField,
	notificationFields,
	numberOfPeopleField,
	optionsCollection,
	queueIdField,
	sortedCollection,
} from './fields';
import { checkTimeRange, invalidParameter, readCollection, readPartySize, readUuid } from './params';
import type { PositionUpdateInput } from './positionUpdate';
import { buildPositionUpdate } from './positionUpdate';
import type { BookingSlot, ReservationRequest } from './types';

/** Booking and reservation parameters (E5, E6, E7, E10 `booking`), shared by both resources. */

const SLOT_HINT = 'Copy it from a slot of Time Slot → Get Many or Get First Available so it matches a real slot';

export const slotStartField: INodeProperties = {
	displayName: 'Start',
	name: 'start',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 2026-12-05T09:00:00Z',
	description: `Start of the time slot: ISO 8601 date and time with a time zone (Z or ±hh:mm). ${SLOT_HINT}.`,
};

export const slotEndField: INodeProperties = {
	displayName: 'End',
	name: 'end',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 2026-12-05T09:15:00Z',
	description: `End of the time slot: ISO 8601 date and time with a time zone, later than Start. ${SLOT_HINT}.`,
};

/** Start and End inside "Update Fields": optional, but only together, since a slot needs both ends. */
export const rescheduleFields: INodeProperties[] = [
	{
		...slotStartField,
		required: false,
		description: `New start, to move to another time slot; End must be given too. ISO 8601 with a time zone. ${SLOT_HINT}.`,
	},
	{
		...slotEndField,
		required: false,
		description: 'New end of the time slot, later than the new Start; Start must be given too. ISO 8601 with a time zone.',
	},
];

export const virtualAppointmentField: INodeProperties = {
	displayName: 'Virtual Appointment',
	name: 'virtualAppointment',
	type: 'boolean',
	default: false,
	description: 'Whether the appointment is held online (video meeting) instead of on site',
};

/** Additional fields of Booking → Create; Reservation → Create adds its own to these. */
export const bookingExtraFields: INodeProperties[] = [localeField, ...notificationFields];

/** Every parameter of a create operation: queue, slot, party size, additional fields, options. */
export function bookingCreateProperties(noun: string, extraFields: INodeProperties[]): INodeProperties[] {
	return [
		{ ...queueIdField, description: `UUID of the queue to create the ${noun} in` },
		slotStartField,
		slotEndField,
		{
			...numberOfPeopleField,
			description: `Party size: how many people the ${noun} is for. Each person takes one place of the slot's capacity.`,
		},
		sortedCollection('additionalFields', 'Additional Fields', extraFields),
		optionsCollection(),
	];
}

interface SlotInput {
	start?: unknown;
	end?: unknown;
	virtualAppointment?: unknown;
}

const isGiven = (value: unknown) => value !== undefined && value !== null && value !== '';

/** The `booking` object from Start, End and (when given) Virtual Appointment. */
export function readSlot(ctx: IExecuteFunctions, itemIndex: number, input: SlotInput): BookingSlot {
	const slot: BookingSlot = { ...checkTimeRange(ctx, itemIndex, ['Start', 'End'], input.start, input.end) };
	if (input.virtualAppointment !== undefined) slot.virtualAppointment = { isEnabled: input.virtualAppointment === true };
	return slot;
}

/**
 * The new `booking` of an update, or undefined when the slot stays. The API takes the slot as a
 * whole [decision], so Start and End come together, and a virtual-appointment change needs both.
 */
export function readNewSlot(ctx: IExecuteFunctions, itemIndex: number, input: SlotInput): BookingSlot | undefined {
	const { start, end, virtualAppointment } = input;
	if (!isGiven(start) && !isGiven(end)) {
		if (virtualAppointment === undefined) return undefined;
		throw invalidParameter(ctx, 'Start', itemIndex, 'given, with End, to change Virtual Appointment', start);
	}
	if (!isGiven(start)) throw invalidParameter(ctx, 'Start', itemIndex, 'given together with End', start);
	if (!isGiven(end)) throw invalidParameter(ctx, 'End', itemIndex, 'given together with Start', end);
	return readSlot(ctx, itemIndex, input);
}

export interface BookingCreateInput {
	queueId: string;
	body: ReservationRequest;
}

/**
 * The E5 body, or the E6 body when the additional fields include the reservation extras
 * (customer info, custom data, virtual appointment); every check runs before any request.
 */
export function readBookingCreate(ctx: IExecuteFunctions, itemIndex: number): BookingCreateInput {
	const queueId = readUuid(ctx, 'queueId', 'Queue ID', itemIndex);
	const fields = readCollection<PositionUpdateInput & { virtualAppointment?: unknown }>(ctx, 'additionalFields', itemIndex);
	const booking = readSlot(ctx, itemIndex, {
		start: ctx.getNodeParameter('start', itemIndex, ''),
		end: ctx.getNodeParameter('end', itemIndex, ''),
		virtualAppointment: fields.virtualAppointment,
	});
	const numberOfPeople = readPartySize(ctx, 'numberOfPeople', 'Number of People', itemIndex);
	const { tags: _notInCreate, ...extras } = buildPositionUpdate(ctx, fields, itemIndex);
	return { queueId, body: { ...extras, numberOfPeople, booking } };
}
