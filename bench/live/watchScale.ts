/**
 * Benchmark 5, watch scale: the trigger watching 500 tickets against 500 bare @microsoft/signalr
 * clients, each side in its own child process (alternating, several runs, medians):
 * - memory per watched ticket: RSS (and JS heap) after GC with all 500 connected, above a baseline
 *   taken after the same warm-up in both processes;
 * - resync (trigger): the simulator drops every socket and then has staff call every ticket while
 *   nobody is connected; the time until the trigger has emitted all 500 missed changes, which it can
 *   only learn by reconnecting and re-reading each ticket. The bare clients' plain reconnect time
 *   is reported beside it (they do not re-read anything).
 */
import { runChild } from '../lib/child';
import type { BenchSimulator } from '../lib/env';
import { median, round } from '../lib/stats';
import type { WatchChildInput, WatchChildResult } from './watchChild';

export const TICKETS = 500;
const RUNS = Number(process.env.OMBORI_BENCH_WATCH_RUNS ?? 3);
const KB = 1024;

interface SideScale {
	/** RSS after GC with all connected; includes what the connecting burst left reserved. */
	rssPerTicketKB: number;
	/** JS heap retained (after GC). */
	heapPerTicketKB: number;
	/** JS heap V8 keeps reserved, used or not. */
	heapTotalPerTicketKB: number;
	connectSeconds: number;
	runsRssPerTicketKB: number[];
}

export interface WatchScaleResult {
	tickets: number;
	runs: number;
	trigger: SideScale & { resyncSeconds: number; resyncP50Seconds: number; runsResyncSeconds: number[] };
	raw: SideScale & { reconnectSeconds: number; reconnectP50Seconds: number };
	/** RSS per ticket, trigger ÷ bare clients (target ≤ 1.25). */
	memoryPerTicketRatio: number;
	/** Retained JS heap per ticket, trigger ÷ bare clients. */
	heapPerTicketRatio: number;
	/** Drop → all 500 missed changes emitted (target ≤ 3 s). */
	resync500Seconds: number;
}

function summarise(runs: WatchChildResult[]): SideScale {
	return {
		rssPerTicketKB: round(median(runs.map((run) => run.rssPerTicket)) / KB, 1),
		heapPerTicketKB: round(median(runs.map((run) => run.heapPerTicket)) / KB, 1),
		heapTotalPerTicketKB: round(median(runs.map((run) => run.heapTotalPerTicket)) / KB, 1),
		connectSeconds: round(median(runs.map((run) => run.connectSeconds)), 3),
		runsRssPerTicketKB: runs.map((run) => round(run.rssPerTicket / KB, 1)),
	};
}

export async function runWatchScale(env: BenchSimulator): Promise<WatchScaleResult> {
	const warmQueue = await env.createQueue({ name: 'bench watch warm-up' });
	const warmTickets = await env.call<string[]>('bench.createTickets', warmQueue, 1);
	const input = async (side: WatchChildInput['side']): Promise<WatchChildInput> => {
		const queueId = await env.createQueue({ name: `bench watch ${side}` });
		return {
			side,
			simUrl: env.info.url,
			orgUrl: env.info.orgUrl,
			apiKey: env.info.apiKey,
			credential: env.credential,
			warm: { queueId: warmQueue, positionId: warmTickets[0] },
			queueId,
			tickets: await env.call<string[]>('bench.createTickets', queueId, TICKETS),
		};
	};
	const runs: Record<'trigger' | 'raw', WatchChildResult[]> = { trigger: [], raw: [] };
	for (let run = 0; run < RUNS; run++) {
		for (const side of run % 2 === 0 ? (['trigger', 'raw'] as const) : (['raw', 'trigger'] as const)) {
			runs[side].push(await runChild<WatchChildResult>('live/watchChild', await input(side), { timeoutMs: 180_000 }));
		}
	}
	const trigger = summarise(runs.trigger);
	const raw = summarise(runs.raw);
	const resync = runs.trigger.map((run) => run.recoverSeconds);
	return {
		tickets: TICKETS,
		runs: RUNS,
		trigger: {
			...trigger,
			resyncSeconds: round(median(resync), 3),
			resyncP50Seconds: round(median(runs.trigger.map((run) => run.recoverP50Seconds)), 3),
			runsResyncSeconds: resync.map((s) => round(s, 3)),
		},
		raw: {
			...raw,
			reconnectSeconds: round(median(runs.raw.map((run) => run.recoverSeconds)), 3),
			reconnectP50Seconds: round(median(runs.raw.map((run) => run.recoverP50Seconds)), 3),
		},
		memoryPerTicketRatio: round(median(runs.trigger.map((r) => r.rssPerTicket)) / median(runs.raw.map((r) => r.rssPerTicket))),
		heapPerTicketRatio: round(median(runs.trigger.map((r) => r.heapPerTicket)) / median(runs.raw.map((r) => r.heapPerTicket))),
		resync500Seconds: round(median(resync), 3),
	};
}
