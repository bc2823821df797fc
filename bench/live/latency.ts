/**
 * Benchmark 4, live latency: ticket updates from the simulator to the trigger's emit, and to a bare
 * @microsoft/signalr client's handler, both in one child process and one run. Each side watches a
 * ticket of its own and the simulator alternates between the two tickets, so no message has two
 * receivers competing for the child's event loop. The simulator stamps each update just before it
 * sends it; the child stamps the emit / the handler (wall clocks of one host, sub-ms resolution).
 */
import { runChild } from '../lib/child';
import type { BenchSimulator } from '../lib/env';
import { percentile, round } from '../lib/stats';
import type { LatencyChildInput, LatencyChildResult } from './latencyChild';

const UPDATES = 1000;
const WARMUP = 100;
const INTERVAL_MS = 3;

interface SideLatency {
	p50Ms: number;
	p95Ms: number;
	p99Ms: number;
	maxMs: number;
	received: number;
}

export interface LatencyResult {
	updatesPerSide: number;
	warmupPerSide: number;
	intervalMs: number;
	trigger: SideLatency;
	raw: SideLatency;
	/** trigger p50 − raw p50 (target ≤ 1 ms). */
	p50DiffMs: number;
	p50Ratio: number;
	p99Ratio: number;
}

function summarise(latencies: number[]): SideLatency {
	return {
		p50Ms: round(percentile(latencies, 50), 3),
		p95Ms: round(percentile(latencies, 95), 3),
		p99Ms: round(percentile(latencies, 99), 3),
		maxMs: round(Math.max(...latencies), 3),
		received: latencies.length,
	};
}

export async function runLatency(env: BenchSimulator): Promise<LatencyResult> {
	const side = async () => {
		const queueId = await env.createQueue({ name: 'bench latency' });
		const [positionId] = await env.call<string[]>('bench.createTickets', queueId, 1);
		return { queueId, positionId };
	};
	const input: LatencyChildInput = {
		simUrl: env.info.url,
		orgUrl: env.info.orgUrl,
		apiKey: env.info.apiKey,
		credential: env.credential,
		trigger: await side(),
		raw: await side(),
		updatesPerSide: UPDATES + WARMUP,
		intervalMs: INTERVAL_MS,
	};
	const result = await runChild<LatencyChildResult>('live/latencyChild', input);
	const trigger = result.trigger.slice(WARMUP);
	const raw = result.raw.slice(WARMUP);
	if (trigger.length < UPDATES * 0.99 || raw.length < UPDATES * 0.99) {
		throw new Error(`Live latency: received ${trigger.length} (trigger) and ${raw.length} (raw) of ${UPDATES}`);
	}
	const t = summarise(trigger);
	const r = summarise(raw);
	return {
		updatesPerSide: UPDATES,
		warmupPerSide: WARMUP,
		intervalMs: INTERVAL_MS,
		trigger: t,
		raw: r,
		p50DiffMs: round(t.p50Ms - r.p50Ms, 3),
		p50Ratio: round(t.p50Ms / r.p50Ms),
		p99Ratio: round(t.p99Ms / r.p99Ms),
	};
}
