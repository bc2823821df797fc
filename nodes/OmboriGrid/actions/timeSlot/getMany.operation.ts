import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { numberOfPeopleField, optionsCollection, queueIdField } from '../../shared/fields';
import { readCollection, readPartySize } from '../../shared/params';
import { hasRoom, readSlotQuery, slotFormatter, slotsInWindow, windowFields } from './slots';

const properties: INodeProperties[] = [
	{ ...queueIdField, description: 'UUID of the queue whose time slots to list' },
	...windowFields,
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	optionsCollection([
		{
			...numberOfPeopleField,
			description: 'Party size to ask Ombori Grid about; with Only Available, slots with fewer free places are left out',
		},
		{
			displayName: 'Only Available',
			name: 'onlyAvailable',
			type: 'boolean',
			default: false,
			description: 'Whether to leave out slots without room for the party (Number of People, 1 when not set)',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['timeSlot'], operation: ['getMany'] } }, properties);

/** One output item per slot, in start order. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const options = readCollection<{ numberOfPeople: unknown; onlyAvailable: boolean }>(this, 'options', itemIndex);
	const people =
		options.numberOfPeople === undefined
			? undefined
			: readPartySize(this, 'options.numberOfPeople', 'Number of People', itemIndex);
	const query = readSlotQuery(this, itemIndex, people);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const limit = returnAll ? Infinity : readPartySize(this, 'limit', 'Limit', itemIndex, 50);

	const output = slotFormatter(this, itemIndex);
	const slots: IDataObject[] = [];
	for await (const slot of slotsInWindow(this, query, itemIndex)) {
		if (options.onlyAvailable === true && !hasRoom(slot, people ?? 1)) continue;
		slots.push(output(slot));
		if (slots.length >= limit) break;
	}
	return slots;
}
