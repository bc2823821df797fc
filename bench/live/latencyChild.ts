/**
 * Child process of the live-latency benchmark: the trigger (through n8n-core's TriggerContext, via
 * test/harness/trigger) watching one ticket, and a bare client on another, in this one process.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { closeAllTriggers, startTrigger } from '../../test/harness/trigger';
import { childMain } from '../lib/child';
import { simOp } from '../lib/simOps';
import { epochMs, sleep } from '../lib/stats';
import { bareConnection } from './bareClient';

interface Ticket {
	queueId: string;
	positionId: string;
}

export interface LatencyChildInput {
	simUrl: string;
	orgUrl: string;
	apiKey: string;
	credential: ICredentialDataDecryptedObject;
	trigger: Ticket;
	raw: Ticket;
	updatesPerSide: number;
	intervalMs: number;
}

export interface LatencyChildResult {
	/** Latency in ms of each update, in send order; updates never received are left out. */
	trigger: number[];
	raw: number[];
}

const seqOf = (position: IDataObject | undefined) => (position?.customData as IDataObject | undefined)?.benchSeq as number | undefined;

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(20);
	}
}

childMain<LatencyChildInput, LatencyChildResult>(async (input) => {
	const received = new Map<number, number>();

	const run = await startTrigger(
		{ queueId: input.trigger.queueId, ticketIds: input.trigger.positionId, emitOn: 'everyUpdate', statuses: [], notifyAtPosition: 0, options: {} },
		{ credentials: { omboriGridApi: input.credential } },
	);
	// The harness records emitted items with `emitted.push(...)` inside the emit callback n8n-core
	// calls; stamping there is stamping the trigger's emit.
	const emitted = run.emitted as IDataObject[];
	const push = emitted.push.bind(emitted);
	emitted.push = (...items: IDataObject[]) => {
		const at = epochMs();
		for (const item of items) {
			const seq = seqOf(item);
			if (seq !== undefined) received.set(seq, at);
		}
		return push(...items);
	};

	const bare = bareConnection({ ...input.raw, orgUrl: input.orgUrl, apiKey: input.apiKey }, (message) => {
		const at = epochMs();
		const { position } = JSON.parse(message as string) as { position?: IDataObject };
		const seq = seqOf(position);
		if (seq !== undefined) received.set(seq, at);
	});
	await bare.start();
	const ids = [input.trigger.positionId, input.raw.positionId];
	await waitFor(async () => (await simOp<number>(input.simUrl, 'connections', ids)) === 2, 'both connections');
	// Let the trigger's catch-up read after connecting finish.
	await sleep(300);

	const count = input.updatesPerSide * 2;
	const targets = [input.trigger, input.raw];
	const { t0 } = await simOp<{ t0: number[] }>(input.simUrl, 'updateSeries', targets, count, input.intervalMs);
	await waitFor(() => received.size >= count, `${count} updates`, 5_000).catch(() => undefined);

	const result: LatencyChildResult = { trigger: [], raw: [] };
	t0.forEach((sent, seq) => {
		const at = received.get(seq);
		if (at !== undefined) (seq % 2 === 0 ? result.trigger : result.raw).push(at - sent);
	});
	await bare.stop();
	await closeAllTriggers();
	return result;
});
