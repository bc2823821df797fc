import type { IExecuteFunctions } from 'n8n-workflow';

import type { PositionRef } from '../transport/endpoints';
import { readUuid } from './params';

/** The resources whose items are positions (time slots are not). */
export type PositionResource = Exclude<PositionRef['resource'], 'timeSlots'>;

const ID_PARAMETERS: Record<PositionResource, [name: string, label: string]> = {
	ticket: ['ticketId', 'Ticket ID'],
	booking: ['bookingId', 'Booking ID'],
	reservation: ['reservationId', 'Reservation ID'],
};

export function idParameter(resource: PositionResource): [name: string, label: string] {
	return ID_PARAMETERS[resource];
}

/** Queue ID plus the resource's own ID parameter (ticketId, bookingId or reservationId). */
export function readPositionRef(ctx: IExecuteFunctions, itemIndex: number, resource: PositionResource): PositionRef {
	const [name, label] = ID_PARAMETERS[resource];
	const queueId = readUuid(ctx, 'queueId', 'Queue ID', itemIndex);
	return { queueId, id: readUuid(ctx, name, label, itemIndex), resource };
}
