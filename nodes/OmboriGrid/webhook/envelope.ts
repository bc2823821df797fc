import type { WebhookEnvelope } from '../shared/types';
import { LEGACY_EVENT_ALIASES } from '../shared/types';

/** The parts of the HTTP request the envelope is read from. */
export interface ReceivedBody {
	/** What n8n parsed; `{}` when the content type was not JSON. */
	body: unknown;
	/** The bytes as sent; n8n keeps them on every webhook request. */
	rawBody?: Buffer;
}

export type EnvelopeResult =
	| { ok: true; envelope: WebhookEnvelope; event: string }
	| { ok: false; reason: string };

type JsonResult = { ok: true; value: unknown } | { ok: false; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Maps the former `bookingRemoved` to `positionRemoved`, so one workflow serves old and new tenants. */
export function normalizeEventType(type: string): string {
	return Object.prototype.hasOwnProperty.call(LEGACY_EVENT_ALIASES, type) ? LEGACY_EVENT_ALIASES[type] : type;
}

/**
 * Ombori's content type is not documented: n8n parses the body only for JSON content types, so
 * anything else arrives as `{}` and the JSON has to be read from the raw bytes.
 */
function readJson({ body, rawBody }: ReceivedBody): JsonResult {
	if (isRecord(body) && Object.keys(body).length > 0) return { ok: true, value: body };
	const text = rawBody !== undefined && rawBody.length > 0 ? rawBody.toString('utf8') : typeof body === 'string' ? body : '';
	if (text.trim() === '') return { ok: false, reason: 'Empty body: expected an Ombori Grid webhook event as JSON' };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false, reason: 'Body is not valid JSON' };
	}
}

/** Checks only what the trigger relies on; every other field passes through untouched. */
function envelopeProblem(value: unknown): string | undefined {
	if (!isRecord(value)) return 'the body must be a JSON object';
	if (typeof value.type !== 'string' || value.type === '') return '"type" must be a non-empty string';
	const data = value.data;
	if (!isRecord(data) || !isRecord(data.position)) return '"data.position" must be an object';
	if (typeof data.position.id !== 'string' || data.position.id === '') return '"data.position.id" must be a non-empty string';
	if (value.organization !== undefined && typeof value.organization !== 'string') return '"organization" must be a string';
	const message = value.message;
	if (message !== undefined && message !== null && typeof message !== 'string') return '"message" must be a string or null';
	return undefined;
}

export function parseEnvelope(received: ReceivedBody): EnvelopeResult {
	const json = readJson(received);
	if (!json.ok) return json;
	const problem = envelopeProblem(json.value);
	if (problem) return { ok: false, reason: `Not an Ombori Grid webhook event: ${problem}` };
	const envelope = json.value as WebhookEnvelope;
	return { ok: true, envelope, event: normalizeEventType(envelope.type) };
}
