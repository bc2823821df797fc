import type { JoinResponse, Position } from '../../nodes/OmboriGrid/shared/types';
import { join, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
	h = await startHarness({ seed: 7 });
});
afterEach(() => h.sim.clearFaults());
afterAll(() => h.sim.close());

const joinBody = { session: 's', position: {} };
const ticketsIn = (queueId: string) => h.sim.store.listPositions(queueId).length;

describe('fault kinds', () => {
	it('status: answers the error without applying the change, once', async () => {
		const queueId = h.newQueue();
		h.sim.addFault({ kind: 'status', status: 503, path: '/join' });
		expect(await h.api('POST', `/queues/${queueId}/join`, joinBody)).toMatchObject({
			status: 503,
			body: { message: 'Simulated fault: HTTP 503' },
		});
		expect(ticketsIn(queueId)).toBe(0);
		expect((await h.api('POST', `/queues/${queueId}/join`, joinBody)).status).toBe(200);
	});

	it('status with applyBeforeResponding: applies the change, then answers the error', async () => {
		const queueId = h.newQueue();
		h.sim.addFault({ kind: 'status', status: 502, body: 'Bad gateway', applyBeforeResponding: true });
		const answer = await h.api('POST', `/queues/${queueId}/join`, joinBody);
		expect(answer).toMatchObject({ status: 502, text: 'Bad gateway' });
		expect(answer.headers.get('content-type')).toContain('text/plain');
		expect(ticketsIn(queueId)).toBe(1);
	});

	it('rateLimit: 429 with Retry-After, nothing applied', async () => {
		const queueId = h.newQueue();
		h.sim.addFault({ kind: 'rateLimit', retryAfter: 2 });
		const answer = await h.api('POST', `/queues/${queueId}/join`, joinBody);
		expect(answer.status).toBe(429);
		expect(answer.headers.get('retry-after')).toBe('2');
		expect(ticketsIn(queueId)).toBe(0);
	});

	it('malformedJson: applies the change and answers 200 with a truncated JSON body', async () => {
		const queueId = h.newQueue();
		h.sim.addFault({ kind: 'malformedJson', method: 'POST' });
		const answer = await h.api('POST', `/queues/${queueId}/join`, joinBody);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(() => JSON.parse(answer.text)).toThrow();
		expect(answer.text.startsWith('{"positionUrl"')).toBe(true);
		expect(ticketsIn(queueId)).toBe(1);
	});

	it('dropBeforeProcessing: the socket closes and nothing is created', async () => {
		const queueId = h.newQueue();
		h.sim.addFault({ kind: 'dropBeforeProcessing', path: '/join' });
		await expect(h.api('POST', `/queues/${queueId}/join`, joinBody)).rejects.toThrow();
		expect(ticketsIn(queueId)).toBe(0);
		expect(h.sim.requests.at(-1)).toMatchObject({ status: null, fault: expect.any(String) });
	});

	it('dropAfterProcessing: the socket closes but the ticket WAS created', async () => {
		const queueId = h.newQueue();
		const id = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
		h.sim.addFault({ kind: 'dropAfterProcessing', path: '/join' });
		await expect(h.api('POST', `/queues/${queueId}/join`, { session: 's', position: { id } })).rejects.toThrow();
		expect(h.sim.store.getPosition(queueId, id)?.status).toBe('pending');
		const retried = await h.api<JoinResponse>('POST', `/queues/${queueId}/join`, { session: 's', position: { id } });
		expect(retried.body.position.label).toBe('A1');
		expect(ticketsIn(queueId)).toBe(1);
	});

	it('latency: per rule and global', async () => {
		const queueId = h.newQueue();
		const ticket = await join(h, queueId);
		const timed = async () => {
			const started = Date.now();
			await h.api<Position>('GET', `/queues/${queueId}/positions/${ticket.id}`);
			return Date.now() - started;
		};
		h.sim.addFault({ kind: 'latency', latencyMs: 120 });
		expect(await timed()).toBeGreaterThanOrEqual(110);
		h.sim.setLatency(80);
		expect(await timed()).toBeGreaterThanOrEqual(70);
		h.sim.setLatency(0);
	});
});

describe('matching and counting', () => {
	it('matches method and path, honours times (-1 = forever) and counts per kind', async () => {
		const queueId = h.newQueue();
		const ticket = await join(h, queueId);
		const before = h.sim.stats().faultsFired.status ?? 0;
		h.sim.addFault({ kind: 'status', status: 500, method: 'GET', path: '/positions/', times: -1 });
		const get = () => h.api('GET', `/queues/${queueId}/positions/${ticket.id}`);
		expect((await get()).status).toBe(500);
		expect((await get()).status).toBe(500);
		expect((await h.api('PATCH', `/queues/${queueId}/positions/${ticket.id}`, { locale: 'de' })).status).toBe(200);
		expect(h.sim.stats().faultsFired.status).toBe(before + 2);
		expect(h.sim.listFaults()[0]).toMatchObject({ remaining: -1, fired: 2 });
		h.sim.clearFaults();
		expect((await get()).status).toBe(200);
	});

	it('accepts a regular expression as path', async () => {
		const queueId = h.newQueue();
		h.sim.addFault({ kind: 'status', status: 500, path: '^/queues/[^/]+/join$', times: 2 });
		expect((await h.api('POST', `/queues/${queueId}/join`, joinBody)).status).toBe(500);
		expect((await h.api('GET', `/queues/${queueId}/time-slots?from=2030-03-04&to=2030-03-05`)).status).toBe(200);
	});

	it('rolls reproducible dice with the seed', async () => {
		const queueId = h.newQueue();
		const run = async () => {
			h.sim.setSeed(123);
			h.sim.clearFaults();
			h.sim.addFault({ kind: 'status', status: 500, probability: 0.5, times: -1 });
			const statuses: number[] = [];
			for (let i = 0; i < 12; i += 1) {
				statuses.push((await h.api('GET', `/queues/${queueId}/time-slots?from=2030-03-04&to=2030-03-05`)).status);
			}
			return statuses;
		};
		const first = await run();
		expect(first).toContain(500);
		expect(first).toContain(200);
		expect(await run()).toEqual(first);
	});

	it('never faults /_sim routes', async () => {
		h.sim.addFault({ kind: 'dropBeforeProcessing', times: -1 });
		expect((await h.control('GET', '/stats')).status).toBe(200);
	});
});
