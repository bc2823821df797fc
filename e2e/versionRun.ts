/**
 * One n8n version end to end: install (cached), fresh user folder with the packed package,
 * headless imports, `execute` for the manual workflow, then `start` with the published trigger
 * workflows while the simulator plays staff.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, DEMO_QUEUE_IDS } from '../simulator';
import { installCommunityPackage } from '../scripts/n8n/communityPackage';
import { installN8n, isInstalled } from '../scripts/n8n/install';
import { N8n } from '../scripts/n8n/instance';
import { freePort } from '../scripts/n8n/ports';
import { say } from '../scripts/n8n/proc';
import { EXAMPLE_CREDENTIAL } from '../scripts/n8n/examples';
import { simulatorCredentialFile, writeJson } from '../scripts/n8n/workflowJson';
import { checkAllOperations } from './checks/actionNode';
import { checkExamples, importExamples } from './checks/examples';
import { checkFormExample, checkReserveExample, checkStaffCallExamples, exampleSetup, registerExampleWebhook } from './checks/exampleRuns';
import { checkLiveTrigger, createWatchedTickets, liveFlow } from './checks/liveTrigger';
import { checkWebhookTrigger, webhookFlow } from './checks/webhookTrigger';
import type { E2eContext } from './context';
import { seconds, type Suite } from './suite';
import { allOperationsWorkflow, WORKFLOW_IDS } from './workflows';

/** The examples' credential, so the examples run against this simulator as they do in the demo. */
const CREDENTIAL = EXAMPLE_CREDENTIAL;

export interface VersionTiming {
	version: string;
	installedBefore: boolean;
	installSeconds: number;
	testSeconds: number;
}

const tomorrowUtc = (): string => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** The checks of one version, in the order they depend on each other. */
async function runChecks(ctx: E2eContext, tarball: string, suite: Suite): Promise<void> {
	const { n8n, sim, workDir } = ctx;
	const version = n8n.install.version;
	const watched = createWatchedTickets(ctx);
	const examples = exampleSetup(ctx);
	const prepared = await suite.test(`${version}: package installed as a community package, credential and workflows imported`, async () => {
		await installCommunityPackage(tarball, n8n.options.userFolder);
		const file = (name: string, content: unknown) => writeJson(join(workDir, name), content);
		await n8n.importCredentials(file('credentials.json', simulatorCredentialFile(CREDENTIAL, sim)));
		await importExamples(ctx);
		const workflows = [allOperationsWorkflow(CREDENTIAL, ctx.queueId, ctx.day), webhookFlow(ctx), liveFlow(ctx, watched), ...examples.workflows];
		await n8n.importWorkflows(file('workflows.json', workflows));
	});
	if (!prepared) return;

	await suite.test(`${version}: every node type of the examples and e2e workflows is known to n8n`, () => checkExamples(ctx));
	await suite.test(`${version}: manual workflow runs every action-node operation (n8n execute)`, () => checkAllOperations(ctx));

	// Publishing takes effect at the next start, and `execute` above must not run beside a server.
	for (const id of [WORKFLOW_IDS.webhook, WORKFLOW_IDS.live, ...examples.publish]) await n8n.publish(id);
	const started = Date.now();
	await n8n.start(join(workDir, 'n8n.log'));
	say(`  n8n ${version} ready on ${n8n.url} (${seconds(started)})`);
	await registerExampleWebhook(ctx);
	await suite.test(`${version}: published webhook-trigger workflow runs once per simulator delivery`, () => checkWebhookTrigger(ctx));
	await suite.test(`${version}: published live-trigger workflow fires on staff calls, also after the hub dropped its sockets`, () =>
		checkLiveTrigger(ctx, watched),
	);
	await suite.test(`${version}: example "join a queue from a form": a submitted form creates the ticket`, () => checkFormExample(ctx));
	await suite.test(`${version}: example "reserve, then confirm after payment": reserve, pay, confirmed`, () => checkReserveExample(ctx));
	await suite.test(`${version}: examples "notify when called" and "queue events" both run on a staff call`, () => checkStaffCallExamples(ctx));
}

export async function runVersion(version: string, tarball: string, suite: Suite): Promise<VersionTiming> {
	say(`\n== n8n ${version} ==`);
	const installedBefore = isInstalled(version);
	const installStart = Date.now();
	const install = await installN8n(version);
	const installSeconds = (Date.now() - installStart) / 1000;
	say(`  n8n ${version} ${installedBefore ? 'from cache' : 'installed'} (${installSeconds.toFixed(1)} s)`);

	const testStart = Date.now();
	const workDir = mkdtempSync(join(tmpdir(), `ombori-e2e-${version}-`));
	const sim = await startSimulator({ demo: true });
	const n8n = new N8n(install, { userFolder: join(workDir, 'user'), port: await freePort(), brokerPort: await freePort() });
	const failuresBefore = suite.failures;
	try {
		await runChecks(
			{ n8n, sim, workDir, credential: CREDENTIAL, queueId: DEMO_QUEUE_IDS.frontDesk, auditQueueId: sim.createQueue({ name: 'E2E audit' }).id, day: tomorrowUtc() },
			tarball,
			suite,
		);
	} finally {
		await n8n.stop();
		await sim.close();
		if (suite.failures === failuresBefore) rmSync(workDir, { recursive: true, force: true });
		else say(`  kept ${workDir} (n8n.log, user folder) for a look`);
	}
	return { version, installedBefore, installSeconds, testSeconds: (Date.now() - testStart) / 1000 };
}
