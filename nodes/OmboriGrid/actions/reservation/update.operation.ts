import type { IExecuteFunctions } from 'n8n-workflow';

import { readNewSlot, rescheduleFields, virtualAppointmentField } from '../../shared/booking';
import type { PositionUpdateInput } from '../../shared/positionUpdate';
import { buildPositionUpdate, positionUpdateFields } from '../../shared/positionUpdate';
import type { ReservationRequest } from '../../shared/types';
import { updateReservation } from '../../transport/endpoints';
import { positionUpdateOperation } from '../positionOperation';

interface ReservationUpdateInput extends Omit<PositionUpdateInput, 'tags'> {
	start?: unknown;
	end?: unknown;
	virtualAppointment?: unknown;
}

/** E7 takes the reservation body, which has no tags. */
const reservationUpdateFields = [
	...positionUpdateFields.filter((field) => field.name !== 'tags'),
	...rescheduleFields,
	virtualAppointmentField,
];

function buildReservationUpdate(
	ctx: IExecuteFunctions,
	{ start, end, virtualAppointment, ...fields }: ReservationUpdateInput,
	itemIndex: number,
): Partial<ReservationRequest> {
	const booking = readNewSlot(ctx, itemIndex, { start, end, virtualAppointment });
	return { ...buildPositionUpdate(ctx, fields, itemIndex), ...(booking ? { booking } : {}) };
}

/** E7 works only while the reservation is unconfirmed; after Confirm, Booking → Update (E10) applies. */
export const { description, execute } = positionUpdateOperation(
	'reservation',
	updateReservation,
	reservationUpdateFields,
	buildReservationUpdate,
);
