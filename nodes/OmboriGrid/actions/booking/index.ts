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
		displayOptions: { show: { resource: ['booking'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel a booking and free its time slot (status becomes rejected)',
				action: 'Cancel a booking',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Book a time slot in a queue for a party; the booking is confirmed at once (status draft) and joins the line when the slot starts',
				action: 'Create a booking',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a booking with its status, time slot and, once activated, its label',
				action: 'Get a booking',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Reschedule a booking to a new Start and End, or change party size, customer info or notification',
				action: 'Update a booking',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...update.description,
	...cancel.description,
];
