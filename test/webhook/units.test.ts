/** The trigger's pure building blocks; the HTTP behaviour is covered in trigger.test.ts. */
import { DEDUPE_WINDOW, deliveryKey, readKeys, remember } from '../../nodes/OmboriGrid/webhook/dedupe';
import { normalizeEventType, parseEnvelope } from '../../nodes/OmboriGrid/webhook/envelope';
import { filterMiss, parseList } from '../../nodes/OmboriGrid/webhook/filters';
import { headerValue, secretMatches } from '../../nodes/OmboriGrid/webhook/secret';
import type { Position } from '../../nodes/OmboriGrid/shared/types';

const position = (fields: Partial<Position> = {}): Position => ({
	id: 'p-1',
	type: 'anonymous',
	status: 'pending',
	label: 'A1',
	queue: 'Q-1',
	_ts: 1000,
	...fields,
});

describe('dedupe memory', () => {
	it('reports a key seen before and leaves the memory as it was', () => {
		const first = remember([], 'a');
		expect(first).toEqual({ duplicate: false, keys: ['a'] });
		expect(remember(first.keys, 'a')).toEqual({ duplicate: true, keys: ['a'] });
	});

	it(`keeps the last ${DEDUPE_WINDOW} keys and drops the oldest`, () => {
		let keys: string[] = [];
		for (let i = 0; i < DEDUPE_WINDOW + 500; i++) keys = remember(keys, `k${i}`).keys;
		expect(keys).toHaveLength(DEDUPE_WINDOW);
		expect(keys[0]).toBe('k500');
		expect(keys.at(-1)).toBe(`k${DEDUPE_WINDOW + 499}`);
		expect(remember(keys, 'k499').duplicate).toBe(false);
		expect(remember(keys, 'k500').duplicate).toBe(true);
	});

	it('honours a smaller window', () => {
		expect(remember(['a', 'b', 'c'], 'd', 3).keys).toEqual(['b', 'c', 'd']);
	});

	it('starts fresh from static data that is not a list of keys', () => {
		expect(readKeys(undefined)).toEqual([]);
		expect(readKeys({ a: 1 })).toEqual([]);
		expect(readKeys(['a', 3, null, 'b'])).toEqual(['a', 'b']);
	});
});

describe('delivery key', () => {
	it('is the same for the same event and ticket state, and short', () => {
		const key = deliveryKey('positionCalled', position({ status: 'notified' }));
		expect(deliveryKey('positionCalled', position({ status: 'notified' }))).toBe(key);
		expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
	});

	it('ignores the rank, which moves when other tickets change', () => {
		expect(deliveryKey('positionCalled', position({ numberInTheQueue: 1 }))).toBe(
			deliveryKey('positionCalled', position({ numberInTheQueue: 4 })),
		);
	});

	it.each<[string, Partial<Position>]>([
		['event type', {}],
		['ticket id', { id: 'p-2' }],
		['_ts', { _ts: 1001 }],
		['status', { status: 'notified' }],
		['retry count (same _ts second)', { retryCount: 1 }],
		['call time (same _ts second)', { calledAt: '2030-03-04T10:00:00.500Z' }],
		['booking time', { booking: { start: '2030-03-04T10:00:00Z', end: '2030-03-04T10:15:00Z' } }],
	])('differs when the %s differs', (what, change) => {
		const event = what === 'event type' ? 'positionRetry' : 'positionCalled';
		expect(deliveryKey(event, position(change))).not.toBe(deliveryKey('positionCalled', position()));
	});
});

describe('envelope', () => {
	const envelope = { message: 'Hi', data: { position: position() }, type: 'positionCreated', organization: 'org' };

	it('takes the parsed body, or the raw bytes when n8n did not parse it', () => {
		expect(parseEnvelope({ body: envelope })).toMatchObject({ ok: true, event: 'positionCreated' });
		expect(parseEnvelope({ body: {}, rawBody: Buffer.from(JSON.stringify(envelope)) })).toMatchObject({ ok: true, envelope });
	});

	it.each<[string, unknown, string | undefined, RegExp]>([
		['empty', {}, '', /^Empty body/],
		['not JSON', {}, 'type=positionCreated', /^Body is not valid JSON$/],
		['an array', {}, '[1]', /must be a JSON object/],
		['without type', {}, JSON.stringify({ data: { position: position() } }), /"type"/],
		['without position', { type: 'positionCreated', data: {} }, undefined, /"data.position"/],
		['without ticket id', { type: 'positionCreated', data: { position: { status: 'pending' } } }, undefined, /"data.position.id"/],
		['with a numeric organization', { ...envelope, organization: 7 }, undefined, /"organization"/],
		['with an object message', { ...envelope, message: {} }, undefined, /"message"/],
	])('refuses a body that is %s', (_what, body, raw, reason) => {
		const result = parseEnvelope({ body, rawBody: raw === undefined ? undefined : Buffer.from(raw) });
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.reason).toMatch(reason);
	});

	it('maps the legacy bookingRemoved and leaves other names alone', () => {
		expect(normalizeEventType('bookingRemoved')).toBe('positionRemoved');
		expect(normalizeEventType('positionTeleported')).toBe('positionTeleported');
		expect(normalizeEventType('toString')).toBe('toString');
	});
});

describe('secret', () => {
	it('accepts only the exact value, sent once', () => {
		expect(secretMatches('s3cret', 's3cret')).toBe(true);
		expect(secretMatches('s3cret', 's3cret ')).toBe(false);
		expect(secretMatches('s3cret', 'S3CRET')).toBe(false);
		expect(secretMatches('s3cret', '')).toBe(false);
		expect(secretMatches('s3cret', undefined)).toBe(false);
		expect(secretMatches('s3cret', ['s3cret', 's3cret'])).toBe(false);
	});

	it('finds the header whatever case the user typed its name in', () => {
		expect(headerValue({ 'x-ombori-secret': 'v' }, ' X-Ombori-Secret ')).toBe('v');
	});
});

describe('filters', () => {
	const none = { events: [], queueIds: [], ticketTypes: [] };

	it('reads lists and comma-separated text', () => {
		expect(parseList(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
		expect(parseList(['a', ' b', 3, null])).toEqual(['a', 'b', '3']);
		expect(parseList(undefined)).toEqual([]);
	});

	it('lets everything through when nothing is chosen', () => {
		expect(filterMiss('anythingNew', position(), none)).toBeUndefined();
	});

	it('names the first filter an event fails', () => {
		expect(filterMiss('positionCalled', position(), { ...none, events: ['positionCreated'] })).toBe('event');
		expect(filterMiss('positionCalled', position(), { ...none, queueIds: ['Q-2'] })).toBe('queue');
		expect(filterMiss('positionCalled', position(), { ...none, queueIds: ['q-1'] })).toBeUndefined();
		expect(filterMiss('positionCalled', position(), { ...none, ticketTypes: ['booking'] })).toBe('ticketType');
	});
});
