/**
 * Every retry decision of the REST transport lives here (README "Reliability").
 * [decision] The API documents no rate limits or retry semantics, so:
 * - 429 and 503 mean "not processed, come back later" and are retried for every method;
 * - other 5xx, timeouts and connections that dropped after the request was sent are retried
 *   only for requests that are safe to repeat, because a POST may already have created a ticket;
 * - connection failures before anything was sent are always retried.
 */

export const MAX_ATTEMPTS = 5;
export const BASE_DELAY_MS = 250;
export const MAX_DELAY_MS = 8_000;
/** A Retry-After longer than this is not waited out: the item fails with a clear error. */
export const MAX_RETRY_AFTER_MS = 60_000;
export const REQUEST_TIMEOUT_MS = 30_000;

/** Error codes raised before the request left the machine: nothing reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export type Outcome =
	| { kind: 'status'; status: number; retryAfter?: string }
	| { kind: 'malformed' }
	| { kind: 'network'; code: string };

export function wasSent(code: string): boolean {
	return !NOT_SENT_CODES.has(code);
}

export function isRetryable(outcome: Outcome, safeToRepeat: boolean): boolean {
	switch (outcome.kind) {
		case 'status':
			if (outcome.status === 429 || outcome.status === 503) return true;
			return outcome.status >= 500 && safeToRepeat;
		case 'malformed':
			return safeToRepeat;
		case 'network':
			return !wasSent(outcome.code) || safeToRepeat;
	}
}

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Capped exponential backoff with full jitter; a server's Retry-After wins when given. */
export function retryDelayMs(attempt: number, retryAfter?: string, random = Math.random): number {
	const serverDelay = parseRetryAfter(retryAfter);
	if (serverDelay !== undefined) return serverDelay;
	const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
