import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as update from './update.operation';

export const operations = { create, get, update, cancel };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ticket'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel a ticket so the customer leaves the queue (status becomes rejected)',
				action: 'Cancel a ticket',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Join a queue: create a walk-in ticket and get its number and place in line',
				action: 'Create a ticket',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a ticket with its current status, label and place in line',
				action: 'Get a ticket',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change customer info, tags, party size or how the customer is notified',
				action: 'Update a ticket',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...update.description,
	...cancel.description,
];
