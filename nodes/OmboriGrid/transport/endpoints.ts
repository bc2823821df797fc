import type { IDataObject } from 'n8n-workflow';

import type {
	BookingRequest,
	JoinRequest,
	JoinResponse,
	Position,
	PositionUpdate,
	ReservationRequest,
} from '../shared/types';
import type { ApiSubject } from './errors';
import type { RequestContext } from './request';
import { omboriRequest } from './request';

/** The API's endpoints (README "API coverage", E1–E10); the only place paths are built. */

export interface PositionRef {
	queueId: string;
	id: string;
	resource: ApiSubject['resource'];
}

const positionPath = ({ queueId, id }: PositionRef) => `/queues/${queueId}/positions/${id}`;
const subjectOf = ({ queueId, id, resource }: PositionRef): ApiSubject => ({ queueId, id, resource });

/** E1: join a queue, or update a ticket when the body carries its ID. */
export const joinQueue = (ctx: RequestContext, queueId: string, body: JoinRequest, itemIndex?: number) =>
	omboriRequest<JoinResponse>(ctx, {
		method: 'POST',
		path: `/queues/${queueId}/join`,
		body,
		subject: { resource: 'ticket', queueId, id: body.position?.id },
		itemIndex,
		// With a ticket ID the call updates that ticket, so repeating it creates nothing.
		safeToRepeat: !!body.position?.id,
	});

/** E2 */
export const getPosition = (ctx: RequestContext, ref: PositionRef, itemIndex?: number, abortSignal?: AbortSignal) =>
	omboriRequest<Position>(ctx, { method: 'GET', path: positionPath(ref), subject: subjectOf(ref), itemIndex, abortSignal });

/** E4: the raw answer; its shape varies, see timeSlot/slots.ts. */
export const getTimeSlots = (ctx: RequestContext, queueId: string, qs: IDataObject, itemIndex?: number) =>
	omboriRequest<unknown>(ctx, {
		method: 'GET',
		path: `/queues/${queueId}/time-slots`,
		qs,
		subject: { resource: 'timeSlots', queueId },
		itemIndex,
	});

/** E5 */
export const createBooking = (ctx: RequestContext, queueId: string, body: BookingRequest, itemIndex?: number) =>
	omboriRequest<Position>(ctx, {
		method: 'POST',
		path: `/queues/${queueId}/bookings`,
		body,
		subject: { resource: 'booking', queueId },
		itemIndex,
	});

/** E6 */
export const createReservation = (ctx: RequestContext, queueId: string, body: ReservationRequest, itemIndex?: number) =>
	omboriRequest<Position>(ctx, {
		method: 'POST',
		path: `/queues/${queueId}/reservations`,
		body,
		subject: { resource: 'reservation', queueId },
		itemIndex,
	});

/** E7 */
export const updateReservation = (
	ctx: RequestContext,
	ref: PositionRef,
	body: Partial<ReservationRequest>,
	itemIndex?: number,
) =>
	omboriRequest<Position>(ctx, {
		method: 'PATCH',
		path: `/queues/${ref.queueId}/reservations/${ref.id}`,
		body,
		subject: subjectOf(ref),
		itemIndex,
	});

/** E8: confirming twice leaves the reservation confirmed, so a retry is harmless. */
export const confirmReservation = (ctx: RequestContext, ref: PositionRef, itemIndex?: number) =>
	omboriRequest<Position>(ctx, {
		method: 'POST',
		path: `/queues/${ref.queueId}/reservations/${ref.id}/confirm`,
		subject: subjectOf(ref),
		itemIndex,
		safeToRepeat: true,
	});

/** E9 */
export const cancelPosition = (ctx: RequestContext, ref: PositionRef, itemIndex?: number) =>
	omboriRequest<Position>(ctx, {
		method: 'PUT',
		path: `${positionPath(ref)}/cancel-position`,
		subject: subjectOf(ref),
		itemIndex,
	});

/** E10 */
export const updatePosition = (ctx: RequestContext, ref: PositionRef, body: PositionUpdate, itemIndex?: number) =>
	omboriRequest<Position>(ctx, {
		method: 'PATCH',
		path: positionPath(ref),
		body,
		subject: subjectOf(ref),
		itemIndex,
	});
