/**
 * What queue mode must show: webhook-started executions of an action workflow, run by the
 * workers, neither lost nor doubled (counted three ways: audit tickets, execution rows, worker log
 * lines), and the live trigger running on main alone and resuming after main restarts.
 */
import assert from 'node:assert/strict';
import type { Simulator } from '../../simulator';
import { waitFor } from '../../scripts/n8n/proc';
import { auditEntries, type E2eContext } from '../context';
import { WEBHOOK_PATH, WORKFLOW_IDS } from '../workflows';
import { countLines, type Cluster } from './cluster';
import { sql } from './services';

export interface QueueModeContext extends E2eContext {
	cluster: Cluster;
	postgresPort: number;
	webhookId: string;
	secret: string;
	liveQueueId: string;
	liveTickets: string[];
	/** Summary lines, printed at the end. */
	figures: string[];
}

const SETTLE_MS = 180_000;
const STARTED = /Worker started execution (\d+)/;

const webhookUrl = (ctx: QueueModeContext) => ctx.cluster.main.webhookUrl(ctx.webhookId, WEBHOOK_PATH);

/** Main registers webhooks just after it reports ready: 404 until then, 401 without the secret after. */
export async function waitForWebhook(ctx: QueueModeContext): Promise<void> {
	const status = await waitFor(
		'the published webhook to be registered',
		async () => {
			const response = await fetch(webhookUrl(ctx), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			return response.status === 404 ? undefined : response.status;
		},
		60_000,
	);
	assert.equal(status, 401, 'a request without the secret must be refused');
}

/** Execution ids of a workflow by status, once none is queued or running any more. */
async function settledExecutions(ctx: QueueModeContext, workflowId: string, atLeast: number): Promise<Map<string, string[]>> {
	return await waitFor(
		`${atLeast} finished executions of ${workflowId}`,
		async () => {
			const rows = await sql(ctx.postgresPort, `select id, status from execution_entity where "workflowId" = '${workflowId}'`);
			const open = rows.some(([, status]) => ['new', 'running', 'waiting'].includes(status));
			if (rows.length < atLeast || open) return undefined;
			const byStatus = new Map<string, string[]>();
			for (const [id, status] of rows) byStatus.set(status, [...(byStatus.get(status) ?? []), id]);
			return byStatus;
		},
		SETTLE_MS,
		500,
	);
}

/** How many times each execution id was started, per worker, from the workers' logs. */
function startsByWorker(cluster: Cluster): Map<string, string[]> {
	const starts = new Map<string, string[]>();
	for (const worker of cluster.workers) {
		for (const line of worker.log().split('\n')) {
			const id = STARTED.exec(line)?.[1];
			if (id) starts.set(id, [...(starts.get(id) ?? []), worker.name]);
		}
	}
	return starts;
}

/**
 * Every execution of the workflow succeeded, was started exactly once by a worker and never by
 * main; returns how many there are, and how many each worker ran.
 */
async function checkExecutions(ctx: QueueModeContext, workflowId: string, expected: number): Promise<{ count: number; perWorker: Record<string, number> }> {
	const byStatus = await settledExecutions(ctx, workflowId, expected);
	const ids = [...byStatus.values()].flat();
	assert.deepEqual([...byStatus.keys()], ['success'], `every execution must succeed: ${JSON.stringify(Object.fromEntries(byStatus))}`);
	assert.equal(ids.length, expected, `${expected} executions expected, found ${ids.length}`);
	const starts = startsByWorker(ctx.cluster);
	const perWorker: Record<string, number> = {};
	for (const id of ids) {
		const workers = starts.get(id) ?? [];
		assert.equal(workers.length, 1, `execution ${id} was started ${workers.length} times by workers (${workers.join(', ')})`);
		perWorker[workers[0]] = (perWorker[workers[0]] ?? 0) + 1;
	}
	assert.equal(countLines(ctx.cluster.mainLog(), STARTED), 0, 'main must not run executions itself in queue mode');
	return { count: ids.length, perWorker };
}

/**
 * Tickets created before the webhook is registered (so only their calls are delivered), then
 * called: one positionCalled event each, delivered `repeat` times in shuffled batches.
 */
async function deliverCalls(ctx: QueueModeContext, count: number, repeat: number): Promise<string[]> {
	const { sim } = ctx;
	const tickets = Array.from({ length: count }, () => sim.staff.createManual(ctx.queueId).id);
	sim.webhooks.register({ url: webhookUrl(ctx), headers: { 'X-Ombori-Secret': ctx.secret }, queueId: ctx.queueId, repeat, reorder: 10 });
	for (const ticket of tickets) sim.staff.call(ctx.queueId, ticket);
	sim.webhooks.flush();
	await sim.webhooks.idle();
	sim.webhooks.unregisterAll();
	return tickets;
}

const describeWorkers = (perWorker: Record<string, number>) =>
	Object.entries(perWorker)
		.sort()
		.map(([worker, count]) => `${worker} ${count}`)
		.join(', ');

/** Audit tickets of the webhook workflow, compared with the tickets that were called; returns [lost, duplicated]. */
function compareAudit(ctx: QueueModeContext, source: string, expected: string[][]): [number, number] {
	const seen = auditEntries(ctx, source).map((entry) => entry.join('|'));
	const wanted = new Set(expected.map((entry) => entry.join('|')));
	const lost = [...wanted].filter((entry) => !seen.includes(entry)).length;
	const duplicated = seen.length - new Set(seen).size + seen.filter((entry) => !wanted.has(entry)).length;
	return [lost, duplicated];
}

export async function checkWebhookExecutions(ctx: QueueModeContext, events: number, repeat: number, label: string, before: string[][]): Promise<string[][]> {
	const deliveriesBefore = ctx.sim.webhooks.deliveries.length;
	const tickets = await deliverCalls(ctx, events, repeat);
	const deliveries = ctx.sim.webhooks.deliveries.slice(deliveriesBefore);
	assert.ok(
		deliveries.every((delivery) => delivery.status === 200),
		`n8n must accept every delivery: ${JSON.stringify(deliveries.filter((delivery) => delivery.status !== 200).slice(0, 3))}`,
	);
	const expected = [...before, ...tickets.map((ticket) => ['webhook', ticket, 'positionCalled'])];
	const { count, perWorker } = await checkExecutions(ctx, WORKFLOW_IDS.webhook, expected.length);
	const [lost, duplicated] = compareAudit(ctx, 'webhook', expected);
	ctx.figures.push(
		`${label}: deliveries ${deliveries.length} for ${events} events → executions ${count - before.length} ` +
			`(all runs of the workflow so far by worker: ${describeWorkers(perWorker)}), audit tickets ${auditEntries(ctx, 'webhook').length - before.length}, lost ${lost}, duplicated ${duplicated}`,
	);
	assert.equal(lost, 0, 'no execution may be lost');
	assert.equal(duplicated, 0, 'no execution may run twice');
	return expected;
}

const connectedTickets = (sim: Simulator) => sim.hub.connections().map((connection) => connection.positionId);

async function waitForLiveConnections(ctx: QueueModeContext, count: number): Promise<void> {
	await waitFor(`${count} live connections`, async () => (connectedTickets(ctx.sim).length === count ? true : undefined), 60_000);
}

async function waitForLiveEntry(ctx: QueueModeContext, ticket: string, status: string): Promise<void> {
	await waitFor(
		`a live-trigger execution for ${ticket} becoming ${status}`,
		async () => (auditEntries(ctx, 'live').some(([, id, seen]) => id === ticket && seen === status) ? true : undefined),
		60_000,
	);
}

const WATCHING = /Ombori Grid Ticket Trigger: watching \d+ ticket/;

export async function checkLiveTrigger(ctx: QueueModeContext): Promise<void> {
	const { sim, cluster, liveQueueId: queueId, liveTickets: tickets } = ctx;
	const [first, second, third] = tickets;
	await waitForLiveConnections(ctx, tickets.length);
	const connected = connectedTickets(sim);
	assert.deepEqual([...connected].sort(), [...tickets].sort(), 'one live connection per ticket, from one process');
	const workerActivations = cluster.workers.map((worker) => countLines(worker.log(), WATCHING));
	assert.equal(countLines(cluster.mainLog(), WATCHING), 1, 'main activates the live trigger');
	assert.deepEqual(workerActivations, cluster.workers.map(() => 0), 'workers never activate triggers');

	sim.staff.call(queueId, first);
	await waitForLiveEntry(ctx, first, 'notified');

	await cluster.main.stop();
	await waitForLiveConnections(ctx, 0);
	// Changes nobody can see live: main is down.
	sim.staff.call(queueId, second);
	sim.staff.checkIn(queueId, first);
	await cluster.startMain();
	await waitForLiveConnections(ctx, tickets.length);
	await waitForLiveEntry(ctx, second, 'notified');
	await waitForLiveEntry(ctx, first, 'fulfilled');
	sim.staff.call(queueId, third);
	await waitForLiveEntry(ctx, third, 'notified');

	const expected = [
		['live', first, 'notified'],
		['live', second, 'notified'],
		['live', first, 'fulfilled'],
		['live', third, 'notified'],
	];
	const { count, perWorker } = await checkExecutions(ctx, WORKFLOW_IDS.live, expected.length);
	const [lost, duplicated] = compareAudit(ctx, 'live', expected);
	ctx.figures.push(
		`live trigger: ${tickets.length} tickets, ${tickets.length} hub connections while main and ${cluster.workers.length} workers ran ` +
			`(trigger activations: main ${countLines(cluster.mainLog(), WATCHING)} over 2 starts, workers ${workerActivations.join('/')}); ` +
			`${expected.length} status changes (2 made while main was down) → executions ${count} (by worker: ${describeWorkers(perWorker)}), lost ${lost}, duplicated ${duplicated}`,
	);
	assert.equal(lost, 0, 'no status change may be lost across the restart');
	assert.equal(duplicated, 0, 'no status change may be emitted twice across the restart');
}

/**
 * The API key in nothing n8n keeps: no stored execution data, no credential row in plain text, no
 * line of any process's log. The simulator's own request log, where the key belongs, is the
 * control that the search can find it.
 */
export async function checkSecretHygiene(ctx: QueueModeContext): Promise<void> {
	const key = ctx.sim.apiKey;
	assert.match(key, /^[\w-]+$/, 'the key is put into SQL as it is');
	const count = async (table: string, where = 'true') => Number((await sql(ctx.postgresPort, `select count(*) from ${table} where ${where}`))[0][0]);
	const executionRows = await count('execution_data');
	const executionHits = await count('execution_data', `strpos(data, '${key}') > 0 or strpos("workflowData"::text, '${key}') > 0`);
	const credentialHits = await count('credentials_entity', `strpos(data, '${key}') > 0`);
	const logs = [ctx.cluster.mainLog(), ...ctx.cluster.workers.map((worker) => worker.log())];
	const logHits = logs.filter((log) => log.includes(key)).length;
	const control = ctx.sim.requests.filter((entry) => entry.headers.apikey === key).length;
	ctx.figures.push(
		`secret hygiene: stored executions ${executionRows} with the key ${executionHits}, credential rows with the key in plain text ${credentialHits}, ` +
			`process logs with the key ${logHits} of ${logs.length} (control: API requests carrying it ${control})`,
	);
	assert.ok(executionRows > 0 && control > 0, 'the search must have something to look at');
	assert.deepEqual([executionHits, credentialHits, logHits], [0, 0, 0], 'the API key must appear nowhere');
}
