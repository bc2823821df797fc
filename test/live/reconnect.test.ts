import { capturedLogs } from '../harness/logs';
import { eventually, startTrigger } from '../harness/trigger';
import { newTicket, statusesOf, useLiveEnv, watching } from './setup';

const env = useLiveEnv();

const failedNegotiates = () => env.hub.requests.filter((entry) => entry.kind === 'negotiate' && entry.status === 503).length;

describe('live ticket trigger: reconnects and misses nothing', () => {
	it('emits a change made while the connection was down exactly once after reconnecting', async () => {
		const ticket = newTicket(env);
		const run = await startTrigger(watching(env, [ticket]), { credentials: env.credentials });
		await env.hub.waitForConnections(1, ticket.id);

		// Keep the trigger out while the ticket changes: its position-update reaches nobody.
		env.hub.failNextNegotiates(1_000);
		env.hub.dropAll();
		await env.hub.waitFor(() => env.hub.connections().length === 0, 'the drop');
		env.sim.staff.call(env.queueId, ticket.id);
		await env.hub.waitFor(() => failedNegotiates() >= 2, 'two failed reconnect attempts');
		env.hub.failNextNegotiates(0);

		await run.waitForEmitted(1);
		expect(run.emitted[0]).toMatchObject({ id: ticket.id, status: 'notified' });
		env.sim.staff.checkIn(env.queueId, ticket.id);
		await run.waitForEmitted(2);
		expect(statusesOf(run.emitted)).toEqual(['notified', 'fulfilled']);
		expect(run.errors).toEqual([]);
	});

	it('reconnects after a server Close, with or without allowReconnect', async () => {
		const ticket = newTicket(env);
		const run = await startTrigger(watching(env, [ticket]), { credentials: env.credentials });
		await env.hub.waitForConnections(1, ticket.id);

		const connectionIds = () => env.hub.connections().map((connection) => connection.connectionId);
		const first = connectionIds();
		env.hub.closeAll({ error: 'maintenance', allowReconnect: true });
		await env.hub.waitFor(() => connectionIds().length === 1 && connectionIds()[0] !== first[0], 'a reconnect');
		const second = connectionIds();
		env.hub.closeAll({ error: 'shutting down' });
		await env.hub.waitFor(() => connectionIds().length === 1 && connectionIds()[0] !== second[0], 'a new connection');

		env.sim.staff.call(env.queueId, ticket.id);
		await run.waitForEmitted(1);
		expect(statusesOf(run.emitted)).toEqual(['notified']);
		expect(run.errors).toEqual([]);
	});

	it('retries a failing first connect and logs it, without the API key', async () => {
		const ticket = newTicket(env);
		env.hub.failNextNegotiates(3);
		const run = await startTrigger(watching(env, [ticket]), { credentials: env.credentials });
		await env.hub.waitForConnections(1, ticket.id);
		expect(failedNegotiates()).toBe(3);
		expect(capturedLogs.filter((line) => line.message.includes('cannot connect')).length).toBeGreaterThanOrEqual(3);
		expect(JSON.stringify(capturedLogs)).not.toContain(env.sim.apiKey);

		env.sim.staff.call(env.queueId, ticket.id);
		await run.waitForEmitted(1);
		expect(run.errors).toEqual([]);
	});

	it('does not emit again after a restart, and emits what changed while it was stopped', async () => {
		const ticket = newTicket(env);
		const first = await startTrigger(watching(env, [ticket]), { credentials: env.credentials });
		await env.hub.waitForConnections(1, ticket.id);
		env.sim.staff.call(env.queueId, ticket.id);
		await first.waitForEmitted(1);
		await first.close();

		// Restarted from the saved static data: notified is not emitted again, fulfilled (missed) is.
		env.sim.staff.checkIn(env.queueId, ticket.id);
		const second = await startTrigger(watching(env, [ticket]), { credentials: env.credentials, staticData: first.staticData() });
		await second.waitForEmitted(1);
		env.sim.staff.checkOut(env.queueId, ticket.id);
		await second.waitForEmitted(2);
		expect(statusesOf(second.emitted)).toEqual(['fulfilled', 'completed']);

		// Completed is final: the ticket is no longer watched.
		await env.hub.waitFor(() => env.hub.connections().length === 0, 'the connection to close');
	});

	it('reports a key rejected while running with emitError and stops', async () => {
		const ticket = newTicket(env);
		const run = await startTrigger(watching(env, [ticket]), { credentials: env.credentials });
		await env.hub.waitForConnections(1, ticket.id);

		env.hub.failNextNegotiates(1_000, 401);
		env.hub.dropAll();
		const error = await run.waitForError();
		expect(error.message).toBe('API key rejected by Ombori Grid');
		expect(JSON.stringify(error)).not.toContain(env.sim.apiKey);
		expect(run.errors).toHaveLength(1);
		const attempts = env.hub.requests.length;
		await eventually(() => env.hub.connections().length === 0, 'no connections');
		expect(env.hub.requests.length).toBe(attempts);
	});
});
