import { randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { customerInfoField, optionsCollection, queueIdField, tagsField } from '../../shared/fields';
import { positionOutput } from '../../shared/output';
import { optionalText, readCollection, readStringList, readUuid } from '../../shared/params';
import { readTags } from '../../shared/tags';
import type { JoinRequest } from '../../shared/types';
import { checkUuid } from '../../shared/validate';
import { joinQueue } from '../../transport/endpoints';

const properties: INodeProperties[] = [
	{ ...queueIdField, description: 'UUID of the queue the customer joins' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			customerInfoField,
			{
				displayName: 'Session',
				name: 'session',
				type: 'string',
				default: '',
				description: 'Device session ID of the customer; a random one is generated when empty',
			},
			tagsField,
			{
				displayName: 'Ticket ID',
				name: 'ticketId',
				type: 'string',
				default: '',
				description: 'UUID of an existing ticket to update through the join call instead of creating a new one',
			},
		],
	},
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['create'] } }, properties);

interface CreateFields {
	customerInfo: unknown;
	session: unknown;
	tags: unknown;
	ticketId: unknown;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const queueId = readUuid(this, 'queueId', 'Queue ID', itemIndex);
	const fields = readCollection<CreateFields>(this, 'additionalFields', itemIndex);
	const session = optionalText(this, 'Session', itemIndex, fields.session);
	const ticketId = optionalText(this, 'Ticket ID', itemIndex, fields.ticketId, checkUuid);
	const customerInfo = fields.customerInfo === undefined ? [] : readStringList(this, 'Customer Info', itemIndex, fields.customerInfo);
	const tags = readTags(this, itemIndex, fields.tags);

	const position: JoinRequest['position'] = {
		...(ticketId ? { id: ticketId } : {}),
		...(customerInfo.length ? { customerInfo } : {}),
		...(tags ? { tags } : {}),
	};
	const body: JoinRequest = {
		// [decision] The API requires a device session; automations have none, so one is made up.
		session: session || randomUUID(),
		...(Object.keys(position).length ? { position } : {}),
	};
	const response = await joinQueue(this, queueId, body, itemIndex);
	return positionOutput(this, itemIndex, response.position, response.positionUrl ?? '');
}
