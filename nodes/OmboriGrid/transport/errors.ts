import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Outcome } from './retryPolicy';
import { wasSent } from './retryPolicy';

/** What a request is about, so an error can say "Ticket X not found in queue Y". */
export interface ApiSubject {
	resource: 'ticket' | 'booking' | 'reservation' | 'timeSlots';
	queueId: string;
	id?: string;
}

interface FailureContext {
	node: INode;
	subject: ApiSubject;
	origin: string;
	attempts: number;
	/** False when a failure after sending was not retried because the server may have processed it. */
	safeToRepeat: boolean;
	itemIndex?: number;
	/** Replaced wherever it shows up in a server's text, in case a proxy echoes headers. */
	secret: string;
}

const NOUNS: Record<ApiSubject['resource'], string> = {
	ticket: 'Ticket',
	booking: 'Booking',
	reservation: 'Reservation',
	timeSlots: 'Time slots',
};

/** Words for the codes a user may meet; n8n would otherwise swap a message naming a code for a generic one. */
const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'DNS lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ECONNRESET: 'connection reset',
	ECONNABORTED: 'timed out',
	ETIMEDOUT: 'timed out',
	EPIPE: 'connection closed',
};

export function describeNetworkCode(code: string): string {
	return NETWORK_WORDS[code.toUpperCase()] ?? 'network error';
}

export function redact(text: string, secret: string): string {
	return secret ? text.split(secret).join('***') : text;
}

/** The server's own explanation: `{message}`, `{error}` or plain text [decision]. */
export function serverMessage(body: unknown, secret: string): string | undefined {
	let text: string | undefined;
	if (typeof body === 'string') text = body.trim();
	else if (body && typeof body === 'object') {
		const { message, error } = body as { message?: unknown; error?: unknown };
		const found = [message, error].find((value) => typeof value === 'string' && value.trim());
		text = found as string | undefined;
	}
	return text ? redact(text.slice(0, 300), secret) : undefined;
}

/**
 * [decision] A 404 whose text names the organisation or tenant means an unknown tenant; any other
 * 404 is about the queue or ticket. Shared by API errors and the credential test.
 */
export function isUnknownTenant(status: number, detail: string | undefined): boolean {
	return status === 404 && !!detail && /organi[sz]ation|tenant/i.test(detail);
}

function subjectName({ resource, id, queueId }: ApiSubject): string {
	return id ? `${NOUNS[resource]} ${id} in queue ${queueId}` : `${NOUNS[resource]} of queue ${queueId}`;
}

/**
 * Said in the message itself, not only in the description: under "Continue On Fail" n8n replaces
 * an error item's JSON with `{error: message}`, and this is what a workflow must be able to see.
 */
const NOT_RESENT = ' (not re-sent: Ombori Grid may have processed it)';

function statusMessage(status: number, detail: string | undefined, ctx: FailureContext): [string, string] {
	const { subject } = ctx;
	const because = detail ? `: ${detail}` : '';
	if (status === 401 || status === 403) {
		return [
			'API key rejected by Ombori Grid',
			'Check the API key in the Ombori Grid credential, and that it belongs to the configured region and tenant.',
		];
	}
	if (status === 404) {
		if (isUnknownTenant(status, detail)) {
			return [`Tenant not found${because}`, 'Check the Tenant ID and the region in the Ombori Grid credential.'];
		}
		if (subject.id && !/queue .* not found/i.test(detail ?? '')) {
			return [
				`${NOUNS[subject.resource]} ${subject.id} not found in queue ${subject.queueId}`,
				'Check the ID and the queue ID: the ticket may belong to another queue, or it was never created.',
			];
		}
		return [`Queue ${subject.queueId} not found`, 'Check the queue ID; queue IDs are shown in Grid Console.'];
	}
	if (status === 409) {
		return [`Ombori Grid refused the change to ${subjectName(subject)}${because}`, 'Check the status of the ticket: the action is not allowed in that status, or the time slot is full.'];
	}
	if (status === 429) {
		return [
			`Rate limited by Ombori Grid after ${ctx.attempts} attempts`,
			'Lower "Requests per Second" in the node options, or run the workflow later.',
		];
	}
	if (status >= 500) {
		const mayHaveProcessed = !ctx.safeToRepeat && status !== 503;
		const notResent = mayHaveProcessed
			? ` The request was not re-sent because Ombori Grid may have processed it: check whether the ${NOUNS[subject.resource].toLowerCase()} exists before you run it again.`
			: '';
		return [
			`Ombori Grid server error ${status} for ${subjectName(subject)}${because}${mayHaveProcessed ? NOT_RESENT : ''}`,
			`Tried ${ctx.attempts} time(s).${notResent}`,
		];
	}
	return [`Ombori Grid rejected the request for ${subjectName(subject)}${because}`, 'Check the values sent to the node.'];
}

export function apiFailure(outcome: Outcome, body: unknown, ctx: FailureContext): NodeApiError {
	let message: string;
	let description: string;
	let httpCode: string | undefined;
	if (outcome.kind === 'status') {
		[message, description] = statusMessage(outcome.status, serverMessage(body, ctx.secret), ctx);
		httpCode = String(outcome.status);
	} else if (outcome.kind === 'malformed') {
		message = `Ombori Grid sent an unreadable answer for ${subjectName(ctx.subject)}${ctx.safeToRepeat ? '' : NOT_RESENT}`;
		description = !ctx.safeToRepeat
			? 'The response was not valid JSON. The request was not re-sent because it may have been processed.'
			: `The response was not valid JSON after ${ctx.attempts} attempt(s).`;
	} else if (!wasSent(outcome.code)) {
		message = `Cannot reach Ombori Grid at ${ctx.origin} (${describeNetworkCode(outcome.code)})`;
		description = `Check the region or the custom URL in the Ombori Grid credential, and the network. Error code: ${outcome.code}.`;
	} else {
		message = `The connection to Ombori Grid failed for ${subjectName(ctx.subject)} (${describeNetworkCode(outcome.code)})${ctx.safeToRepeat ? '' : NOT_RESENT}`;
		description = !ctx.safeToRepeat
			? `The request had been sent, so it was not repeated: Ombori Grid may have processed it. Check whether the ${NOUNS[ctx.subject.resource].toLowerCase()} exists before you run it again. Error code: ${outcome.code}.`
			: `Tried ${ctx.attempts} time(s). Error code: ${outcome.code}.`;
	}
	// Built from our own words only: the HTTP client's error carries the request headers (API key).
	const response: JsonObject = { message, description, ...(httpCode ? { httpCode } : {}) };
	return new NodeApiError(ctx.node, response, { message, description, httpCode, itemIndex: ctx.itemIndex });
}
