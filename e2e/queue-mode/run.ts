/**
 * `npm run test:queue-mode`: the package in n8n 2.8.4 in queue mode — main plus two workers, Redis
 * and PostgreSQL, all on loopback ports of this machine, started and stopped here (Redis and
 * PostgreSQL are installed with apt when missing). Checks and prints: 200 webhook-started
 * executions of an action workflow, the webhook trigger under 200 repeated and shuffled deliveries,
 * and the live trigger on main only, across a restart of main. Ends with "N passed, N failed".
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../simulator';
import { installCommunityPackage, packPackage } from '../../scripts/n8n/communityPackage';
import { installN8n } from '../../scripts/n8n/install';
import { freePort } from '../../scripts/n8n/ports';
import { say } from '../../scripts/n8n/proc';
import { simulatorCredentialFile, type CredentialRef } from '../../scripts/n8n/workflowJson';
import { runSuiteMain, seconds, Suite } from '../suite';
import { liveWorkflow, webhookWorkflow, WORKFLOW_IDS } from '../workflows';
import { checkLiveTrigger, checkSecretHygiene, checkWebhookExecutions, waitForWebhook, type QueueModeContext } from './checks';
import { Cluster } from './cluster';
import { ensurePackages, startPostgres, startRedis, type Service } from './services';

const N8N_VERSION = '2.8.4';
const WORKERS = 2;
const LIVE_TICKETS = 5;
const CREDENTIAL: CredentialRef = { id: 'queueModeSimCred01', name: 'Ombori Grid simulator (queue mode)' };

/** Simulator queues and tickets, the user folder with the package, and the imported, published workflows. */
async function prepare(workDir: string, sim: Simulator, cluster: Cluster, postgresPort: number): Promise<QueueModeContext> {
	const userFolder = cluster.main.options.userFolder;
	await installCommunityPackage(await packPackage(workDir), userFolder);
	const liveQueueId = sim.createQueue({ name: 'Queue mode: live' }).id;
	const ctx: QueueModeContext = {
		n8n: cluster.main,
		cluster,
		sim,
		workDir,
		credential: CREDENTIAL,
		queueId: sim.createQueue({ name: 'Queue mode: webhooks' }).id,
		auditQueueId: sim.createQueue({ name: 'Queue mode: audit' }).id,
		day: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
		postgresPort,
		webhookId: randomUUID(),
		secret: `queue-mode-${randomUUID()}`,
		liveQueueId,
		liveTickets: Array.from({ length: LIVE_TICKETS }, (_, n) => sim.staff.createManual(liveQueueId, { customerInfo: [`Live ${n}`] }).id),
		figures: [],
	};
	const file = (name: string, content: unknown) => {
		const path = join(workDir, name);
		writeFileSync(path, JSON.stringify(content, null, 2));
		return path;
	};
	await cluster.main.importCredentials(
		file('credentials.json', simulatorCredentialFile(CREDENTIAL, sim)),
	);
	await cluster.main.importWorkflows(
		file('workflows.json', [
			webhookWorkflow({ credential: CREDENTIAL, webhookId: ctx.webhookId, queueId: ctx.queueId, auditQueueId: ctx.auditQueueId, secret: ctx.secret }),
			liveWorkflow({ credential: CREDENTIAL, queueId: liveQueueId, ticketIds: ctx.liveTickets, auditQueueId: ctx.auditQueueId }),
		]),
	);
	await cluster.main.publish(WORKFLOW_IDS.webhook);
	await cluster.main.publish(WORKFLOW_IDS.live);
	return ctx;
}

async function main(): Promise<void> {
	const started = Date.now();
	const suite = new Suite();
	const workDir = mkdtempSync(join(tmpdir(), 'ombori-queue-mode-'));
	const services: Service[] = [];
	let cluster: Cluster | undefined;
	let sim: Simulator | undefined;
	let ctx: QueueModeContext | undefined;
	say(`== n8n ${N8N_VERSION} in queue mode: main + ${WORKERS} workers, Redis, PostgreSQL ==`);
	try {
		const installed = await ensurePackages();
		const install = await installN8n(N8N_VERSION);
		services.push(await startRedis(workDir, await freePort()));
		services.push(await startPostgres(workDir, await freePort()));
		const [redis, postgres] = services;
		say(`  Redis on 127.0.0.1:${redis.port}, PostgreSQL on 127.0.0.1:${postgres.port}${installed.length ? ` (installed ${installed.join(', ')})` : ''} (${seconds(started)})`);
		// A key no one could mistake for anything else, so a hit in the secret scan can only be a leak.
		sim = await startSimulator({ apiKey: `sk-LEAK-CANARY-${randomBytes(12).toString('hex')}` });
		const userFolder = join(workDir, 'user');
		mkdirSync(userFolder);
		cluster = await Cluster.create({ install, userFolder, workDir, redisPort: redis.port, postgresPort: postgres.port, workers: WORKERS });
		ctx = await prepare(workDir, sim, cluster, postgres.port);
		await cluster.start();
		say(`  main on ${cluster.main.url} and ${WORKERS} workers ready (${seconds(started)})`);
		await waitForWebhook(ctx);
		const context = ctx;
		let delivered: string[][] = [];
		await suite.test('action workflow: 200 webhook-started executions, each run once by a worker', async () => {
			delivered = await checkWebhookExecutions(context, 200, 1, 'action workflow (webhook trigger → Ombori Grid create)', []);
		});
		await suite.test('webhook trigger: 200 deliveries (100 events, each twice, shuffled) start 100 executions', async () => {
			await checkWebhookExecutions(context, 100, 2, 'webhook trigger under repeats', delivered);
		});
		await suite.test('live trigger: runs on main only, resumes after main restarts, no change lost or repeated', () => checkLiveTrigger(context));
		await suite.test('the API key is in no stored execution, credential row or process log', () => checkSecretHygiene(context));
	} catch (error) {
		suite.fail('queue-mode set-up', error);
	} finally {
		await cluster?.stop();
		await sim?.close();
		for (const service of services.reverse()) await service.stop();
		if (suite.ok) rmSync(workDir, { recursive: true, force: true });
		else say(`  kept ${workDir} (logs of main, workers, Redis, PostgreSQL) for a look`);
	}
	say('\nFigures:');
	for (const line of ctx?.figures ?? []) say(`  ${line}`);
	say(`  total time ${seconds(started)}`);
	say(suite.summary());
	process.exitCode = suite.ok ? 0 : 1;
}

runSuiteMain(main);
