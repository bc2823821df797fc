import type { INodeProperties } from 'n8n-workflow';

import * as getFirstAvailable from './getFirstAvailable.operation';
import * as getMany from './getMany.operation';

export const operations = { getMany, getFirstAvailable };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['timeSlot'] } },
		options: [
			{
				name: 'Get First Available',
				value: 'getFirstAvailable',
				description:
					'Get the earliest time slot between From and To with room for the party; its start and end can be used to create a booking or reservation',
				action: 'Get the first available time slot',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the time slots of a queue between From and To, one item per slot, with free places and capacity',
				action: 'Get many time slots',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...getFirstAvailable.description,
];
