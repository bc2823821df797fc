/**
 * What every benchmark shares: the repository paths, the simulator (in a child process by default,
 * or in this process), the credential that points the nodes at it, and test/harness's engine.
 */
import { fork } from 'node:child_process';
import path from 'node:path';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { startSimulator } from '../../simulator';
import type { QueueInput, Simulator, SimulatorInfo } from '../../simulator';
import { simulatorCredential } from '../../test/harness/simulator';
import { callSimulator, installBenchRoutes } from './simOps';

export { BUILD_DIR, REPO_DIR, RESULTS_FILE } from './paths';

/** The simulator as the benchmarks use it, wherever it runs. */
export interface BenchSimulator {
	where: 'child' | 'inprocess';
	info: SimulatorInfo;
	credential: ICredentialDataDecryptedObject;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Calls a Simulator method by dotted path ('hub.dropAll') or a bench operation ('bench.update'); see simOps.ts. */
	call<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
	createQueue(input?: QueueInput): Promise<string>;
	close(): Promise<void>;
}

function benchSimulator(
	where: BenchSimulator['where'],
	info: SimulatorInfo,
	call: BenchSimulator['call'],
	close: () => Promise<void>,
): BenchSimulator {
	// simulatorCredential reads only the SimulatorInfo part (apiRoot, tenantId, apiKey).
	const credential = simulatorCredential(info as Simulator);
	return {
		where,
		info,
		credential,
		credentials: { omboriGridApi: credential },
		call,
		createQueue: async (input = {}) => (await call<{ id: string }>('createQueue', input)).id,
		close,
	};
}

async function startInProcess(): Promise<BenchSimulator> {
	const sim = await startSimulator({ host: '127.0.0.1' });
	installBenchRoutes(sim);
	const call = async <T>(method: string, ...args: unknown[]) => (await callSimulator(sim, method, args)) as T;
	return benchSimulator('inprocess', sim.info(), call, () => sim.close());
}

async function startChild(): Promise<BenchSimulator> {
	const child = fork(path.join(__dirname, 'simHost.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
	let nextId = 1;
	const ready = new Promise<SimulatorInfo>((resolve, reject) => {
		pending.set(0, { resolve: (value) => resolve(value as SimulatorInfo), reject });
		child.once('exit', (code) => reject(new Error(`simulator process exited (${code})`)));
	});
	child.on('message', (message: { id: number; value?: unknown; error?: string }) => {
		const waiter = pending.get(message.id);
		pending.delete(message.id);
		if (message.error !== undefined) waiter?.reject(new Error(message.error));
		else waiter?.resolve(message.value);
	});
	const info = await ready;
	const call = <T>(method: string, ...args: unknown[]) =>
		new Promise<T>((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve: (value) => resolve(value as T), reject });
			child.send({ id, method, args });
		});
	const close = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.disconnect();
		});
	return benchSimulator('child', info, call, close);
}

/** `OMBORI_BENCH_SIM=inprocess` runs the simulator in the benchmark process instead of a child. */
export function startBenchSimulator(where = process.env.OMBORI_BENCH_SIM === 'inprocess' ? 'inprocess' : 'child'): Promise<BenchSimulator> {
	return where === 'inprocess' ? startInProcess() : startChild();
}

/** Output for humans; the lint config forbids `console`. */
export const say = (line = ''): void => void process.stdout.write(`${line}\n`);
