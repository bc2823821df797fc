import type { INodeType, INodeTypeDescription, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { activateTicketTrigger } from './live/activateTrigger';
import { queueIdField, statusOptions } from './shared/fields';
import { omboriGridApiTest } from './transport/credentialTest';

export class OmboriGridTicketTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ombori Grid Ticket Trigger',
		name: 'omboriGridTicketTrigger',
		icon: { light: 'file:ombori.svg', dark: 'file:ombori.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["emitOn"] === "everyUpdate" ? "Every update" : "Status changes"}}',
		description:
			'Starts the workflow the moment a ticket changes: called, checked in, served, cancelled, or moved up the line (live SignalR updates)',
		defaults: { name: 'Ombori Grid Ticket Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'omboriGridApi', required: true, testedBy: 'omboriGridApiTest' }],
		properties: [
			queueIdField,
			{
				displayName: 'Ticket IDs',
				name: 'ticketIds',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 7c9e6679-7425-40de-944b-e07fc1f90ae7, 9b2f0c1e-1111-4e6f-9a0b-1c2d3e4f5a6b',
				description:
					'UUIDs of the tickets to watch, separated by commas (or a list from an expression). Each ticket gets its own live connection.',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: statusOptions,
				default: [],
				description:
					'Only updates that leave a ticket in one of these statuses start the workflow. Leave empty for every status.',
			},
			{
				displayName: 'Emit On',
				name: 'emitOn',
				type: 'options',
				options: [
					{
						name: 'Status Change',
						value: 'statusChange',
						description: 'Start the workflow when a ticket gets a new status',
					},
					{
						name: 'Every Update',
						value: 'everyUpdate',
						description: 'Start the workflow for every change, such as a new place in line or new customer info',
					},
				],
				default: 'statusChange',
				description: 'Which changes start the workflow. The same state never starts it twice.',
			},
			{
				displayName: 'Notify at Position',
				name: 'notifyAtPosition',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Also start the workflow once per ticket when its place in line is this number or better, e.g. 3 to text the customer when three are ahead or fewer. 0 turns it off.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Connect Timeout (Ms)',
						name: 'connectTimeout',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 15_000,
						description: 'How long one connection attempt may take before it is abandoned and retried',
					},
					{
						displayName: 'Max Reconnect Delay (Ms)',
						name: 'maxReconnectDelay',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 30_000,
						description: 'Longest pause between reconnect attempts. The trigger never stops trying.',
					},
					{
						displayName: 'Reconnect Delay (Ms)',
						name: 'reconnectDelay',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1_000,
						description: 'Longest pause before the first reconnect attempt; later pauses double, with random jitter',
					},
					{
						displayName: 'Simplify',
						name: 'simplify',
						type: 'boolean',
						default: false,
						description: 'Whether to return a simplified version of the response instead of the raw data',
					},
					{
						displayName: 'Stop on Completed or Rejected',
						name: 'stopOnTerminal',
						type: 'boolean',
						default: true,
						description: 'Whether to stop watching a ticket once it is completed or rejected, since it will not change again',
					},
				],
			},
		],
	};

	methods = { credentialTest: { omboriGridApiTest } };

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await activateTicketTrigger(this);
	}
}
