/**
 * Child process of the slots benchmark: warms up both sides on a small window (so node and raw
 * processes are alike), then measures one side on the 10,000-slot window. Memory is reported above the baseline taken after warm-up + GC,
 * while the result is still referenced (as a workflow holds its output).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { runWorkflow } from '../../test/harness/engine';
import { capturedLogs } from '../../test/harness/logs';
import { ACTION_NODE, actionWorkflow } from '../../test/harness/workflows';
import { childMain, collectGarbage, maxRss, memoryNow, PeakSampler } from '../lib/child';
import { rawSlots, slotsParameters } from './slots';
import type { SlotsWindow } from './slots';

export interface SlotsChildInput {
	side: 'node' | 'raw';
	orgUrl: string;
	apiKey: string;
	credential: ICredentialDataDecryptedObject;
	window: SlotsWindow;
	warmWindow: SlotsWindow;
	expect: number;
}

export interface SlotsChildResult {
	/** Bytes above baseline. */
	peakJs: number;
	peakRss: number;
	retainedJs: number;
	ms: number;
}

async function fetchSide(input: SlotsChildInput, side: SlotsChildInput['side'], window: SlotsWindow): Promise<unknown[]> {
	if (side === 'raw') return await rawSlots(input.orgUrl, input.apiKey, window);
	const result = await runWorkflow(actionWorkflow(slotsParameters(window)), { credentials: { omboriGridApi: input.credential } });
	if (result.error) throw new Error(result.error.message);
	return result.output(ACTION_NODE);
}

childMain<SlotsChildInput, SlotsChildResult>(async (input) => {
	// Both sides warm up both paths, so the two processes are alike up to the measured call.
	for (let i = 0; i < 3; i++) {
		await fetchSide(input, 'node', input.warmWindow);
		await fetchSide(input, 'raw', input.warmWindow);
	}
	collectGarbage();
	const base = memoryNow();
	const baseMaxRss = maxRss();
	const sampler = new PeakSampler();
	const start = performance.now();
	const output = await fetchSide(input, input.side, input.window);
	const ms = performance.now() - start;
	const peak = sampler.stop();
	capturedLogs.splice(0); // the harness's log archive; n8n keeps no log lines
	collectGarbage();
	const retained = memoryNow();
	// Read after the last measurement, so the output is still referenced when it is taken.
	if (output.length !== input.expect) throw new Error(`${input.side}: ${output.length} slots, expected ${input.expect}`);
	const peakRss = Math.max(peak.rss, maxRss() > baseMaxRss ? maxRss() : 0);
	return {
		peakJs: peak.js - base.js,
		peakRss: peakRss - base.rss,
		retainedJs: retained.js - base.js,
		ms,
	};
});
