import type { IExecuteFunctions } from 'n8n-workflow';

import { readNewSlot, rescheduleFields } from '../../shared/booking';
import type { PositionUpdateInput } from '../../shared/positionUpdate';
import { buildPositionUpdate, positionUpdateFields } from '../../shared/positionUpdate';
import type { PositionUpdate } from '../../shared/types';
import { updatePosition } from '../../transport/endpoints';
import { positionUpdateOperation } from '../positionOperation';

interface BookingUpdateInput extends PositionUpdateInput {
	start?: unknown;
	end?: unknown;
}

function buildBookingUpdate(ctx: IExecuteFunctions, fields: BookingUpdateInput, itemIndex: number): PositionUpdate {
	const booking = readNewSlot(ctx, itemIndex, fields);
	return { ...buildPositionUpdate(ctx, fields, itemIndex), ...(booking ? { booking } : {}) };
}

/** E10; a new Start and End reschedule the booking (the API checks the new slot's capacity). */
export const { description, execute } = positionUpdateOperation(
	'booking',
	updatePosition,
	[...positionUpdateFields, ...rescheduleFields],
	buildBookingUpdate,
);
