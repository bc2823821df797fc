import { randomUUID } from 'node:crypto';

import { simulatorCredential } from '../harness/simulator';
import { startTrigger } from '../harness/trigger';
import { newTicket, useLiveEnv, watching } from './setup';

const env = useLiveEnv();

async function timeClose(close: () => Promise<void>): Promise<number> {
	const started = Date.now();
	await close();
	return Date.now() - started;
}

describe('live ticket trigger: activation', () => {
	it('fails clearly on a rejected API key, before connecting', async () => {
		const ticket = newTicket(env);
		const credentials = { omboriGridApi: simulatorCredential(env.sim, { apiKey: 'wrong-key' }) };
		await expect(startTrigger(watching(env, [ticket]), { credentials })).rejects.toMatchObject({
			message: 'API key rejected by Ombori Grid',
			httpCode: '401',
		});
		expect(env.hub.requests).toEqual([]);
	});

	it('fails clearly on an unknown ticket', async () => {
		const known = newTicket(env);
		const unknown = randomUUID();
		const parameters = { ...watching(env, [known]), ticketIds: `${known.id}, ${unknown}` };
		await expect(startTrigger(parameters, { credentials: env.credentials })).rejects.toMatchObject({
			message: `Ticket ${unknown} not found in queue ${env.queueId}`,
		});
		expect(env.hub.requests).toEqual([]);
	});

	it('fails on ticket IDs that are not UUIDs, without any request', async () => {
		await expect(startTrigger({ ...watching(env, []), ticketIds: 'A12' }, { credentials: env.credentials })).rejects.toThrow(
			'"Ticket IDs" must be one or more ticket UUIDs, separated by commas',
		);
		expect(env.sim.requests).toEqual([]);
	});

	it('does not watch a ticket that is already completed', async () => {
		const ticket = newTicket(env);
		for (const step of ['call', 'checkIn', 'checkOut'] as const) env.sim.staff[step](env.queueId, ticket.id);
		const open = newTicket(env);
		await startTrigger(watching(env, [ticket, open]), { credentials: env.credentials });
		await env.hub.waitForConnections(1, open.id);
		expect(env.hub.connections().map((connection) => connection.positionId)).toEqual([open.id]);
	});
});

describe('live ticket trigger: closing', () => {
	it('closes within 5 s while a WebSocket upgrade is stalled', async () => {
		const ticket = newTicket(env);
		env.hub.stall('upgrade');
		const run = await startTrigger(watching(env, [ticket]), { credentials: env.credentials });
		await env.hub.waitFor(() => env.hub.requests.some((entry) => entry.kind === 'upgrade'), 'the upgrade');
		expect(await timeClose(run.close)).toBeLessThan(5_000);
	});

	it('closes within 5 s while a negotiate is stalled', async () => {
		const ticket = newTicket(env);
		env.hub.stall('negotiate');
		const run = await startTrigger(watching(env, [ticket]), { credentials: env.credentials });
		await env.hub.waitFor(() => env.hub.requests.some((entry) => entry.kind === 'negotiate'), 'the negotiate');
		expect(await timeClose(run.close)).toBeLessThan(5_000);
		expect(env.hub.connections()).toEqual([]);
	});

	it('releases every connection when closed', async () => {
		const tickets = [newTicket(env), newTicket(env)];
		const run = await startTrigger(watching(env, tickets), { credentials: env.credentials });
		await env.hub.waitForConnections(2);
		await run.close();
		await env.hub.waitFor(() => env.hub.connections().length === 0, 'all connections closed');
	});
});
