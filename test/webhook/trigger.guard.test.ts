/**
 * Ombori Grid Trigger: who may start executions (shared secret), what is refused (bad bodies),
 * and how often (repeated and reordered deliveries, across a restart).
 */
import type { Position } from '../../nodes/OmboriGrid/shared/types';
import { capturedLogs } from '../harness/logs';
import { TRIGGER_NODE } from '../harness/webhook';
import { join, request } from '../simulator/helpers';
import { eventNames, outputs, SECRET, SECRET_HEADERS, useTriggerSuite } from './setup';

const suite = useTriggerSuite();

const statuses = () => suite.h.sim.webhooks.deliveries.map((delivery) => delivery.status);

describe('shared secret', () => {
	it('accepts the right secret, also when the header name is typed in another case', async () => {
		const { h } = suite;
		const queueId = h.newQueue();
		const hook = await suite.connect({ headerName: 'x-OMBORI-secret', secret: SECRET });
		await join(h, queueId);
		await suite.settle(hook);
		expect(statuses()).toEqual([200]);
		expect(eventNames(hook)).toEqual(['positionCreated']);
	});

	it.each([
		['a missing secret', {}],
		['a wrong secret', { 'X-Ombori-Secret': `${SECRET}x` }],
		['the secret in another header', { 'X-Other': SECRET }],
	])('%s gets 401 and starts nothing', async (_case, headers) => {
		const { h } = suite;
		const queueId = h.newQueue();
		const hook = await suite.connect({ secret: SECRET }, { headers });
		capturedLogs.length = 0;
		const ticket = await join(h, queueId);
		h.sim.staff.call(queueId, ticket.id);
		await suite.settle(hook);

		expect(statuses()).toEqual([401, 401]);
		expect(hook.answers).toEqual([401, 401].map((status) => ({ status, body: { message: 'Missing or wrong secret header' } })));
		expect(hook.executions).toEqual([]);
		expect(capturedLogs.filter((line) => line.message.includes('401'))).toHaveLength(2);
		expect(JSON.stringify(capturedLogs)).not.toContain(SECRET);
	});

	it('with no secret configured every request is accepted', async () => {
		const { h } = suite;
		const hook = await suite.connect({}, { headers: {} });
		await join(h, h.newQueue());
		await suite.settle(hook);
		expect(statuses()).toEqual([200]);
		expect(hook.executions).toHaveLength(1);
	});

	it('is checked before the body, so unauthenticated callers learn nothing about it', async () => {
		const hook = await suite.endpoint();
		expect((await request(hook.url, 'POST', 'not json', { 'content-type': 'text/plain' })).status).toBe(401);
	});
});

describe('bad input', () => {
	const position = { id: 'p-1', queue: 'q', type: 'anonymous', status: 'pending', label: 'A1' };

	it.each<[string, unknown, Record<string, string>, RegExp]>([
		['plain text', 'hello', { 'content-type': 'text/plain' }, /^Body is not valid JSON$/],
		['broken JSON', '{"type": "positionCreated",', {}, /^Body is not valid JSON$/],
		['an empty body', '', {}, /^Empty body/],
		['a JSON array', [position], {}, /must be a JSON object/],
		['JSON without type', { data: { position } }, {}, /"type"/],
		['JSON without a ticket', { type: 'positionCreated', data: {}, organization: 'o' }, {}, /"data.position"/],
	])('%s gets 400 with the reason and starts nothing', async (_case, body, headers, reason) => {
		const hook = await suite.endpoint();
		const answer = await request<{ message: string }>(hook.url, 'POST', body, { ...SECRET_HEADERS, ...headers });
		await hook.idle();
		expect(answer.status).toBe(400);
		expect(answer.body.message).toMatch(reason);
		expect(hook.executions).toEqual([]);
	});

	it('a valid envelope sent as text/plain is read from the raw body', async () => {
		const hook = await suite.endpoint();
		const envelope = { message: 'Hi', data: { position }, type: 'positionCreated', organization: 'o' };
		const answer = await request(hook.url, 'POST', JSON.stringify(envelope), { ...SECRET_HEADERS, 'content-type': 'text/plain' });
		await hook.idle();
		expect(answer.status).toBe(200);
		expect(outputs(hook)).toEqual([{ event: 'positionCreated', message: 'Hi', organization: 'o', ticket: position }]);
	});
});

describe('repeated deliveries', () => {
	it('50 deliveries of one event start one execution; the next event starts the next', async () => {
		const { h } = suite;
		const queueId = h.newQueue();
		const hook = await suite.connect(undefined, { repeat: 50 });
		const ticket = await join(h, queueId);
		await suite.settle(hook);
		expect(statuses()).toEqual(Array(50).fill(200));
		expect(eventNames(hook)).toEqual(['positionCreated']);

		h.sim.staff.call(queueId, ticket.id);
		await suite.settle(hook);
		expect(statuses()).toEqual(Array(100).fill(200));
		expect(eventNames(hook)).toEqual(['positionCalled', 'positionCreated']);
		expect(hook.answers.filter((answer) => JSON.stringify(answer.body).includes('repeated delivery'))).toHaveLength(98);
	});

	it('a repeat handled before the previous call saved its static data is still ignored (n8n 2.41)', async () => {
		const { h } = suite;
		const queueId = h.newQueue();
		const hook = await suite.connect(undefined, { repeat: 3 }, { saveStaticData: false });
		await join(h, queueId);
		await suite.settle(hook);
		expect(eventNames(hook)).toEqual(['positionCreated']);
		expect(hook.savedStaticData()).toEqual({});
	});

	it('remembers deliveries across a restart through the saved static data', async () => {
		const { h } = suite;
		const queueId = h.newQueue();
		const before = await suite.connect();
		const ticket = await join(h, queueId);
		await suite.settle(before);
		expect(before.executions).toHaveLength(1);
		const saved = before.savedStaticData();
		expect(saved[`node:${TRIGGER_NODE}`]).toEqual({ seenDeliveries: [expect.any(String)] });
		await before.close();
		const { envelope } = h.sim.webhooks.deliveries[0];

		const restarted = await suite.endpoint(undefined, { staticData: saved });
		for (let i = 0; i < 3; i++) {
			expect(await request(restarted.url, 'POST', envelope, SECRET_HEADERS)).toMatchObject({ status: 200, body: { message: 'Event ignored: repeated delivery' } });
		}
		await restarted.idle();
		expect(restarted.executions).toEqual([]);

		// The same delivery to an instance without the saved data runs again: the memory is the static data.
		const amnesiac = await suite.endpoint();
		await request(amnesiac.url, 'POST', envelope, SECRET_HEADERS);
		await amnesiac.idle();
		expect(eventNames(amnesiac)).toEqual(['positionCreated']);
		expect((outputs(amnesiac)[0].ticket as Position).id).toBe(ticket.id);
	});

	it('with "Ignore Repeated Deliveries" off, every delivery starts an execution', async () => {
		const { h } = suite;
		const hook = await suite.connect({ secret: SECRET, options: { deduplicate: false } }, { repeat: 5 });
		await join(h, h.newQueue());
		await suite.settle(hook);
		expect(eventNames(hook)).toEqual(Array(5).fill('positionCreated'));
	});

	it('"Listen for test event" (manual mode) is not de-duplicated', async () => {
		const { h } = suite;
		const hook = await suite.connect(undefined, { repeat: 3 }, { mode: 'manual' });
		await join(h, h.newQueue());
		await suite.settle(hook);
		expect(eventNames(hook)).toEqual(Array(3).fill('positionCreated'));
		expect(hook.savedStaticData()).toEqual({});
	});

	/** One ticket through its whole walk-in life: six events, each changing `_ts`. */
	async function walkInLife() {
		const { h } = suite;
		const queueId = h.newQueue();
		const events = h.recordEvents();
		const ticket = await join(h, queueId);
		h.sim.staff.call(queueId, ticket.id);
		h.sim.staff.retry(queueId, ticket.id);
		h.sim.staff.call(queueId, ticket.id);
		h.sim.staff.checkIn(queueId, ticket.id);
		h.sim.staff.checkOut(queueId, ticket.id);
		return events.filter((event) => event.position.id === ticket.id).map((event) => `${event.type}@${event.position._ts}`);
	}

	const processed = (hook: Awaited<ReturnType<typeof suite.connect>>) =>
		outputs(hook).map((json) => `${json.event}@${(json.ticket as Position)._ts}`).sort();

	it('out-of-order deliveries are all processed', async () => {
		const hook = await suite.connect(undefined, { reorder: 6 });
		const emitted = await walkInLife();
		await suite.settle(hook);

		const delivered = suite.h.sim.webhooks.deliveries.map((delivery) => `${delivery.type}@${delivery.envelope.data.position._ts}`);
		expect(emitted).toHaveLength(6);
		expect(delivered).not.toEqual(emitted);
		expect([...delivered].sort()).toEqual([...emitted].sort());
		expect(statuses()).toEqual(Array(6).fill(200));
		expect(processed(hook)).toEqual([...emitted].sort());
	});

	it('shuffled deliveries, each sent twice, are all processed once', async () => {
		const hook = await suite.connect(undefined, { repeat: 2, reorder: 12 });
		const emitted = await walkInLife();
		await suite.settle(hook);
		expect(statuses()).toEqual(Array(12).fill(200));
		expect(processed(hook)).toEqual([...emitted].sort());
	});
});

describe('configuration errors', () => {
	it('a secret without a header name answers 500 and starts nothing', async () => {
		const hook = await suite.endpoint({ secret: SECRET, headerName: '  ' });
		const answer = await request<{ message: string }>(hook.url, 'POST', { type: 'positionCreated' }, SECRET_HEADERS);
		await hook.idle();
		expect(answer).toMatchObject({ status: 500, body: { message: 'Secret Header Name is empty' } });
		expect(hook.executions).toEqual([]);
	});
});
