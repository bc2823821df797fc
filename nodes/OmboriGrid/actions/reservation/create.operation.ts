import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { bookingCreateProperties, bookingExtraFields, readBookingCreate, virtualAppointmentField } from '../../shared/booking';
import { customDataField, customerInfoField } from '../../shared/fields';
import { positionOutput } from '../../shared/output';
import { createReservation } from '../../transport/endpoints';

export const description = updateDisplayOptions(
	{ show: { resource: ['reservation'], operation: ['create'] } },
	bookingCreateProperties('reservation', [
		...bookingExtraFields,
		customDataField,
		customerInfoField,
		virtualAppointmentField,
	]),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { queueId, body } = readBookingCreate(this, itemIndex);
	return positionOutput(this, itemIndex, await createReservation(this, queueId, body, itemIndex));
}
