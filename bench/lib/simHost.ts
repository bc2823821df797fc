/**
 * The simulator in a child process of its own, so its CPU time is not billed to the client under
 * test (as with the real API, which runs elsewhere). The parent drives it over IPC: each message
 * `{id, method, args}` runs `callSimulator` and is answered `{id, value}` or `{id, error}`.
 */
import { startSimulator } from '../../simulator';
import { callSimulator, installBenchRoutes } from './simOps';

interface Call {
	id: number;
	method: string;
	args: unknown[];
}

void (async () => {
	const sim = await startSimulator({ host: '127.0.0.1' });
	installBenchRoutes(sim);
	process.on('message', (message: Call) => {
		void (async () => {
			try {
				const value = await callSimulator(sim, message.method, message.args);
				process.send?.({ id: message.id, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) });
			} catch (error) {
				process.send?.({ id: message.id, error: (error as Error).message });
			}
		})();
	});
	process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
	process.send?.({ id: 0, value: sim.info() });
})();
