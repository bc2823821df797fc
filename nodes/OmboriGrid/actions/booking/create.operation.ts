import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { bookingCreateProperties, bookingExtraFields, readBookingCreate } from '../../shared/booking';
import { positionOutput } from '../../shared/output';
import { createBooking } from '../../transport/endpoints';

// [decision] E5 documents no customer info, so it is not offered here; Booking → Update sets it.
export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['create'] } },
	bookingCreateProperties('booking', bookingExtraFields),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { queueId, body } = readBookingCreate(this, itemIndex);
	return positionOutput(this, itemIndex, await createBooking(this, queueId, body, itemIndex));
}
