import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deliveryKey, readKeys, remember, seenByProcess } from './dedupe';
import { parseEnvelope } from './envelope';
import { filterMiss, parseList, type EventFilters, type FilterMiss } from './filters';
import { eventItem } from './output';
import { ignore, refuse } from './respond';
import { headerValue, secretMatches } from './secret';
import type { Position } from '../shared/types';

/** Where the delivery keys live in the node's static data (persisted by n8n with the workflow). */
const SEEN_KEY = 'seenDeliveries';

const FILTER_REASONS: Record<FilterMiss, string> = {
	event: 'event type not selected',
	queue: 'queue not in the Queue IDs filter',
	ticketType: 'ticket type not in the Ticket Types filter',
};

interface TriggerOptions {
	deduplicate?: boolean;
	simplify?: boolean;
}

interface TriggerFilters {
	queueIds?: string | string[];
	ticketTypes?: string[];
}

/** `getRequestObject()` is typed with express, whose types n8n does not ship; this is all the trigger reads. */
interface RawRequest {
	rawBody?: Buffer;
}

/** An empty value switches the check off; a value without a header name is a configuration error. */
function expectedSecret(ctx: IWebhookFunctions): { header: string; value: string } | undefined {
	// String(): an expression may produce a number, and hashing needs text.
	const value = String(ctx.getNodeParameter('secret', '') ?? '');
	if (value === '') return undefined;
	const header = String(ctx.getNodeParameter('headerName', '') ?? '').trim();
	if (header === '') {
		throw new NodeOperationError(ctx.getNode(), 'Secret Header Name is empty', {
			description: 'Enter the name of the header Ombori Grid sends the secret in, or clear Secret Header Value to accept every request.',
		});
	}
	return { header, value };
}

function readFilters(ctx: IWebhookFunctions): EventFilters {
	const filters = ctx.getNodeParameter('filters', {}) as TriggerFilters;
	return {
		events: parseList(ctx.getNodeParameter('events', [])),
		queueIds: parseList(filters.queueIds),
		ticketTypes: parseList(filters.ticketTypes),
	};
}

/**
 * True when this delivery was already seen; records it otherwise. "Listen for test event"
 * (manual mode) is never de-duplicated, so the same sample can be sent again while building.
 */
function seenBefore(ctx: IWebhookFunctions, event: string, position: Position): boolean {
	if (ctx.getMode() === 'manual') return false;
	const key = deliveryKey(event, position);
	const staticData = ctx.getWorkflowStaticData('node');
	const { duplicate, keys } = remember(readKeys(staticData[SEEN_KEY]), key);
	// Assigning a new list (not pushing) is what marks static data as changed, so n8n saves it.
	if (!duplicate) staticData[SEEN_KEY] = keys;
	const seenHere = seenByProcess(`${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`, key);
	return duplicate || seenHere;
}

/** Order matters: the secret before anything else, so unauthenticated callers learn nothing about the body rules. */
export async function receiveEvent(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const secret = expectedSecret(this);
	if (secret && !secretMatches(secret.value, headerValue(this.getHeaderData(), secret.header))) {
		return refuse(this, 401, 'Missing or wrong secret header');
	}

	const request = this.getRequestObject() as RawRequest;
	const parsed = parseEnvelope({ body: this.getBodyData(), rawBody: request.rawBody });
	if (!parsed.ok) return refuse(this, 400, parsed.reason);
	const { envelope, event } = parsed;
	const position = envelope.data.position;

	const miss = filterMiss(event, position, readFilters(this));
	if (miss) return ignore(this, FILTER_REASONS[miss]);

	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	if (options.deduplicate !== false && seenBefore(this, event, position)) {
		return ignore(this, 'repeated delivery');
	}

	const json: IDataObject = eventItem(envelope, event, options.simplify === true);
	return { workflowData: [[{ json }]] };
}
