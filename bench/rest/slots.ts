/**
 * Benchmark 3, slots: timeSlot getMany with Return All over a window of exactly 10,000 slots (one
 * queue open 00:00–24:00 with 1-minute slots, window of 10,000 minutes) against one fetch + JSON.parse
 * of the same E4 answer. Time: side by side in this process, alternating rounds. Memory: each side
 * in its own child process (`--expose-gc`), alternating, peak above a warmed-up baseline.
 */
import type { IDataObject } from 'n8n-workflow';

import { runChild } from '../lib/child';
import type { BenchSimulator } from '../lib/env';
import { alternate, MB, median, ratios, round } from '../lib/stats';
import { timeNodeRun } from './common';
import type { SlotsChildInput, SlotsChildResult } from './slotsChild';

export const SLOTS = 10_000;
const TIME_ROUNDS = 5;
const MEMORY_RUNS = 3;
const DAY = '2027-03-01T00:00:00.000Z';

export interface SlotsWindow {
	queueId: string;
	from: string;
	to: string;
}

export async function slotsWindow(env: BenchSimulator, slots: number): Promise<SlotsWindow> {
	const queueId = await env.createQueue({
		name: 'bench slots',
		openingHours: { start: '00:00', end: '24:00' },
		slotMinutes: 1,
		capacity: 4,
	});
	const from = Date.parse(DAY);
	return { queueId, from: DAY, to: new Date(from + slots * 60_000).toISOString() };
}

export const slotsParameters = (window: SlotsWindow): IDataObject => ({
	resource: 'timeSlot',
	operation: 'getMany',
	queueId: window.queueId,
	from: window.from,
	to: window.to,
	returnAll: true,
	options: {},
});

export function slotsUrl(orgUrl: string, window: SlotsWindow): string {
	const query = new URLSearchParams({ from: window.from, to: window.to });
	return `${orgUrl}/queues/${window.queueId}/time-slots?${query}`;
}

/** The raw side: one GET and JSON.parse; returns the parsed list. */
export async function rawSlots(orgUrl: string, apiKey: string, window: SlotsWindow): Promise<unknown[]> {
	const response = await fetch(slotsUrl(orgUrl, window), { headers: { ApiKey: apiKey, accept: 'application/json' } });
	const text = await response.text();
	if (!response.ok) throw new Error(`Raw time slots failed: HTTP ${response.status}`);
	return JSON.parse(text) as unknown[];
}

interface SideMemory {
	peakJsMB: number;
	peakRssMB: number;
	retainedJsMB: number;
	runsPeakJsMB: number[];
}

export interface SlotsResult {
	slots: number;
	timeRounds: number;
	nodeMs: number;
	rawMs: number;
	/** Median per-round node/raw. */
	timeRatio: number;
	memoryRuns: number;
	node: SideMemory;
	raw: SideMemory;
	/** Peak JS memory (heap + external) above baseline, node ÷ raw. */
	memoryRatio: number;
	/** Peak RSS above baseline, node ÷ raw (noisier; for reference). */
	rssRatio: number;
}

function summarise(runs: SlotsChildResult[]): SideMemory {
	return {
		peakJsMB: round(median(runs.map((run) => run.peakJs)) / MB, 2),
		peakRssMB: round(median(runs.map((run) => run.peakRss)) / MB, 2),
		retainedJsMB: round(median(runs.map((run) => run.retainedJs)) / MB, 2),
		runsPeakJsMB: runs.map((run) => round(run.peakJs / MB, 2)),
	};
}

export async function runSlots(env: BenchSimulator): Promise<SlotsResult> {
	const window = await slotsWindow(env, SLOTS);
	const warmWindow = await slotsWindow(env, 100);
	const nodeSide = (w: SlotsWindow, count: number) => timeNodeRun(env, slotsParameters(w), [{}], count);
	const rawSide = async (w: SlotsWindow, count: number) => {
		const start = performance.now();
		const slots = await rawSlots(env.info.orgUrl, env.info.apiKey, w);
		if (slots.length !== count) throw new Error(`Raw time slots: ${slots.length}, expected ${count}`);
		return performance.now() - start;
	};
	await nodeSide(window, SLOTS);
	await rawSide(window, SLOTS);
	const time = await alternate(TIME_ROUNDS, { node: () => nodeSide(window, SLOTS), raw: () => rawSide(window, SLOTS) });

	const input = (side: SlotsChildInput['side']): SlotsChildInput => ({
		side,
		orgUrl: env.info.orgUrl,
		apiKey: env.info.apiKey,
		credential: env.credential,
		window,
		warmWindow,
		expect: SLOTS,
	});
	const memory: Record<'node' | 'raw', SlotsChildResult[]> = { node: [], raw: [] };
	for (let run = 0; run < MEMORY_RUNS; run++) {
		for (const side of run % 2 === 0 ? (['node', 'raw'] as const) : (['raw', 'node'] as const)) {
			memory[side].push(await runChild<SlotsChildResult>('rest/slotsChild', input(side)));
		}
	}
	const node = summarise(memory.node);
	const raw = summarise(memory.raw);
	return {
		slots: SLOTS,
		timeRounds: TIME_ROUNDS,
		nodeMs: round(median(time.node), 1),
		rawMs: round(median(time.raw), 1),
		timeRatio: round(median(ratios(time.node, time.raw))),
		memoryRuns: MEMORY_RUNS,
		node,
		raw,
		memoryRatio: round(median(memory.node.map((run) => run.peakJs)) / median(memory.raw.map((run) => run.peakJs))),
		rssRatio: round(median(memory.node.map((run) => run.peakRss)) / median(memory.raw.map((run) => run.peakRss))),
	};
}
