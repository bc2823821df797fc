/** The two sides of the REST benchmarks: the action node in n8n's engine, and a plain fetch loop. */
import { randomUUID } from 'node:crypto';

import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { runWorkflow } from '../../test/harness/engine';
import { ACTION_NODE, actionWorkflow } from '../../test/harness/workflows';
import type { BenchSimulator } from '../lib/env';
import { nowMs } from '../lib/stats';

/** Runs one workflow (Manual Trigger → Items → Ombori Grid) and returns its wall time in ms. */
export async function timeNodeRun(env: BenchSimulator, parameters: IDataObject, items: IDataObject[], expectItems: number): Promise<number> {
	const workflow = actionWorkflow(parameters, { items });
	const start = nowMs();
	const result = await runWorkflow(workflow, { credentials: env.credentials });
	const ms = nowMs() - start;
	if (result.error) throw new Error(`Node run failed: ${result.error.message}`);
	const produced = result.output(ACTION_NODE).length;
	if (produced !== expectItems) throw new Error(`Node run produced ${produced} items, expected ${expectItems}`);
	return ms;
}

/** `count` ticket creates (E1) through the node, all in one workflow run. */
export function nodeCreates(env: BenchSimulator, queueId: string, count: number, concurrency = 1): Promise<number> {
	const parameters: IDataObject = {
		resource: 'ticket',
		operation: 'create',
		queueId,
		additionalFields: {},
		options: concurrency > 1 ? { concurrency } : {},
	};
	return timeNodeRun(env, parameters, Array.from({ length: count }, () => ({})), count);
}

/** The same creates with fetch: what a hand-written client would send (ApiKey header, JSON body, a session). */
export async function rawCreates(env: BenchSimulator, queueId: string, count: number, concurrency = 1): Promise<number> {
	const url = `${env.info.orgUrl}/queues/${queueId}/join`;
	const headers = { ApiKey: env.info.apiKey, 'content-type': 'application/json', accept: 'application/json' };
	let next = 0;
	const worker = async () => {
		while (next < count) {
			next++;
			const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ session: randomUUID() }) });
			const body = (await response.json()) as { position?: { id?: string } };
			if (!response.ok || !body.position?.id) throw new Error(`Raw create failed: HTTP ${response.status}`);
		}
	};
	const start = nowMs();
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	return nowMs() - start;
}

/**
 * Diagnostic: the same creates through n8n-core's own HTTP helper (what `httpRequestWithAuthentication`
 * calls after adding the ApiKey header), without the engine or the node. Splits the node's overhead into
 * "n8n's HTTP helper" and "engine + our node code".
 */
export async function helperCreates(env: BenchSimulator, queueId: string, count: number): Promise<number> {
	const { httpRequest } = require('n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions') as {
		httpRequest(options: IHttpRequestOptions): Promise<IN8nHttpFullResponse>;
	};
	const url = `${env.info.orgUrl}/queues/${queueId}/join`;
	const start = nowMs();
	for (let i = 0; i < count; i++) {
		const response = await httpRequest({
			method: 'POST',
			url,
			headers: { ApiKey: env.info.apiKey },
			body: { session: randomUUID() },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30_000,
		});
		if (response.statusCode !== 200) throw new Error(`Helper create failed: HTTP ${response.statusCode}`);
	}
	return nowMs() - start;
}
