/** The simulator's webhook delivery (ombori-api.md §5), observed from a plain HTTP receiver. */
import { WEBHOOK_EVENT_TYPES } from '../../nodes/OmboriGrid/shared/types';
import type { WebhookRegistration } from '../../simulator';
import { unusedPort } from '../harness/simulator';
import { join, startHarness, type Harness } from '../simulator/helpers';
import { startReceiver, type Receiver } from './receiver';

let h: Harness;
let receiver: Receiver;
beforeAll(async () => {
	h = await startHarness();
	receiver = await startReceiver();
});
afterEach(async () => {
	receiver.release();
	receiver.answerWith(200);
	await h.sim.webhooks.idle();
	h.sim.webhooks.reset();
	receiver.received.length = 0;
});
afterAll(async () => {
	await receiver.close();
	await h.sim.close();
});

const register = async (body: object) => {
	const answer = await h.control<WebhookRegistration>('POST', '/webhooks', body);
	expect(answer.status).toBe(201);
	return answer.body;
};

describe('simulator webhooks', () => {
	it('POSTs the §5 envelope with the configured headers to a URL registered over /_sim', async () => {
		const queueId = h.newQueue();
		await register({ url: receiver.url, headers: { 'X-Ombori-Secret': 'abc' } });
		const ticket = await join(h, queueId, { customerInfo: ['Ann'] });
		h.sim.staff.call(queueId, ticket.id);
		await h.sim.webhooks.idle();

		expect(receiver.received.map((request) => (request.body as { type: string }).type)).toEqual(['positionCreated', 'positionCalled']);
		const [created, called] = receiver.received;
		expect(created.method).toBe('POST');
		expect(created.headers['x-ombori-secret']).toBe('abc');
		expect(created.headers['content-type']).toBe('application/json');
		expect(Object.keys(called.body as object)).toEqual(['message', 'data', 'type', 'organization']);
		expect(called.body).toEqual({
			message: 'It is your turn now.',
			data: { position: expect.objectContaining({ id: ticket.id, status: 'notified', queue: queueId, customerInfo: ['Ann'] }) },
			type: 'positionCalled',
			organization: h.sim.tenantId,
		});
		expect(h.sim.webhooks.deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
	});

	it('sends no webhook for changes without an event (positionUpdated)', async () => {
		const queueId = h.newQueue();
		const ticket = await join(h, queueId);
		await register({ url: receiver.url });
		const events = h.recordEvents();
		expect((await h.api('PATCH', `/queues/${queueId}/positions/${ticket.id}`, { locale: 'de' })).status).toBe(200);
		await h.sim.webhooks.idle();
		expect(events.map((event) => event.type)).toEqual(['positionUpdated']);
		expect(receiver.received).toEqual([]);
		expect(WEBHOOK_EVENT_TYPES).not.toContain('positionUpdated');
	});

	it('limits a registration to its queue, and DELETE /_sim/webhooks stops deliveries', async () => {
		const mine = h.newQueue();
		const other = h.newQueue();
		await register({ url: receiver.url, queueId: mine });
		await join(h, other);
		const ticket = await join(h, mine);
		await h.sim.webhooks.idle();
		expect(receiver.received.map((request) => (request.body as { data: { position: { id: string } } }).data.position.id)).toEqual([ticket.id]);

		expect((await h.control('DELETE', '/webhooks')).status).toBe(204);
		await join(h, mine);
		await h.sim.webhooks.idle();
		expect(receiver.received).toHaveLength(1);
	});

	it('answers the API before the delivery is answered', async () => {
		const queueId = h.newQueue();
		await register({ url: receiver.url });
		receiver.hold();
		const ticket = await join(h, queueId);
		expect(ticket.status).toBe('pending');
		expect(h.sim.webhooks.deliveries.map((delivery) => delivery.status)).toEqual([null]);
		receiver.release();
		await h.sim.webhooks.idle();
		expect(h.sim.webhooks.deliveries.map((delivery) => delivery.status)).toEqual([200]);
	});

	it('records every status code, and failures to connect', async () => {
		const queueId = h.newQueue();
		receiver.answerWith(503);
		await register({ url: receiver.url });
		await register({ url: `http://127.0.0.1:${await unusedPort()}/nobody` });
		await join(h, queueId);
		await h.sim.webhooks.idle();
		const [served, refused] = h.sim.webhooks.deliveries;
		expect(served).toMatchObject({ url: receiver.url, status: 503, type: 'positionCreated' });
		expect(refused.status).toBeNull();
		expect(refused.error).toEqual(expect.any(String));
		const listed = await h.control<{ deliveries: unknown[] }>('GET', '/webhooks');
		expect(listed.body.deliveries).toHaveLength(2);
	});

	it('repeats each event N times when asked', async () => {
		const queueId = h.newQueue();
		await register({ url: receiver.url, repeat: 3 });
		await join(h, queueId);
		await h.sim.webhooks.idle();
		expect(receiver.received).toHaveLength(3);
		expect(new Set(receiver.received.map((request) => JSON.stringify(request.body))).size).toBe(1);
		expect(h.sim.webhooks.deliveries.map((delivery) => delivery.copy)).toEqual([1, 2, 3]);
	});

	it('holds back a batch and delivers it out of order; flush sends a partial batch', async () => {
		const queueId = h.newQueue();
		await register({ url: receiver.url, reorder: 4 });
		const ticket = await join(h, queueId);
		h.sim.staff.call(queueId, ticket.id);
		h.sim.staff.retry(queueId, ticket.id);
		await h.sim.webhooks.idle();
		expect(receiver.received).toEqual([]);

		h.sim.staff.call(queueId, ticket.id);
		await h.sim.webhooks.idle();
		const stamps = receiver.received.map((request) => (request.body as { data: { position: { _ts: number } } }).data.position._ts);
		expect(stamps).toHaveLength(4);
		expect(stamps).not.toEqual([...stamps].sort((a, b) => a - b));

		h.sim.staff.checkIn(queueId, ticket.id);
		await h.sim.webhooks.idle();
		expect(receiver.received).toHaveLength(4);
		expect((await h.control('POST', '/webhooks/flush')).status).toBe(204);
		await h.sim.webhooks.idle();
		expect(receiver.received.map((request) => (request.body as { type: string }).type).at(-1)).toBe('positionFulfilled');
	});

	it.each([
		[{}, /url/],
		[{ url: 'ftp://x' }, /url/],
		[{ url: 'http://x', headers: { a: 1 } }, /headers/],
		[{ url: 'http://x', repeat: 0 }, /repeat/],
		[{ url: 'http://x', reorder: 1.5 }, /reorder/],
	])('refuses the registration %j with 400', async (body, reason) => {
		const answer = await h.control<{ message: string }>('POST', '/webhooks', body);
		expect(answer.status).toBe(400);
		expect(answer.body.message).toMatch(reason);
		expect(h.sim.webhooks.list()).toEqual([]);
	});
});
