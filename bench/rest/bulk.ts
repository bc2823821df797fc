/**
 * Benchmark 2, bulk throughput: the same 1,000 ticket creates through the node with the simulator
 * adding 5 ms to every request, at `options.concurrency` 1 and 10, alternating in rounds.
 */
import type { BenchSimulator } from '../lib/env';
import { alternate, median, ratios, round } from '../lib/stats';
import { nodeCreates } from './common';

const REQUESTS = 1000;
const LATENCY_MS = 5;
const ROUNDS = 3;

export interface BulkResult {
	requests: number;
	latencyMs: number;
	rounds: number;
	itemsPerSecondC1: number;
	itemsPerSecondC10: number;
	/** Median per-round (c10 items/s) ÷ (c1 items/s). */
	speedup: number;
	c1RoundsMs: number[];
	c10RoundsMs: number[];
}

export async function runBulk(env: BenchSimulator): Promise<BulkResult> {
	const fresh = async () => {
		await env.call('clearRequests');
		return await env.createQueue({ name: 'bench bulk' });
	};
	await env.call('setLatency', LATENCY_MS);
	try {
		await nodeCreates(env, await fresh(), 50, 10);
		const rounds = await alternate(ROUNDS, {
			c1: async () => nodeCreates(env, await fresh(), REQUESTS, 1),
			c10: async () => nodeCreates(env, await fresh(), REQUESTS, 10),
		});
		const perSecond = (ms: number) => (REQUESTS * 1000) / ms;
		return {
			requests: REQUESTS,
			latencyMs: LATENCY_MS,
			rounds: ROUNDS,
			itemsPerSecondC1: round(median(rounds.c1.map(perSecond)), 1),
			itemsPerSecondC10: round(median(rounds.c10.map(perSecond)), 1),
			speedup: round(median(ratios(rounds.c1, rounds.c10))),
			c1RoundsMs: rounds.c1.map((ms) => round(ms, 1)),
			c10RoundsMs: rounds.c10.map((ms) => round(ms, 1)),
		};
	} finally {
		await env.call('setLatency', 0);
	}
}
