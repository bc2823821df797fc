import type { Position } from '../../nodes/OmboriGrid/shared/types';
import { DEMO_QUEUE_IDS, startSimulator, type QueueWithPositions, type RequestLogEntry } from '../../simulator';
import { join, request, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
	h = await startHarness({ demo: true });
});
afterAll(() => h.sim.close());

describe('simulator object', () => {
	it('exposes the credential values', () => {
		expect(h.sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(h.sim.apiRoot).toBe(`${h.sim.url}/regions/eu/queues/v1`);
		expect(h.sim.orgUrl).toBe(`${h.sim.apiRoot}/organizations/ombori-demo`);
		expect(h.sim.apiKey).toBe('test-key');
	});

	it('generates a random API key by default', async () => {
		const sim = await startSimulator();
		expect(sim.apiKey).toMatch(/^sim-key-[0-9a-f]{24}$/);
		await sim.close();
	});
});

describe('/_sim routes', () => {
	it('lists the demo queues with tickets in several statuses', async () => {
		const { body } = await h.control<QueueWithPositions[]>('GET', '/queues');
		expect(body.map((queue) => queue.name)).toEqual(['Front Desk', 'Pharmacy']);
		expect(body[0]).toMatchObject({ id: DEMO_QUEUE_IDS.frontDesk, capacity: 4, slotMinutes: 15 });
		const statuses = new Set(body.flatMap((queue) => queue.positions.map((position) => position.status)));
		expect([...statuses].sort()).toEqual(['completed', 'draft', 'fulfilled', 'notified', 'pending', 'rejected', 'reserved']);
	});

	it('creates queues and validates their configuration', async () => {
		const created = await h.control<QueueWithPositions>('POST', '/queues', { name: 'Lab', capacity: 2 });
		expect(created).toMatchObject({ status: 201, body: { name: 'Lab', capacity: 2, tenantId: 'ombori-demo', slotResponseShape: 'array' } });
		expect((await h.control('GET', `/queues/${created.body.id}`)).body).toMatchObject({ positions: [] });
		expect((await h.control('POST', '/queues', { openingHours: { start: '18:00', end: '09:00' } })).status).toBe(400);
		expect((await h.control('POST', '/queues', { id: created.body.id })).status).toBe(409);
	});

	it('logs API requests with headers and body, filters and clears them', async () => {
		h.sim.clearRequests();
		await join(h, DEMO_QUEUE_IDS.pharmacy, { customerInfo: ['Logged'] });
		await h.api('POST', `/queues/${DEMO_QUEUE_IDS.pharmacy}/join`, 'not json');
		const { body } = await h.control<RequestLogEntry[]>('GET', '/requests?method=post&path=/join');
		expect(body).toHaveLength(2);
		expect(body[0]).toMatchObject({
			method: 'POST',
			path: `/regions/eu/queues/v1/organizations/ombori-demo/queues/${DEMO_QUEUE_IDS.pharmacy}/join`,
			headers: { apikey: 'test-key', 'content-type': 'application/json' },
			body: { session: 'test-session', position: { customerInfo: ['Logged'] } },
			status: 200,
		});
		expect(body[1]).toMatchObject({ body: 'not json', status: 400 });
		expect(h.sim.stats().requests).toBe(2);
		expect((await h.control('DELETE', '/requests')).status).toBe(204);
		expect(h.sim.requests).toHaveLength(0);
	});

	it('manages faults, latency and the seed over HTTP', async () => {
		const added = await h.control<Array<{ id: string }>>('POST', '/faults', [
			{ id: 'flaky-join', kind: 'rateLimit', path: '/join', retryAfter: '1' },
			{ kind: 'status', status: 500, method: 'DELETE' },
		]);
		expect(added.status).toBe(201);
		expect(added.body.map((rule) => rule.id)).toEqual(['flaky-join', expect.stringMatching(/^fault-/)]);
		expect((await h.control('POST', '/faults', { kind: 'explode' })).status).toBe(400);
		const limited = await h.api('POST', `/queues/${DEMO_QUEUE_IDS.pharmacy}/join`, { session: 's' });
		expect(limited.status).toBe(429);
		expect(h.sim.requests.at(-1)?.fault).toBe('flaky-join');
		expect((await h.control('GET', '/faults')).body).toEqual([
			expect.objectContaining({ id: 'flaky-join', fired: 1, remaining: 0 }),
			expect.objectContaining({ fired: 0, remaining: 1 }),
		]);
		expect((await h.control('DELETE', '/faults')).status).toBe(204);
		expect((await h.control('PUT', '/latency', { ms: 0 })).status).toBe(204);
		expect((await h.control('PUT', '/latency', { ms: -1 })).status).toBe(400);
		expect((await h.control('PUT', '/seed', { seed: 9 })).status).toBe(204);
		expect((await h.control<{ faultsFired: object }>('GET', '/stats')).body.faultsFired).toMatchObject({ rateLimit: 1 });
	});

	it('counts API creations only, and resets to the demo state', async () => {
		const { body: before } = await h.control<{ created: Record<string, number> }>('GET', '/stats');
		await join(h, DEMO_QUEUE_IDS.frontDesk);
		h.sim.staff.createManual(DEMO_QUEUE_IDS.frontDesk);
		const { body: after } = await h.control<{ created: Record<string, number> }>('GET', '/stats');
		expect(after.created.ticket - before.created.ticket).toBe(1);
		expect(after.created.manual - before.created.manual).toBe(1);

		expect((await h.control('POST', '/reset')).status).toBe(204);
		expect(h.sim.stats()).toEqual({
			created: { ticket: 0, booking: 0, reservation: 0, manual: 0 },
			faultsFired: {},
			requests: 0,
		});
		expect(h.sim.listQueues().map((queue) => queue.name)).toEqual(['Front Desk', 'Pharmacy']);
	});

	it('answers 404 for unknown /_sim routes and returns info', async () => {
		expect((await h.control('GET', '/nothing')).status).toBe(404);
		expect((await h.control('GET', '/info')).body).toMatchObject({ apiRoot: h.sim.apiRoot, apiKey: 'test-key' });
	});
});

describe('extension and shutdown', () => {
	it('lets other modules add routes that are logged and faultable', async () => {
		h.sim.addRoute('POST', /\/positions\/([^/]+)\/negotiate$/, ({ params }) => ({
			status: 200,
			body: { negotiated: params[0] },
		}));
		const url = `${h.sim.orgUrl}/queues/${DEMO_QUEUE_IDS.frontDesk}/positions/abc/negotiate`;
		expect((await request(url, 'POST')).body).toEqual({ negotiated: 'abc' });
		h.sim.addFault({ kind: 'status', status: 503, path: '/negotiate' });
		expect((await request(url, 'POST')).status).toBe(503);
		expect(h.sim.requests.at(-1)).toMatchObject({ path: expect.stringContaining('/negotiate'), status: 503 });
	});

	it('lets an added route write the answer itself', async () => {
		h.sim.addRoute('GET', /^\/custom\/raw$/, ({ res }) => {
			res.writeHead(202, { 'content-type': 'text/plain' });
			res.end('raw');
			return undefined;
		});
		expect(await request(`${h.sim.url}/custom/raw`, 'GET')).toMatchObject({ status: 202, text: 'raw' });
		expect(h.sim.requests.at(-1)).toMatchObject({ path: '/custom/raw', status: 202 });
	});

	it('close() ends keep-alive connections and is idempotent', async () => {
		const sim = await startSimulator();
		const queueId = sim.createQueue().id;
		const answer = await fetch(`${sim.orgUrl}/queues/${queueId}/join`, {
			method: 'POST',
			headers: { ApiKey: sim.apiKey, 'content-type': 'application/json', connection: 'keep-alive' },
			body: JSON.stringify({ session: 's' }),
		});
		expect(((await answer.json()) as { position: Position }).position.status).toBe('pending');
		const started = Date.now();
		await Promise.all([sim.close(), sim.close()]);
		expect(Date.now() - started).toBeLessThan(1000);
		expect(sim.server.listening).toBe(false);
	});
});
