import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import * as booking from './booking';
import * as reservation from './reservation';
import * as ticket from './ticket';
import * as timeSlot from './timeSlot';

/** The signature every `<operation>.operation.ts` exports as `execute`. */
export type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

export interface ResourceModule {
	operations: Record<string, { execute: OperationExecute }>;
	description: INodeProperties[];
}

export const resources: Record<string, ResourceModule> = { booking, reservation, ticket, timeSlot };

export const resourceOptions = [
	{ name: 'Booking', value: 'booking', description: 'Bookings of a time slot: create, reschedule and cancel' },
	{
		name: 'Reservation',
		value: 'reservation',
		description: 'Time-slot reservations that hold capacity until they are confirmed or cancelled',
	},
	{ name: 'Ticket', value: 'ticket', description: 'Walk-in tickets: join a queue, follow and cancel' },
	{ name: 'Time Slot', value: 'timeSlot', description: 'Time slots of a queue with their free places' },
];
