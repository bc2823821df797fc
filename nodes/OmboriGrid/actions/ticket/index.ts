import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as update from './update.operation';
import * as waitForStatus from './waitForStatus.operation';

export const operations = { create, get, update, cancel, waitForStatus };

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
			{
				name: 'Wait for Status',
				value: 'waitForStatus',
				description:
					'Wait until a ticket reaches one of the chosen statuses (e.g. notified when staff call it) and return it; fails after the timeout',
				action: 'Wait for a ticket status',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...update.description,
	...cancel.description,
	...waitForStatus.description,
];
