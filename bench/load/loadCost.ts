/**
 * Benchmark 6, load cost: what requiring and instantiating the package's node and credential classes
 * (the files listed in package.json's `n8n` block, from dist/, as n8n's loader does) adds to a process
 * that already has n8n-workflow loaded. Each run is a fresh child process; medians of several runs.
 */
import { runChild } from '../lib/child';
import { MB, median, round } from '../lib/stats';
import type { LoadChildResult } from './loadChild';

const RUNS = 11;

export interface LoadCostResult {
	runs: number;
	/** Wall-clock time, median of the runs. */
	ms: number;
	/** CPU time, median: close to the wall time an idle machine would show. */
	cpuMs: number;
	/** Fastest run's wall-clock time. */
	minMs: number;
	/** RSS added, after a full GC. */
	rssMB: number;
	heapMB: number;
	/** Whether any run found @microsoft/signalr in require.cache after loading. */
	signalrLoadedAtStartup: boolean;
	files: string[];
	modulesAdded: number;
	/** Packages (outside this one) that loading pulled in. */
	packagesAdded: string[];
	runsMs: number[];
	runsCpuMs: number[];
	runsRssMB: number[];
}

export async function runLoadCost(): Promise<LoadCostResult> {
	const runs: LoadChildResult[] = [];
	for (let i = 0; i < RUNS; i++) runs.push(await runChild<LoadChildResult>('load/loadChild', {}));
	return {
		runs: RUNS,
		ms: round(median(runs.map((run) => run.ms)), 2),
		cpuMs: round(median(runs.map((run) => run.cpuMs)), 2),
		minMs: round(Math.min(...runs.map((run) => run.ms)), 2),
		rssMB: round(median(runs.map((run) => run.rss)) / MB, 2),
		heapMB: round(median(runs.map((run) => run.heap)) / MB, 2),
		signalrLoadedAtStartup: runs.some((run) => run.signalrLoaded),
		files: runs[0].files,
		modulesAdded: median(runs.map((run) => run.modulesAdded)),
		packagesAdded: runs[0].packagesAdded,
		runsMs: runs.map((run) => round(run.ms, 2)),
		runsCpuMs: runs.map((run) => round(run.cpuMs, 2)),
		runsRssMB: runs.map((run) => round(run.rss / MB, 2)),
	};
}
