/**
 * The live (SignalR) trigger in a published workflow: a staff call starts an execution; after the
 * hub drops every socket, a call made while the trigger is cut off still starts one (caught up after
 * the reconnect), and nothing that already fired fires again.
 */
import assert from 'node:assert/strict';
import { waitFor } from '../../scripts/n8n/proc';
import { auditEntries, staffTickets, type E2eContext } from '../context';
import { control, staffAction } from '../simControl';
import { liveWorkflow } from '../workflows';

/** Two fresh staff tickets to watch, so no other check touches them. */
export function liveFlow(ctx: Omit<E2eContext, 'n8n'>, ticketIds: string[]) {
	return liveWorkflow({ credential: ctx.credential, queueId: ctx.queueId, ticketIds, auditQueueId: ctx.auditQueueId });
}

export const createWatchedTickets = (ctx: Omit<E2eContext, 'n8n'>): string[] => staffTickets(ctx, 'Live');

interface HubState {
	connections: Array<{ positionId: string }>;
}

const connectedTickets = async (ctx: E2eContext): Promise<string[]> =>
	(await control<HubState>(ctx.sim, 'GET', '/hub')).connections.map((connection) => connection.positionId).sort();

/** Resolves once the hub has a live connection for each of the tickets (the trigger is watching). */
export async function waitForWatching(ctx: E2eContext, tickets: string[], what = 'the trigger to connect'): Promise<void> {
	await waitFor(
		`${what} to ${tickets.join(', ')}`,
		async () => {
			const connected = await connectedTickets(ctx);
			return tickets.every((ticket) => connected.includes(ticket)) ? true : undefined;
		},
		60_000,
	);
}

async function waitForEntry(ctx: E2eContext, ticketId: string, status: string): Promise<void> {
	await waitFor(
		`an execution for ${ticketId} becoming ${status}`,
		async () => (auditEntries(ctx, 'live').some(([, id, seen]) => id === ticketId && seen === status) ? true : undefined),
		30_000,
	);
}

/** What the simulator saw of the watched tickets: attached to a failure, since n8n's side is only in its log. */
function describeTraffic(ctx: E2eContext, tickets: string[]): string {
	const lines = ctx.sim.requests
		.filter((entry) => tickets.some((id) => entry.path.includes(id)))
		.map((entry) => `${entry.time} ${entry.method} ${entry.path.replace(/^.*\/queues\//, '…/queues/')} → ${entry.status ?? 'no answer'}`);
	return `simulator requests for the watched tickets:\n${lines.join('\n')}`;
}

export async function checkLiveTrigger(ctx: E2eContext, tickets: string[]): Promise<void> {
	try {
		await runLiveTrigger(ctx, tickets);
	} catch (error) {
		(error as Error).message += `\n${describeTraffic(ctx, tickets)}`;
		throw error;
	}
}

async function runLiveTrigger(ctx: E2eContext, [first, second]: string[]): Promise<void> {
	await waitForWatching(ctx, [first, second]);

	await staffAction(ctx.sim, ctx.queueId, first, 'call');
	await waitForEntry(ctx, first, 'notified');

	const { affected } = await control<{ affected: number }>(ctx.sim, 'POST', '/hub/drop');
	assert.ok(affected >= 2, `the hub should drop both sockets, dropped ${affected}`);
	await staffAction(ctx.sim, ctx.queueId, second, 'call');
	await waitForEntry(ctx, second, 'notified');

	await waitForWatching(ctx, [first, second], 'the trigger to reconnect');
	await staffAction(ctx.sim, ctx.queueId, first, 'check-in');
	await waitForEntry(ctx, first, 'fulfilled');

	const entries = auditEntries(ctx, 'live');
	assert.deepEqual(
		[...entries].sort(),
		[
			['live', first, 'fulfilled'],
			['live', first, 'notified'],
			['live', second, 'notified'],
		].sort(),
		`one execution per status change expected, got: ${JSON.stringify(entries)}`,
	);
}
