import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { startSimulator } from '../../simulator';
import type { Simulator, SimulatorOptions } from '../../simulator';

export interface TestSimulator {
	sim: Simulator;
	queueId: string;
	credentials: Record<string, ICredentialDataDecryptedObject>;
}

/** A simulator on an ephemeral port with one queue, and a credential pointing at it. */
export async function startTestSimulator(options: SimulatorOptions = {}): Promise<TestSimulator> {
	const sim = await startSimulator(options);
	const queue = sim.createQueue({ name: 'Test queue' });
	return { sim, queueId: queue.id, credentials: { omboriGridApi: simulatorCredential(sim) } };
}

export function simulatorCredential(sim: Simulator, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { region: 'custom', customUrl: sim.apiRoot, tenantId: sim.tenantId, apiKey: sim.apiKey, ...overrides };
}

/** API requests the simulator received (its own /_sim control calls excluded). */
export function apiRequests(sim: Simulator) {
	return sim.requests.filter((entry) => !entry.path.startsWith('/_sim'));
}

/** A loopback port nothing listens on (fetch refuses some well-known ports outright). */
export async function unusedPort(): Promise<number> {
	const net = await import('node:net');
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}
