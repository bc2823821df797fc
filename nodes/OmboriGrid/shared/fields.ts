import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { TICKET_STATUSES } from './types';

/** Parameter definitions shared by several operations; names are part of the public contract. */

/**
 * Plain code-unit order (all names here are ASCII and capitalised): localeCompare would load
 * locale data while n8n loads the package, a quarter of the package's load cost.
 */
export function byText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

const STATUS_MEANINGS: Record<(typeof TICKET_STATUSES)[number], string> = {
	draft: 'Booking not active yet, or a confirmed reservation',
	reserved: 'Unconfirmed reservation',
	pending: 'Waiting in line',
	notified: 'Called forward by staff',
	fulfilled: 'Checked in',
	completed: 'Served (final)',
	rejected: 'Cancelled or removed (final)',
};

/** The seven ticket statuses as options, alphabetical, for status filters. */
export const statusOptions: INodePropertyOptions[] = TICKET_STATUSES.map((status) => ({
	name: status.charAt(0).toUpperCase() + status.slice(1),
	value: status,
	description: STATUS_MEANINGS[status],
})).sort((a, b) => byText(a.name, b.name));

export const queueIdField: INodeProperties = {
	displayName: 'Queue ID',
	name: 'queueId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
	description: 'UUID of the Ombori Grid queue, as shown in Grid Console',
};

export function idField(name: string, displayName: string, what: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7c9e6679-7425-40de-944b-e07fc1f90ae7',
		description: `UUID of the ${what}, as returned when it was created`,
	};
}

export const customerInfoField: INodeProperties = {
	displayName: 'Customer Info',
	name: 'customerInfo',
	type: 'string',
	typeOptions: { multipleValues: true },
	default: [],
	description: 'Lines of customer information shown to staff, e.g. first name, last name, a reference',
};

export const tagsField: INodeProperties = {
	displayName: 'Tags (JSON)',
	name: 'tags',
	type: 'json',
	default: '[]',
	description: 'JSON list of tags as Ombori Grid defines them: the tag UUID, a title per language, and optionally an icon URL and a color',
};

export const notificationFields: INodeProperties[] = [
	{
		displayName: 'Notify By',
		name: 'notifyBy',
		type: 'options',
		options: [
			{ name: 'E-Mail', value: 'email' },
			{ name: 'None', value: 'none' },
			{ name: 'SMS', value: 'phoneNumber' },
		],
		default: 'none',
		description: 'How Ombori Grid notifies the customer about this ticket',
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: '+46701234567',
		description: 'Phone number in E.164 form, used when Notify By is SMS',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'E-mail address, used when Notify By is E-Mail',
	},
];

export const numberOfPeopleField: INodeProperties = {
	displayName: 'Number of People',
	name: 'numberOfPeople',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1,
	description: 'Party size: how many people the ticket is for',
};

export const localeField: INodeProperties = {
	displayName: 'Locale',
	name: 'locale',
	type: 'string',
	default: 'en',
	description: 'Language of the messages sent to the customer, e.g. en or sv',
};

export const customDataField: INodeProperties = {
	displayName: 'Custom Data (JSON)',
	name: 'customData',
	type: 'json',
	default: '{}',
	description: 'Any JSON object to store with the ticket; Ombori Grid echoes it back',
};

const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** Options every operation takes: how many requests run at once and how fast they start. */
const bulkOptions: INodeProperties[] = [
	{
		displayName: 'Parallel Requests',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 20 },
		default: 1,
		description: 'How many items to send to Ombori Grid at the same time (1–20). Output order stays the same as input order.',
	},
	{
		displayName: 'Requests per Second',
		name: 'requestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Upper limit on how many items start per second; 0 means no limit',
	},
];

/** The "Options" collection of an operation: its own options, then simplify and the bulk options. */
export function optionsCollection(extra: INodeProperties[] = [], withSimplify = true): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...extra, ...(withSimplify ? [simplifyOption] : []), ...bulkOptions].sort((a, b) =>
			byText(a.displayName, b.displayName),
		),
	};
}

/** A collection parameter whose entries are listed by display name, as n8n users expect. */
export function sortedCollection(name: string, displayName: string, options: INodeProperties[]): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...options].sort((a, b) => byText(a.displayName, b.displayName)),
	};
}
