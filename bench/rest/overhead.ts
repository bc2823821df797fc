/**
 * Benchmark 1, per-request overhead: 1,000 ticket creates through the node in n8n's engine (one
 * workflow run with 1,000 input items) against a sequential fetch loop, on the same simulator,
 * alternating in rounds. Each round uses a fresh queue so both sides see the same queue length.
 */
import type { BenchSimulator } from '../lib/env';
import { alternate, median, ratios, round } from '../lib/stats';
import { helperCreates, nodeCreates, rawCreates } from './common';

export const REQUESTS = 1000;
const ROUNDS = 11;

export interface OverheadResult {
	requests: number;
	rounds: number;
	nodeMsPerRequest: number;
	rawMsPerRequest: number;
	/** Median of the per-round node/raw ratios. */
	ratio: number;
	/** Diagnostic third side: n8n-core's HTTP helper alone (no engine, no node), sequential. */
	helperMsPerRequest: number;
	/** What n8n-core's HTTP helper costs over fetch (median per-round helper/raw). */
	helperOverRaw: number;
	/** What the engine and our node add over n8n-core's HTTP helper (median per-round node/helper). */
	nodeOverHelper: number;
	nodeRoundsMs: number[];
	rawRoundsMs: number[];
	helperRoundsMs: number[];
}

export async function runOverhead(env: BenchSimulator): Promise<OverheadResult> {
	const fresh = async () => {
		await env.call('clearRequests');
		return await env.createQueue({ name: 'bench overhead' });
	};
	// Warm-up, one untimed round of each side: JIT, sockets, the engine's lazily created singletons.
	await nodeCreates(env, await fresh(), REQUESTS);
	await rawCreates(env, await fresh(), REQUESTS);
	await helperCreates(env, await fresh(), REQUESTS);

	const rounds = await alternate(ROUNDS, {
		node: async () => nodeCreates(env, await fresh(), REQUESTS),
		raw: async () => rawCreates(env, await fresh(), REQUESTS),
		helper: async () => helperCreates(env, await fresh(), REQUESTS),
	});
	return {
		requests: REQUESTS,
		rounds: ROUNDS,
		nodeMsPerRequest: round(median(rounds.node) / REQUESTS, 4),
		rawMsPerRequest: round(median(rounds.raw) / REQUESTS, 4),
		ratio: round(median(ratios(rounds.node, rounds.raw))),
		helperMsPerRequest: round(median(rounds.helper) / REQUESTS, 4),
		helperOverRaw: round(median(ratios(rounds.helper, rounds.raw))),
		nodeOverHelper: round(median(ratios(rounds.node, rounds.helper))),
		nodeRoundsMs: rounds.node.map((ms) => round(ms, 1)),
		rawRoundsMs: rounds.raw.map((ms) => round(ms, 1)),
		helperRoundsMs: rounds.helper.map((ms) => round(ms, 1)),
	};
}
