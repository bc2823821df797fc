import { startTrigger } from '../harness/trigger';
import { newTicket, statusesOf, useLiveEnv, watching } from './setup';

const env = useLiveEnv();

describe('live ticket trigger: connection', () => {
	it('follows the negotiate redirect and sends the API key to the API host only', async () => {
		const ticket = newTicket(env);
		await startTrigger(watching(env, [ticket]), { credentials: env.credentials });
		await env.hub.waitForConnections(1, ticket.id);

		const apiNegotiates = env.hub.requests.filter((entry) => entry.server === 'api');
		expect(apiNegotiates).toHaveLength(1);
		expect(apiNegotiates[0]).toMatchObject({
			method: 'POST',
			path: `/regions/eu/queues/v1/organizations/${env.sim.tenantId}/queues/${env.queueId}/positions/${ticket.id}/negotiate`,
			query: { userId: expect.stringMatching(/^[0-9a-f-]{36}$/), negotiateVersion: '1' },
			status: 200,
		});
		expect(apiNegotiates[0].headers.apikey).toBe(env.sim.apiKey);
		expect(apiNegotiates[0].headers.authorization).toBeUndefined();

		const atHub = env.hub.requests.filter((entry) => entry.server === 'hub');
		expect(atHub.map((entry) => [entry.kind, entry.status])).toEqual([
			['service-negotiate', 200],
			['upgrade', 101],
		]);
		for (const entry of atHub) {
			expect(entry.headers.apikey).toBeUndefined();
			expect(JSON.stringify(entry)).not.toContain(env.sim.apiKey);
			expect(entry.headers.authorization).toMatch(/^Bearer at-/);
		}
	});

	it('emits a status change once, and nothing for the baseline or a repeated snapshot', async () => {
		const ticket = newTicket(env);
		const run = await startTrigger(watching(env, [ticket]), { credentials: env.credentials });
		await env.hub.waitForConnections(1, ticket.id);

		const called = env.sim.staff.call(env.queueId, ticket.id);
		await run.waitForEmitted(1);
		expect(run.emitted[0]).toMatchObject({ id: ticket.id, status: 'notified', queue: env.queueId, _ts: called._ts });

		// The same snapshot again, as the JSON string and as an object: not a new state.
		env.hub.push(ticket.id, JSON.stringify({ position: called }));
		env.hub.push(ticket.id, { position: called });
		env.sim.staff.checkIn(env.queueId, ticket.id);
		await run.waitForEmitted(2);
		expect(statusesOf(run.emitted)).toEqual(['notified', 'fulfilled']);
		expect(run.errors).toEqual([]);
	});

	it('emits every update as an object or a string argument with emitOn = everyUpdate, simplified on request', async () => {
		const ticket = newTicket(env);
		const run = await startTrigger(watching(env, [ticket], { emitOn: 'everyUpdate', options: { simplify: true } }), {
			credentials: env.credentials,
		});
		await env.hub.waitForConnections(1, ticket.id);
		const current = env.sim.store.getPosition(env.queueId, ticket.id)!;

		env.hub.push(ticket.id, { position: { ...current, _ts: current._ts! + 1, customerInfo: ['Ann'] } });
		await run.waitForEmitted(1);
		env.hub.push(ticket.id, JSON.stringify({ position: { ...current, _ts: current._ts! + 2, customerInfo: ['Bo'] } }));
		await run.waitForEmitted(2);
		expect(run.emitted.map((item) => item.customerInfo)).toEqual([['Ann'], ['Bo']]);
		expect(Object.keys(run.emitted[0]).sort()).toEqual(
			['bookingEnd', 'bookingStart', 'createdAt', 'customerInfo', 'email', 'id', 'label', 'numberInTheQueue', 'phone', 'positionUrl', 'queueId', 'status', 'type'].sort(),
		);
	});

	it('ignores an update older than the state already seen', async () => {
		const ticket = newTicket(env);
		const run = await startTrigger(watching(env, [ticket]), { credentials: env.credentials });
		await env.hub.waitForConnections(1, ticket.id);
		const called = env.sim.staff.call(env.queueId, ticket.id);
		await run.waitForEmitted(1);

		env.hub.push(ticket.id, JSON.stringify({ position: { ...called, status: 'pending', _ts: called._ts! - 1 } }));
		env.sim.staff.checkIn(env.queueId, ticket.id);
		await run.waitForEmitted(2);
		expect(statusesOf(run.emitted)).toEqual(['notified', 'fulfilled']);
	});
});
