/**
 * `npm run simulator [-- --port 4010 --host 127.0.0.1 --api-key KEY --seed N]`: the demo simulator.
 * The API key is fixed by default (not random as in tests) so a credential saved in n8n keeps working
 * across restarts; the simulator only listens on localhost. Output goes through `process.stdout`
 * because the lint config forbids `console`.
 */
import { parseArgs } from 'node:util';
import { addStaffConsole } from './console';
import { CONTROL_PREFIX } from './control';
import { startSimulator, type Simulator } from './server';

const DEFAULT_PORT = 4010;
const DEMO_API_KEY = 'sim-key-demo';

function readOptions() {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			host: { type: 'string' },
			'api-key': { type: 'string' },
			seed: { type: 'string' },
		},
	});
	const port = Number(values.port ?? DEFAULT_PORT);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port ${values.port}`);
	return {
		port,
		host: values.host,
		apiKey: values['api-key'] ?? process.env.OMBORI_SIM_API_KEY ?? DEMO_API_KEY,
		seed: values.seed === undefined ? undefined : Number(values.seed),
	};
}

function printBanner(simulator: Simulator, consoleUrl: string): void {
	const control = `${simulator.url}${CONTROL_PREFIX}`;
	const lines = [
		`Ombori Grid simulator listening on ${simulator.url}`,
		`Staff console (call, check in, complete tickets): ${consoleUrl}`,
		'',
		'n8n credential "Ombori Grid API":',
		'  Region:     Custom URL',
		`  Custom URL: ${simulator.apiRoot}`,
		`  Tenant ID:  ${simulator.tenantId}`,
		`  API Key:    ${simulator.apiKey}`,
		'',
		'Queues:',
		...simulator.listQueues().map((queue) => `  ${queue.name.padEnd(12)} ${queue.id}  (${queue.positions.length} tickets)`),
		'',
		'Staff and test controls (no API key):',
		`  GET    ${control}/queues                         queues and tickets`,
		`  POST   ${control}/queues                         create a queue`,
		`  POST   ${control}/queues/{q}/positions           staff ticket`,
		`  POST   ${control}/queues/{q}/positions/{p}/{action}`,
		'         call | retry | check-in | check-out | reject | activate | staff-cancel | feedback',
		`  GET    ${control}/requests   DELETE ${control}/requests`,
		`  GET    ${control}/faults     POST ${control}/faults   DELETE ${control}/faults`,
		`  PUT    ${control}/latency {ms}   PUT ${control}/seed {seed}`,
		`  GET    ${control}/stats   GET ${control}/info   POST ${control}/reset`,
		'',
		'Ctrl-C to stop.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
	const simulator = await startSimulator({ ...readOptions(), demo: true });
	printBanner(simulator, addStaffConsole(simulator));
	const stop = () => {
		void simulator.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
