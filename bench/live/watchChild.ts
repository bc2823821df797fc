/**
 * Child process of the watch-scale benchmark: one side ('trigger' or 'raw') with 500 tickets.
 * Both sides first run the same warm-up (one trigger and one bare client on a warm-up ticket), so the
 * two processes differ only in what is measured.
 */
import type { HubConnection } from '@microsoft/signalr';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { capturedLogs } from '../../test/harness/logs';
import { startTrigger } from '../../test/harness/trigger';
import { childMain, collectGarbage, memoryNow } from '../lib/child';
import { simOp } from '../lib/simOps';
import { epochMs, median, sleep } from '../lib/stats';
import { bareConnection } from './bareClient';

interface Ticket {
	queueId: string;
	positionId: string;
}

export interface WatchChildInput {
	side: 'trigger' | 'raw';
	simUrl: string;
	orgUrl: string;
	apiKey: string;
	credential: ICredentialDataDecryptedObject;
	warm: Ticket;
	queueId: string;
	tickets: string[];
}

export interface WatchChildResult {
	/**
	 * Bytes per watched ticket with all connected (+0.5 s, after GC), above the warmed-up baseline
	 * (+0.5 s, after GC). RSS includes what the connecting burst left reserved (V8 returns part of it
	 * only after some seconds idle); heapUsed is what is actually retained.
	 */
	rssPerTicket: number;
	heapPerTicket: number;
	/** Heap V8 keeps reserved (used or not). */
	heapTotalPerTicket: number;
	connectSeconds: number;
	/** trigger: drop → every missed change emitted; raw: drop → every client reconnected. */
	recoverSeconds: number;
	/** The same for the median ticket. */
	recoverP50Seconds: number;
}

const SETTLE_MS = 500;

/**
 * The harness keeps every line the nodes log (for assertions); n8n writes them out and keeps none.
 * Dropped before each measurement, so the trigger is not charged for the harness's log archive.
 */
const forgetLogs = () => void capturedLogs.splice(0);

const measure = () => {
	forgetLogs();
	collectGarbage();
	return memoryNow();
};

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000, everyMs = 20): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(everyMs);
	}
}

const triggerParameters = (queueId: string, tickets: string[]) => ({
	queueId,
	ticketIds: tickets.join(','),
	emitOn: 'statusChange',
	statuses: [],
	notifyAtPosition: 0,
	options: {},
});

childMain<WatchChildInput, WatchChildResult>(async (input) => {
	const credentials = { omboriGridApi: input.credential };
	const connected = (ids: string[]) => simOp<number>(input.simUrl, 'connections', ids);
	const bareTarget = (positionId: string, queueId = input.queueId) => ({ orgUrl: input.orgUrl, apiKey: input.apiKey, queueId, positionId });

	// Warm-up, the same on both sides: module loading, JIT, the first connection's one-time costs.
	await startTrigger(triggerParameters(input.warm.queueId, [input.warm.positionId]), { credentials });
	const warmBare = bareConnection(bareTarget(input.warm.positionId, input.warm.queueId), () => {});
	await warmBare.start();
	await waitFor(async () => (await connected([input.warm.positionId])) === 2, 'warm-up connections');
	await sleep(SETTLE_MS);
	const base = measure();

	const count = input.tickets.length;
	const start = performance.now();
	const notified = new Set<string>();
	/** Wall-clock time each ticket recovered (emitted its missed change / reconnected). */
	const recoveredAt: number[] = [];
	let lastEmitAt = 0;
	const clients: HubConnection[] = [];
	let reconnected = 0;
	if (input.side === 'trigger') {
		const run = await startTrigger(triggerParameters(input.queueId, input.tickets), { credentials });
		const emitted = run.emitted as IDataObject[];
		const push = emitted.push.bind(emitted);
		emitted.push = (...items: IDataObject[]) => {
			for (const item of items) {
				if (item.status === 'notified' && !notified.has(String(item.id))) {
					notified.add(String(item.id));
					recoveredAt.push(epochMs());
				}
			}
			if (notified.size === count && lastEmitAt === 0) lastEmitAt = epochMs();
			return push(...items);
		};
	} else {
		for (const id of input.tickets) {
			const client = bareConnection(bareTarget(id), () => {});
			client.onreconnected(() => {
				reconnected += 1;
				recoveredAt.push(epochMs());
				if (reconnected === count) lastEmitAt = epochMs();
			});
			clients.push(client);
		}
		await Promise.all(clients.map(async (client) => await client.start()));
	}
	await waitFor(async () => (await connected(input.tickets)) === count, `${count} connections`, 60_000, 50);
	const connectSeconds = (performance.now() - start) / 1000;
	await sleep(SETTLE_MS);
	const loaded = measure();

	const { t0 } =
		input.side === 'trigger'
			? await simOp<{ t0: number }>(input.simUrl, 'dropAndCall', input.queueId, input.tickets)
			: await simOp<{ t0: number }>(input.simUrl, 'drop');
	await waitFor(() => lastEmitAt > 0, input.side === 'trigger' ? `${count} resynced tickets` : `${count} reconnects`, 60_000, 5);
	return {
		rssPerTicket: (loaded.rss - base.rss) / count,
		heapPerTicket: (loaded.heapUsed - base.heapUsed) / count,
		heapTotalPerTicket: (loaded.heapTotal - base.heapTotal) / count,
		connectSeconds,
		recoverSeconds: (lastEmitAt - t0) / 1000,
		recoverP50Seconds: (median(recoveredAt) - t0) / 1000,
	};
});
