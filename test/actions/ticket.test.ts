import { randomUUID } from 'node:crypto';

import { runWorkflow } from '../harness/engine';
import { unusedPort } from '../harness/simulator';
import { ACTION_NODE, actionWorkflow } from '../harness/workflows';
import { useActionSimulator } from './setup';

const env = useActionSimulator();
const { run, orgPath } = env;
const ticket = env.parametersFor('ticket');

async function createTicket(customerInfo: string[] = ['Jane']) {
	const [created] = await env.runOk(ticket('create', { additionalFields: { customerInfo } }));
	return created as { id: string; status: string };
}

describe('ticket create (E1)', () => {
	it('joins the queue with a generated session and outputs the position with positionUrl', async () => {
		const result = await run(ticket('create', { additionalFields: { customerInfo: ['Jane', 'Doe'] } }));
		expect(result.error).toBeUndefined();
		const [item] = result.output(ACTION_NODE);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({ status: 'pending', type: 'anonymous', queue: env.queueId, customerInfo: ['Jane', 'Doe'] });
		expect(item.json.label).toMatch(/^A\d+$/);
		expect(typeof item.json.positionUrl).toBe('string');

		const [request] = env.requests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`${orgPath()}/queues/${env.queueId}/join`);
		expect(request.headers.apikey).toBe(env.sim.apiKey);
		expect(request.headers['content-type']).toMatch(/application\/json/);
		expect(request.body).toEqual({ session: expect.stringMatching(/^[0-9a-f-]{36}$/), position: { customerInfo: ['Jane', 'Doe'] } });
	});

	it('sends a given session and tags unchanged', async () => {
		const tag = { id: randomUUID(), title: { en: 'VIP' } };
		const result = await run(ticket('create', { additionalFields: { session: 'kiosk-7', tags: JSON.stringify([tag]) } }));
		expect(result.error).toBeUndefined();
		expect(env.requests()[0].body).toEqual({ session: 'kiosk-7', position: { tags: [tag] } });
		expect(result.output(ACTION_NODE)[0].json.tags).toEqual([tag]);
	});

	it('simplify gives the flat shape', async () => {
		const result = await run(ticket('create', { additionalFields: { customerInfo: ['Ann'] }, options: { simplify: true } }));
		const json = result.output(ACTION_NODE)[0].json;
		expect(Object.keys(json).sort()).toEqual(
			['bookingEnd', 'bookingStart', 'createdAt', 'customerInfo', 'email', 'id', 'label', 'numberInTheQueue', 'phone', 'positionUrl', 'queueId', 'status', 'type'].sort(),
		);
		expect(json).toMatchObject({ status: 'pending', queueId: env.queueId, customerInfo: ['Ann'] });
	});
});

describe('ticket get, update, cancel (E2, E10, E9)', () => {
	it('gets a ticket by ID', async () => {
		const created = await createTicket();
		env.sim.clearRequests();
		const result = await run(ticket('get', { ticketId: created.id }));
		expect(result.error).toBeUndefined();
		expect(result.output(ACTION_NODE)[0].json).toMatchObject({ id: created.id, status: 'pending' });
		const [request] = env.requests();
		expect([request.method, request.path]).toEqual(['GET', `${orgPath()}/queues/${env.queueId}/positions/${created.id}`]);
	});

	it('updates only the fields given', async () => {
		const created = await createTicket();
		env.sim.clearRequests();
		const result = await run(
			ticket('update', {
				ticketId: created.id,
				updateFields: { customerInfo: ['Janet'], notifyBy: 'phoneNumber', phone: '+46701234567', numberOfPeople: 3 },
			}),
		);
		expect(result.error).toBeUndefined();
		const [request] = env.requests();
		expect([request.method, request.path]).toEqual(['PATCH', `${orgPath()}/queues/${env.queueId}/positions/${created.id}`]);
		expect(request.body).toEqual({
			customerInfo: ['Janet'],
			notification: { type: 'phoneNumber', settings: { to: '+46701234567' } },
			numberOfPeople: 3,
		});
		expect(result.output(ACTION_NODE)[0].json).toMatchObject({ customerInfo: ['Janet'], numberOfPeople: 3 });
	});

	it('cancels a ticket', async () => {
		const created = await createTicket();
		env.sim.clearRequests();
		const result = await run(ticket('cancel', { ticketId: created.id }));
		expect(result.error).toBeUndefined();
		expect(result.output(ACTION_NODE)[0].json.status).toBe('rejected');
		const [request] = env.requests();
		expect([request.method, request.path]).toEqual([
			'PUT',
			`${orgPath()}/queues/${env.queueId}/positions/${created.id}/cancel-position`,
		]);
	});
});

describe('API errors', () => {
	it('404: names the ticket and the queue', async () => {
		const missing = randomUUID();
		const result = await run(ticket('get', { ticketId: missing }));
		expect(result.error?.message).toBe(`Ticket ${missing} not found in queue ${env.queueId}`);
	});

	it('404: an unknown queue is named as such', async () => {
		const queueId = randomUUID();
		const result = await run({ ...ticket('create'), queueId });
		expect(result.error?.message).toBe(`Queue ${queueId} not found`);
	});

	it('401: says the key was rejected and never shows it', async () => {
		const wrongKey = 'wrong-key-123456';
		const result = await runWorkflow(actionWorkflow(ticket('create')), {
			credentials: { omboriGridApi: { ...env.credentials.omboriGridApi, apiKey: wrongKey } },
		});
		expect(result.error?.message).toBe('API key rejected by Ombori Grid');
		expect((result.error as { description?: string }).description).toMatch(/check the API key/i);
		expect(JSON.stringify(result.run.data)).not.toContain(wrongKey);
		expect(env.requests()).toHaveLength(1);
	});

	it('400: carries the server message', async () => {
		env.sim.addFault({ kind: 'status', status: 400, body: { message: 'session is too long' }, path: '/join' });
		const result = await run(ticket('create'));
		expect(result.error?.message).toBe(`Ombori Grid rejected the request for Ticket of queue ${env.queueId}: session is too long`);
	});
});

describe('validation before any request', () => {
	it.each([
		['queueId', { queueId: 'not-a-uuid' }, '"Queue ID" in item 0 must be a UUID'],
		['ticketId', { operation: 'get', ticketId: '123' }, '"Ticket ID" in item 0 must be a UUID'],
		['phone', { operation: 'update', ticketId: randomUUID(), updateFields: { notifyBy: 'phoneNumber', phone: '0701234567' } }, '"Phone" in item 0 must be a phone number in E.164 form'],
		['email', { operation: 'update', ticketId: randomUUID(), updateFields: { notifyBy: 'email', email: 'jane' } }, '"Email" in item 0 must be an e-mail address'],
		['tags', { additionalFields: { tags: '[{"title": {"en": "x"}}]' } }, '"Tags (JSON)" in item 0 must be a JSON list of tags'],
		['empty update', { operation: 'update', ticketId: randomUUID(), updateFields: {} }, '"Update Fields" in item 0 is empty'],
	])('%s', async (_name, overrides, message) => {
		const result = await run({ ...ticket('create'), ...overrides });
		expect(result.error?.message).toContain(message);
		expect(env.requests()).toHaveLength(0);
	});
});

describe('retries', () => {
	it('429 with Retry-After is retried, then succeeds, creating one ticket', async () => {
		const before = env.sim.stats().created.ticket;
		env.sim.addFault({ kind: 'rateLimit', retryAfter: '0', path: '/join', times: 2 });
		const result = await run(ticket('create'));
		expect(result.error).toBeUndefined();
		expect(env.requests().map((entry) => entry.status)).toEqual([429, 429, 200]);
		expect(env.sim.stats().created.ticket).toBe(before + 1);
	});

	it('503 is retried for a POST', async () => {
		env.sim.addFault({ kind: 'status', status: 503, path: '/join' });
		const result = await run(ticket('create'));
		expect(result.error).toBeUndefined();
		expect(env.requests().map((entry) => entry.status)).toEqual([503, 200]);
	});

	it('a POST answered 500 is not re-sent', async () => {
		env.sim.addFault({ kind: 'status', status: 500, path: '/join', applyBeforeResponding: true });
		const result = await run(ticket('create'));
		expect(result.error?.message).toContain('Ombori Grid server error 500');
		expect((result.error as { description?: string }).description).toMatch(/not re-sent/);
		expect(env.requests()).toHaveLength(1);
	});

	it('a GET answered 500 is retried', async () => {
		const created = await createTicket();
		env.sim.clearRequests();
		env.sim.addFault({ kind: 'status', status: 500, method: 'GET' });
		const result = await run(ticket('get', { ticketId: created.id }));
		expect(result.error).toBeUndefined();
		expect(env.requests().map((entry) => entry.status)).toEqual([500, 200]);
	});

	it('a POST whose connection drops after sending is reported, not repeated', async () => {
		const before = env.sim.stats().created.ticket;
		env.sim.addFault({ kind: 'dropAfterProcessing', path: '/join' });
		const result = await run(ticket('create'));
		expect(result.error?.message).toContain('The connection to Ombori Grid failed');
		expect(env.sim.stats().created.ticket).toBe(before + 1);
		expect(env.requests()).toHaveLength(1);
	});

	it('a GET whose connection drops is retried', async () => {
		const created = await createTicket();
		env.sim.clearRequests();
		env.sim.addFault({ kind: 'dropBeforeProcessing', method: 'GET' });
		const result = await run(ticket('get', { ticketId: created.id }));
		expect(result.error).toBeUndefined();
		expect(env.requests().filter((entry) => entry.method === 'GET')).toHaveLength(2);
	});

	it('malformed JSON on a POST is an error, not a retry', async () => {
		env.sim.addFault({ kind: 'malformedJson', path: '/join' });
		const result = await run(ticket('create'));
		expect(result.error?.message).toContain('unreadable answer');
		expect(env.requests()).toHaveLength(1);
	});

	it('an unreachable host is named', async () => {
		const port = await unusedPort();
		const result = await runWorkflow(actionWorkflow(ticket('create')), {
			credentials: { omboriGridApi: { ...env.credentials.omboriGridApi, customUrl: `http://127.0.0.1:${port}/regions/eu/queues/v1` } },
		});
		expect(result.error?.message).toBe(`Cannot reach Ombori Grid at http://127.0.0.1:${port} (connection refused)`);
	});
});

describe('continue on fail', () => {
	it('five items with two bad ones give five outputs in order, each paired', async () => {
		const created = await createTicket();
		env.sim.clearRequests();
		const items = [created.id, 'bad-id', created.id, randomUUID(), created.id].map((ticketId) => ({ ticketId }));
		const result = await run(ticket('get', { ticketId: '={{ $json.ticketId }}' }), { items, continueOnFail: true });
		expect(result.error).toBeUndefined();
		const output = result.output(ACTION_NODE);
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(output.map((item) => (item.json.error ? 'error' : item.json.id))).toEqual([created.id, 'error', created.id, 'error', created.id]);
		expect(output[1].json.error).toContain('"Ticket ID" in item 1 must be a UUID');
		expect(output[3].json.error).toContain('not found in queue');
		expect(env.requests()).toHaveLength(4);
	});

	it('without continue on fail the first bad item stops the run with its index', async () => {
		const items = [{ ticketId: randomUUID() }, { ticketId: 'x' }];
		const result = await run(ticket('get', { ticketId: '={{ $json.ticketId }}' }), { items });
		expect(result.error?.message).toContain('not found in queue');
		expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(0);
	});
});
