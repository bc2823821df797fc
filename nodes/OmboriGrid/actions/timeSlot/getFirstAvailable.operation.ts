import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { numberOfPeopleField, optionsCollection, queueIdField } from '../../shared/fields';
import { readPartySize } from '../../shared/params';
import { hasRoom, readSlotQuery, slotFormatter, slotsInWindow, windowFields } from './slots';

const properties: INodeProperties[] = [
	{ ...queueIdField, description: 'UUID of the queue to find a free time slot in' },
	...windowFields,
	{
		...numberOfPeopleField,
		description: 'Party size: the slot must have at least this many free places',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['timeSlot'], operation: ['getFirstAvailable'] } },
	properties,
);

/** Reads the window part by part and stops at the first slot that fits, so a near slot costs one request. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const people = readPartySize(this, 'numberOfPeople', 'Number of People', itemIndex);
	const query = readSlotQuery(this, itemIndex, people);
	const from = Date.parse(query.start);
	const to = Date.parse(query.end);
	for await (const slot of slotsInWindow(this, query, itemIndex)) {
		if (Date.parse(slot.start) >= from && Date.parse(slot.end) <= to && hasRoom(slot, people)) {
			return slotFormatter(this, itemIndex)(slot);
		}
	}
	throw new NodeOperationError(
		this.getNode(),
		`No time slot with room for ${people} ${people === 1 ? 'person' : 'people'} in queue ${query.queueId} between ${query.start} and ${query.end}`,
		{ itemIndex, description: 'Widen the window (From and To), lower Number of People, or try another queue.' },
	);
}
