import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { receiveEvent } from './webhook/receive';

export class OmboriGridTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ombori Grid Trigger',
		name: 'omboriGridTrigger',
		icon: { light: 'file:ombori.svg', dark: 'file:ombori.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].length ? $parameter["events"].join(", ") : "All events"}}',
		description: 'Starts the workflow when Ombori Grid sends a queue event: ticket created, called, served, cancelled and more',
		defaults: { name: 'Ombori Grid Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'ombori' }],
		triggerPanel: {
			header:
				'Ombori Grid has no API for webhooks: ask your Ombori Grid contact (or use Grid Console) to send the queue\'s events to the Production URL below, with the Secret Header Name and Value you set in this node as a custom header.',
			executionsHelp: {
				inactive:
					'To try the trigger, click "Listen for test event" and have Ombori Grid send an event to the Test URL (for example call a ticket in Grid Console). Repeated test events are not de-duplicated. Once it works, publish the workflow and give Ombori Grid the Production URL.',
				active:
					'The workflow runs for every event Ombori Grid sends to the Production URL. Repeated deliveries of one event start one execution. Find the runs in the executions list.',
			},
			activationHint:
				'Publish the workflow and give Ombori Grid the Production URL together with the secret header; Ombori staff configure it by hand.',
		},
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'Booking Activated', value: 'bookingActivated', description: 'A booking was turned into a ticket in the line' },
					{ name: 'Booking Confirmation', value: 'bookingConfirmation', description: 'A booking was made or a reservation confirmed' },
					{ name: 'Booking Updated', value: 'bookingUpdated', description: 'A booking was moved to another time' },
					{ name: 'Feedback Received', value: 'feedbackReceived', description: 'The customer rated the visit' },
					{ name: 'Position Called', value: 'positionCalled', description: 'Staff called the ticket: it is the customer\'s turn' },
					{ name: 'Position Cancelled', value: 'positionCancelled', description: 'The customer cancelled the ticket' },
					{ name: 'Position Cancelled by Staff', value: 'positionCancelledByStaff', description: 'Staff cancelled a booking' },
					{ name: 'Position Completed', value: 'positionCompleted', description: 'Staff finished serving the customer' },
					{ name: 'Position Created', value: 'positionCreated', description: 'A customer joined the queue' },
					{ name: 'Position Fulfilled', value: 'positionFulfilled', description: 'The customer checked in at the desk' },
					{
						name: 'Position Removed',
						value: 'positionRemoved',
						description: 'Staff removed the ticket (older tenants send this as bookingRemoved; both start this event)',
					},
					{ name: 'Position Retry', value: 'positionRetry', description: 'The customer missed the call and is back in the line' },
				],
				default: [],
				description: 'Which events start the workflow. Leave empty for every event, including types Ombori Grid adds later.',
			},
			{
				displayName: 'Secret Header Name',
				name: 'headerName',
				type: 'string',
				default: 'X-Ombori-Secret',
				required: true,
				description: 'Name of the custom header Ombori Grid is asked to send with every event',
			},
			{
				displayName: 'Secret Header Value',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Recommended. A long random value that Ombori Grid sends in the header above. Requests without it get HTTP 401 and start nothing. Leave empty to accept every request.',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'Queue IDs',
						name: 'queueIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b, 9b1c…',
						description: 'Only events of tickets in these queues (comma-separated UUIDs, or a list from an expression)',
					},
					{
						displayName: 'Ticket Types',
						name: 'ticketTypes',
						type: 'multiOptions',
						options: [
							{ name: 'Anonymous (Walk-In)', value: 'anonymous' },
							{ name: 'Booking', value: 'booking' },
							{ name: 'Manual (Staff-Issued)', value: 'manual' },
						],
						default: [],
						description: 'Only events of tickets of these types',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Ignore Repeated Deliveries',
						name: 'deduplicate',
						type: 'boolean',
						default: true,
						description:
							'Whether to start only one execution when Ombori Grid sends the same event more than once (on unless turned off here)',
					},
					{
						displayName: 'Simplify',
						name: 'simplify',
						type: 'boolean',
						default: false,
						description:
							'Whether to output the event, the message and the flat ticket fields (ID, label, status, queue, booking times, contact) instead of the full envelope',
					},
				],
			},
		],
	};

	/**
	 * Ombori Grid has no API to register webhooks: staff enter the URL per queue by hand. So n8n
	 * is told the webhook always exists, and activation never creates or deletes anything remotely.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveEvent.call(this);
	}
}
