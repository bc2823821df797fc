import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as confirm from './confirm.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as update from './update.operation';

export const operations = { create, get, update, confirm, cancel };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['reservation'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel a reservation (confirmed or not) and release the capacity it holds (status becomes rejected)',
				action: 'Cancel a reservation',
			},
			{
				name: 'Confirm',
				value: 'confirm',
				description: 'Confirm a reservation so it becomes a booking (status reserved → draft)',
				action: 'Confirm a reservation',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Hold a time slot for a party (status reserved). The reservation holds capacity until it is confirmed or cancelled; it never expires on its own.',
				action: 'Create a reservation',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a reservation with its status and time slot',
				action: 'Get a reservation',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Change an unconfirmed reservation (status reserved): move it to a new Start and End, or change party size, customer info, custom data or notification',
				action: 'Update a reservation',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...update.description,
	...confirm.description,
	...cancel.description,
];
