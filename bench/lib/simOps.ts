/**
 * Benchmark helpers that must run inside the simulator's process, next to its store and hub, so
 * what they time starts exactly where the simulator acts. Reachable by IPC (`BenchSimulator.call('bench.<name>')`)
 * and, for benchmark children, over HTTP: `POST {sim.url}/_bench/<name>` with a JSON array of arguments.
 */
import http from 'node:http';

import type { Simulator } from '../../simulator';
import { epochMs, sleep } from './stats';

export const simOps = {
	/** `count` staff-issued tickets in `queueId`; their ids. */
	createTickets(sim: Simulator, queueId: string, count: number): string[] {
		return Array.from({ length: count }, () => sim.staff.createManual(queueId).id);
	},

	/**
	 * One ticket update that reaches its hub connections as a `position-update` (the store emits
	 * 'change' and the hub sends synchronously); `customData.benchSeq` tells receivers which one it was.
	 * Returns the wall-clock time taken just before the update.
	 */
	update(sim: Simulator, queueId: string, positionId: string, seq: number): { t0: number } {
		const t0 = epochMs();
		sim.store.update(queueId, positionId, (position) => (position.customData = { benchSeq: seq }), 'positionUpdated');
		return { t0 };
	},

	/**
	 * `count` updates paced `intervalMs` apart, cycling through `targets` (update i goes to
	 * targets[i % targets.length], with benchSeq i). Timed here, so the receivers' process has
	 * nothing but the WebSocket frames to handle; the send times come back at the end.
	 */
	async updateSeries(
		sim: Simulator,
		targets: Array<{ queueId: string; positionId: string }>,
		count: number,
		intervalMs: number,
	): Promise<{ t0: number[] }> {
		const t0: number[] = [];
		for (let seq = 0; seq < count; seq++) {
			const { queueId, positionId } = targets[seq % targets.length];
			t0.push(simOps.update(sim, queueId, positionId, seq).t0);
			await sleep(intervalMs);
		}
		return { t0 };
	},

	/**
	 * Drops every hub socket (no close frame), then has staff call every ticket while nobody is
	 * connected: those changes only reach a client that re-reads its ticket after reconnecting.
	 */
	dropAndCall(sim: Simulator, queueId: string, ticketIds: string[]): { t0: number; dropped: number } {
		const t0 = epochMs();
		const dropped = sim.hub.dropAll();
		for (const id of ticketIds) sim.staff.call(queueId, id);
		return { t0, dropped };
	},

	/** Drops every hub socket; the time just before. */
	drop(sim: Simulator): { t0: number; dropped: number } {
		const t0 = epochMs();
		return { t0, dropped: sim.hub.dropAll() };
	},

	/** Ready hub connections to the given tickets (all tickets when none are given). */
	connections(sim: Simulator, ticketIds?: string[]): number {
		const wanted = ticketIds && new Set(ticketIds);
		return sim.hub.connections().filter((connection) => !wanted || wanted.has(connection.positionId)).length;
	},
};

export type SimOpName = keyof typeof simOps;

export const BENCH_ROUTE = /^\/_bench\/(\w+)$/;

export function runSimOp(sim: Simulator, name: string, args: unknown[]): unknown {
	const op = (simOps as Record<string, (sim: Simulator, ...args: any[]) => unknown>)[name];
	if (!op) throw new Error(`No bench operation ${name}`);
	return op(sim, ...args);
}

/** `POST /_bench/<name>` [args…] → the operation's result, for benchmark children. */
export function installBenchRoutes(sim: Simulator): void {
	sim.addRoute('POST', BENCH_ROUTE, async (request) => {
		const args = request.body.isValidJson ? (request.body.json as unknown[]) : [];
		return { status: 200, body: (await runSimOp(sim, request.params[0], Array.isArray(args) ? args : [])) ?? null };
	});
}

/** Calls a method of the Simulator object by dotted path ('createQueue', 'hub.dropAll') or a bench operation ('bench.update'). */
export async function callSimulator(sim: Simulator, method: string, args: unknown[]): Promise<unknown> {
	if (method.startsWith('bench.')) return runSimOp(sim, method.slice('bench.'.length), args);
	const path = method.split('.');
	let target: any = sim;
	for (const key of path.slice(0, -1)) target = target?.[key];
	const fn = target?.[path[path.length - 1]];
	if (typeof fn !== 'function') throw new Error(`simulator has no method ${method}`);
	return await fn.apply(target, args);
}

/**
 * A benchmark child's way to run a bench operation in the simulator's process. One connection per
 * call (no keep-alive): a child that blocks its loop for a while (GC, a heap snapshot) must not find
 * a pooled socket the server has closed meanwhile.
 */
export function simOp<T>(simUrl: string, name: SimOpName, ...args: unknown[]): Promise<T> {
	const body = JSON.stringify(args);
	return new Promise<T>((resolve, reject) => {
		const request = http.request(
			`${simUrl}/_bench/${name}`,
			{ method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (text += chunk));
				response.on('end', () => {
					if (response.statusCode !== 200) reject(new Error(`bench operation ${name}: HTTP ${response.statusCode} ${text}`));
					else resolve(JSON.parse(text) as T);
				});
				response.on('error', reject);
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}
