/**
 * `npm run bench [-- name…]`: runs the benchmarks (all by default; names: overhead, bulk, slots,
 * latency, watch, load, or the groups rest / live), prints a table and writes bench/results.json.
 * Every figure is a ratio or a pair measured side by side in one run; see bench/README.md.
 * A partial run updates only its own entries of results.json and keeps the others.
 */
import fs from 'node:fs';
import os from 'node:os';

import { shutdownEngine } from '../test/harness/engine';
import type { BenchSimulator } from './lib/env';
import { RESULTS_FILE, say, startBenchSimulator } from './lib/env';
import { round } from './lib/stats';
import { runLoadCost } from './load/loadCost';
import { runLatency } from './live/latency';
import { runWatchScale } from './live/watchScale';
import { runBulk } from './rest/bulk';
import { runOverhead } from './rest/overhead';
import { runSlots } from './rest/slots';

type Results = Record<string, unknown>;

interface Benchmark {
	name: string;
	/** Key of the detail object in results.json. */
	key: string;
	needsSimulator: boolean;
	run(env: BenchSimulator | undefined): Promise<object>;
	/** Top-level figures derived from the detail object. */
	summary(detail: any): Results;
}

const BENCHMARKS: Benchmark[] = [
	{
		name: 'overhead',
		key: 'overhead',
		needsSimulator: true,
		run: (env) => runOverhead(env!),
		summary: (d) => ({ overheadRatio: d.ratio }),
	},
	{
		name: 'bulk',
		key: 'bulk',
		needsSimulator: true,
		run: (env) => runBulk(env!),
		summary: (d) => ({ bulkSpeedup: d.speedup }),
	},
	{
		name: 'slots',
		key: 'slots',
		needsSimulator: true,
		run: (env) => runSlots(env!),
		summary: (d) => ({ slotsTimeRatio: d.timeRatio, slotsMemoryRatio: d.memoryRatio }),
	},
	{
		name: 'latency',
		key: 'liveLatency',
		needsSimulator: true,
		run: (env) => runLatency(env!),
		summary: (d) => ({
			liveP50Ms: d.trigger.p50Ms,
			liveP50RawMs: d.raw.p50Ms,
			liveP99Ms: d.trigger.p99Ms,
			liveP99RawMs: d.raw.p99Ms,
		}),
	},
	{
		name: 'watch',
		key: 'watchScale',
		needsSimulator: true,
		run: (env) => runWatchScale(env!),
		summary: (d) => ({ memoryPerTicketRatio: d.memoryPerTicketRatio, resync500Seconds: d.resync500Seconds }),
	},
	{
		name: 'load',
		key: 'loadCost',
		needsSimulator: false,
		run: () => runLoadCost(),
		summary: (d) => ({ loadCostMs: d.ms, loadCostMB: d.rssMB, signalrLoadedAtStartup: d.signalrLoadedAtStartup }),
	},
];

const GROUPS: Record<string, string[]> = { rest: ['overhead', 'bulk', 'slots'], live: ['latency', 'watch'] };

interface Row {
	/** Top-level key of results.json, or a path into a detail object (shown for context). */
	figure: string;
	label: string;
	/** The target as text ('' for a figure without one), and whether a value meets it. */
	target: string;
	met?(value: number | boolean, results: Results): boolean;
}

const ROWS: Row[] = [
	{ figure: 'overheadRatio', label: 'node ÷ raw fetch, ms per ticket create', target: '≤ 1.15', met: (v) => (v as number) <= 1.15 },
	{ figure: 'overhead.helperOverRaw', label: "  of which n8n-core's HTTP helper ÷ fetch", target: '' },
	{ figure: 'overhead.nodeOverHelper', label: '  of which engine + node ÷ HTTP helper', target: '' },
	{ figure: 'bulkSpeedup', label: 'concurrency 10 ÷ 1, items/s (5 ms latency)', target: '≥ 5', met: (v) => (v as number) >= 5 },
	{ figure: 'slotsTimeRatio', label: 'getMany 10,000 slots: node ÷ raw, time', target: '' },
	{ figure: 'slotsMemoryRatio', label: 'getMany 10,000 slots: node ÷ raw, peak JS memory', target: '' },
	{
		figure: 'liveP50Ms',
		label: 'live update → trigger emit, p50 ms',
		target: '≤ raw + 1 ms',
		met: (v, r) => (v as number) <= (r.liveP50RawMs as number) + 1,
	},
	{ figure: 'liveP50RawMs', label: 'live update → bare client, p50 ms', target: '' },
	{ figure: 'liveP99Ms', label: 'live update → trigger emit, p99 ms', target: '' },
	{ figure: 'liveP99RawMs', label: 'live update → bare client, p99 ms', target: '' },
	{ figure: 'memoryPerTicketRatio', label: 'RSS per watched ticket: trigger ÷ bare', target: '≤ 1.25', met: (v) => (v as number) <= 1.25 },
	{ figure: 'watchScale.heapPerTicketRatio', label: '  retained JS heap per ticket: trigger ÷ bare', target: '' },
	{ figure: 'resync500Seconds', label: 'drop every socket → 500 tickets resynced, s', target: '≤ 3', met: (v) => (v as number) <= 3 },
	{ figure: 'loadCostMs', label: 'load dist/ nodes + credential, ms (median)', target: '≤ 30', met: (v) => (v as number) <= 30 },
	{ figure: 'loadCost.cpuMs', label: '  the same, CPU ms (median)', target: '' },
	{ figure: 'loadCostMB', label: 'load dist/ nodes + credential, MB RSS', target: '≤ 10', met: (v) => (v as number) <= 10 },
	{ figure: 'signalrLoadedAtStartup', label: '@microsoft/signalr in require.cache after load', target: 'false', met: (v) => v === false },
];

const valueOf = (results: Results, figure: string): unknown =>
	figure.split('.').reduce<any>((value, key) => value?.[key], results);

function selected(args: string[]): Benchmark[] {
	const names = args.flatMap((arg) => GROUPS[arg] ?? [arg]);
	const unknown = names.filter((name) => !BENCHMARKS.some((b) => b.name === name));
	if (unknown.length) {
		throw new Error(`Unknown benchmark ${unknown.join(', ')}; use ${BENCHMARKS.map((b) => b.name).join(', ')}, rest or live`);
	}
	return names.length ? BENCHMARKS.filter((b) => names.includes(b.name)) : BENCHMARKS;
}

function readPrevious(): Results {
	try {
		return JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as Results;
	} catch {
		return {};
	}
}

function printTable(results: Results, ran: string[]): void {
	const rows = ROWS.filter((row) => valueOf(results, row.figure) !== undefined).map((row) => {
		const value = valueOf(results, row.figure) as number | boolean;
		const met = row.met ? (row.met(value, results) ? 'met' : 'MISSED') : '';
		return [row.figure, row.label, String(value), row.target, met];
	});
	const header = ['figure', 'what', 'value', 'target', ''];
	const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
	const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
	say();
	say(`Ombori Grid benchmarks (${ran.join(', ')} run now; simulator ${results.simulator ?? '?'})`);
	say(line(header));
	say(widths.map((w) => '-'.repeat(w)).join('  '));
	rows.forEach((row) => say(line(row)));
	say();
}

async function main(): Promise<void> {
	const benchmarks = selected(process.argv.slice(2));
	const results: Results = readPrevious();
	const env = benchmarks.some((b) => b.needsSimulator) ? await startBenchSimulator() : undefined;
	const loadBefore = os.loadavg()[0];
	try {
		for (const benchmark of benchmarks) {
			say(`… ${benchmark.name}`);
			const start = performance.now();
			const detail = { ...(await benchmark.run(env)), measuredAt: new Date().toISOString(), seconds: round((performance.now() - start) / 1000, 1) };
			results[benchmark.key] = detail;
			Object.assign(results, benchmark.summary(detail));
			say(`  ${JSON.stringify(detail)}`);
		}
	} finally {
		await env?.close();
		shutdownEngine();
	}
	results.measuredAt = new Date().toISOString();
	results.simulator = env?.where ?? results.simulator;
	results.environment = {
		node: process.version,
		cpus: os.cpus().length,
		/** 1-minute load average before and after: the box is shared, so timings are noisy. */
		loadAverage: [round(loadBefore, 2), round(os.loadavg()[0], 2)],
		benchmarksRun: benchmarks.map((b) => b.name),
	};
	results.targets = Object.fromEntries(
		ROWS.filter((row) => row.met && results[row.figure] !== undefined).map((row) => {
			const value = results[row.figure] as number | boolean;
			return [row.figure, { target: row.target, value, met: row.met!(value, results) }];
		}),
	);
	const ordered = orderKeys(results);
	// Written whole or not at all: a run stopped half-way leaves the previous file intact.
	fs.writeFileSync(`${RESULTS_FILE}.tmp`, `${JSON.stringify(ordered, null, '\t')}\n`);
	fs.renameSync(`${RESULTS_FILE}.tmp`, RESULTS_FILE);
	printTable(ordered, benchmarks.map((b) => b.name));
	say(JSON.stringify(summaryOnly(ordered), null, 2));
	say(`written to ${RESULTS_FILE}`);
}

const TOP_LEVEL = [
	'overheadRatio',
	'bulkSpeedup',
	'slotsTimeRatio',
	'slotsMemoryRatio',
	'liveP50Ms',
	'liveP50RawMs',
	'liveP99Ms',
	'liveP99RawMs',
	'memoryPerTicketRatio',
	'resync500Seconds',
	'loadCostMs',
	'loadCostMB',
	'signalrLoadedAtStartup',
	'measuredAt',
];

/** The required top-level figures first, then the rest (details), for a readable file. */
function orderKeys(results: Results): Results {
	const first = TOP_LEVEL.filter((key) => key in results);
	const rest = Object.keys(results).filter((key) => !first.includes(key));
	return Object.fromEntries([...first, ...rest].map((key) => [key, results[key]]));
}

const summaryOnly = (results: Results): Results =>
	Object.fromEntries(TOP_LEVEL.filter((key) => key in results).map((key) => [key, results[key]]));

main().then(
	() => process.exit(0),
	(error: Error) => {
		process.stderr.write(`${error.stack ?? error.message}\n`);
		process.exit(1);
	},
);
