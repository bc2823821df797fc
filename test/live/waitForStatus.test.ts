import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { ACTION_NODE, actionWorkflow } from '../harness/workflows';
import { newTicket, useLiveEnv } from './setup';

const env = useLiveEnv();

const waitLive = (ticketId: string, statuses: string[], timeout = 30) =>
	runWorkflow(
		actionWorkflow({
			resource: 'ticket',
			operation: 'waitForStatus',
			queueId: env.queueId,
			ticketId,
			statuses,
			timeout,
			options: { mode: 'live' },
		} as IDataObject),
		{ credentials: env.credentials },
	);

const readsOf = (ticketId: string) => env.sim.requests.filter((entry) => entry.method === 'GET' && entry.path.endsWith(ticketId));

describe('ticket wait for status, live mode', () => {
	it('returns the ticket when its update arrives, without polling', async () => {
		const ticket = newTicket(env);
		const running = waitLive(ticket.id, ['notified']);
		await env.hub.waitForConnections(1, ticket.id);
		env.sim.staff.call(env.queueId, ticket.id);
		const result = await running;

		expect(result.error).toBeUndefined();
		expect(result.output(ACTION_NODE)[0].json).toMatchObject({ id: ticket.id, status: 'notified' });
		// One read before connecting and at most one after it: no polling.
		expect(readsOf(ticket.id).length).toBeLessThanOrEqual(2);
		await env.hub.waitFor(() => env.hub.connections().length === 0, 'the connection to close');
	});

	it('returns at once, without connecting, when the ticket already has the status', async () => {
		const ticket = newTicket(env);
		const result = await waitLive(ticket.id, ['pending']);
		expect(result.output(ACTION_NODE)[0].json).toMatchObject({ status: 'pending' });
		expect(env.hub.requests).toEqual([]);
	});

	it('fails when the ticket ends in a final status first', async () => {
		const ticket = newTicket(env);
		const running = waitLive(ticket.id, ['fulfilled']);
		await env.hub.waitForConnections(1, ticket.id);
		env.sim.staff.reject(env.queueId, ticket.id);
		const result = await running;
		expect(result.error?.message).toBe(`Ticket ${ticket.id} in queue ${env.queueId} ended in status rejected before reaching fulfilled`);
	});

	it('fails on timeout with the last status seen and closes its connection', async () => {
		const ticket = newTicket(env);
		const result = await waitLive(ticket.id, ['fulfilled'], 1);
		expect(result.error?.message).toBe(
			`Ticket ${ticket.id} in queue ${env.queueId} did not reach fulfilled within 1 s; last status seen: pending`,
		);
		await env.hub.waitFor(() => env.hub.connections().length === 0, 'the connection to close');
	});
});
