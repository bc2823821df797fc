/**
 * `npm start`: the whole demo on this machine. The simulator with demo data and its staff console,
 * a pinned n8n (installed once into the machine cache) with this package installed the way n8n
 * installs community packages, a ready credential and the example workflows; the trigger examples
 * are published and the simulator delivers its webhooks to n8n. Ctrl-C stops everything.
 *
 * Env: N8N_DEMO_VERSION (default 2.8.4, the newest n8n that runs on Node 20), N8N_PORT (5678),
 * OMBORI_SIM_PORT (4010).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_QUEUE_IDS, startSimulator, type Simulator } from '../simulator';
import { addStaffConsole } from '../simulator/console';
import { installCommunityPackage, packPackage } from './n8n/communityPackage';
import { EXAMPLE_CREDENTIAL, EXAMPLE_IDS, examplePaths, exampleWorkflows, liveExampleWatching } from './n8n/examples';
import { installN8n } from './n8n/install';
import { N8n } from './n8n/instance';
import { cacheDir } from './n8n/paths';
import { freePort } from './n8n/ports';
import { say, waitFor } from './n8n/proc';
import { simulatorCredentialFile, TRIGGER_WEBHOOK_PATH, writeJson, type WorkflowJson } from './n8n/workflowJson';

const VERSION = process.env.N8N_DEMO_VERSION ?? '2.8.4';
/** A fixed key, so the credential stays valid across restarts of the demo. */
const SIM_API_KEY = 'sim-key-demo';
/** Local only (n8n listens on 127.0.0.1): saves clicking through the owner sign-up on first visit. */
const OWNER = { email: 'demo@example.com', firstName: 'Demo', lastName: 'Staff', password: 'Demo-passw0rd' };

/** The examples as the demo imports them: the live trigger watches the tickets waiting at the Front Desk. */
function demoWorkflows(sim: Simulator): WorkflowJson[] {
	const waiting = sim.store
		.listPositions(DEMO_QUEUE_IDS.frontDesk)
		.filter((position) => position.status === 'pending')
		.map((position) => position.id);
	return exampleWorkflows().map((workflow) => (workflow.id === EXAMPLE_IDS.live ? liveExampleWatching(waiting) : workflow));
}

/**
 * The owner account, made once per user folder. n8n answers 400 when an owner exists already (a
 * later start), and may refuse for a moment right after readiness, so it is retried briefly.
 */
async function setUpOwner(n8n: N8n): Promise<boolean> {
	const post = (path: string, body?: object) =>
		fetch(`${n8n.url}${path}`, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
	const ownerExists = async () => {
		const settings = (await (await post('/rest/settings')).json()) as { data: { userManagement: { showSetupOnFirstLoad?: boolean } } };
		return settings.data.userManagement.showSetupOnFirstLoad === false;
	};
	return waitFor(
		'the owner account',
		async () => {
			try {
				if (await ownerExists()) return true;
				await post('/rest/owner/setup', OWNER);
			} catch {
				// not answering yet: try again
			}
			return undefined;
		},
		30_000,
		500,
	).catch(() => false);
}

function printGuide(n8n: N8n, sim: Simulator, consoleUrl: string, workflows: WorkflowJson[], ownerReady: boolean): void {
	const byId = (id: string) => workflows.find((workflow) => workflow.id === id) as WorkflowJson;
	const paths = examplePaths();
	const names = workflows.map((workflow) => `     - ${workflow.name}`).join('\n');
	say(`
────────────────────────────────────────────────────────────────────────────
 Ombori Grid demo is running (n8n ${VERSION})

 1. Open n8n:            ${n8n.publicUrl}
    ${ownerReady ? `Sign in:             ${OWNER.email} / ${OWNER.password}   (local demo account)` : 'Create the owner account n8n asks for (local only).'}
    Workflows imported:
${names}
    Credential:          "${EXAMPLE_CREDENTIAL.name}" (Region: Custom URL → ${sim.apiRoot})

 2. Open the staff console: ${consoleUrl}
    Click "call" on Linus Torvalds or Margaret Hamilton (Front Desk). Two published
    workflows fire: "${byId(EXAMPLE_IDS.live).name}" (live trigger)
    and "${byId(EXAMPLE_IDS.webhook).name}" (webhook).
    In n8n open Overview → Executions to see them; "Mark as notified" wrote to the
    ticket's custom data (see the console). "check in" and "complete" fire the webhook
    workflow again.

 3. Join the queue as a customer: ${n8n.publicUrl}${paths.form}
    The new ticket appears in the console; call it from there.

 4. Reserve a slot, then pay:
    curl -X POST ${n8n.publicUrl}${paths.reserve} -H 'content-type: application/json' -d '{"name":"Ada","people":2}'
    It answers with the reservation (Pharmacy, status reserved in the console) and payHere.
    Pay:  curl -X POST <payHere> -H 'content-type: application/json' -d '{"paid":true}'
    The reservation becomes a booking (status draft); without payment it is released after 15 min.

 Ctrl-C stops n8n and the simulator. n8n's data stays in ${n8n.options.userFolder}.
────────────────────────────────────────────────────────────────────────────`);
}

async function main(): Promise<void> {
	const sim = await startSimulator({ demo: true, port: Number(process.env.OMBORI_SIM_PORT ?? 4010), apiKey: SIM_API_KEY });
	const consoleUrl = addStaffConsole(sim);
	say(`Simulator on ${sim.url} with demo data; staff console ${consoleUrl}`);

	// Ctrl-C may come during the long first install, before n8n exists.
	const running: { n8n?: N8n; stopping?: boolean } = {};
	const stop = async (code: number) => {
		running.stopping = true;
		await running.n8n?.stop();
		await sim.close();
		process.exit(code);
	};
	process.once('SIGINT', () => void stop(0));
	process.once('SIGTERM', () => void stop(0));

	say(`Preparing n8n ${VERSION} (the first run installs it into ${cacheDir()}, a few minutes)…`);
	const install = await installN8n(VERSION);
	const userFolder = join(cacheDir(), `demo-user-${VERSION}`);
	mkdirSync(userFolder, { recursive: true });
	const n8n = new N8n(install, { userFolder, port: Number(process.env.N8N_PORT ?? 5678), brokerPort: await freePort(), host: 'localhost' });
	running.n8n = n8n;

	say('Installing this package into n8n as a community package…');
	const tarball = await packPackage(join(cacheDir(), 'demo-pack'));
	await installCommunityPackage(tarball, userFolder);
	say('Importing the credential and the example workflows…');
	await n8n.importCredentials(writeJson(join(userFolder, 'demo-credentials.json'), simulatorCredentialFile(EXAMPLE_CREDENTIAL, sim)));
	const workflows = demoWorkflows(sim);
	await n8n.importWorkflows(writeJson(join(userFolder, 'demo-workflows.json'), workflows));
	for (const id of Object.values(EXAMPLE_IDS)) await n8n.publish(id);

	say(`Starting n8n on ${n8n.publicUrl}…`);
	await n8n.start(join(userFolder, 'n8n.log'));
	const ownerReady = await setUpOwner(n8n);
	sim.webhooks.register({ url: n8n.webhookUrl(examplePaths().webhookId, TRIGGER_WEBHOOK_PATH) });
	printGuide(n8n, sim, consoleUrl, workflows, ownerReady);

	await n8n.exited();
	if (running.stopping) return;
	say(`n8n stopped unexpectedly; see ${join(userFolder, 'n8n.log')}`);
	await stop(1);
}

main().catch((error: Error) => {
	say(`npm start failed: ${error.message}`);
	process.exit(1);
});
