import { startTrigger } from '../harness/trigger';
import { newTicket, useLiveEnv, watching } from './setup';

const env = useLiveEnv();

async function control(method: string, path: string, body?: unknown) {
	const response = await fetch(`${env.sim.url}/_sim/hub${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('simulator hub controls over HTTP', () => {
	it('lists connections and requests, drops, closes and injects faults', async () => {
		const ticket = newTicket(env);
		await startTrigger(watching(env, [ticket]), { credentials: env.credentials });
		await env.hub.waitForConnections(1, ticket.id);

		const info = await control('GET', '');
		expect(info.body).toMatchObject({ url: env.hub.url, connections: [{ positionId: ticket.id, queueId: env.queueId }] });
		expect((await control('GET', '/requests')).body.map((entry: { kind: string }) => entry.kind)).toEqual([
			'negotiate',
			'service-negotiate',
			'upgrade',
		]);

		const [first] = env.hub.connections();
		expect(await control('POST', '/fail-negotiates', { count: 2 })).toEqual({ status: 204, body: undefined });
		expect((await control('POST', '/drop')).body).toEqual({ affected: 1 });
		await env.hub.waitFor(() => env.hub.requests.filter((entry) => entry.status === 503).length === 2, 'two 503s');
		const reconnected = () => env.hub.connections().filter((c) => c.connectionId !== first.connectionId).length === 1;
		await env.hub.waitFor(reconnected, 'a new connection');
		expect((await control('POST', '/close', { allowReconnect: true })).body).toEqual({ affected: 1 });

		expect((await control('PUT', '/stall', { target: 'sideways' })).status).toBe(400);
		expect((await control('PUT', '/stall', { target: 'upgrade' })).status).toBe(204);
		expect((await control('DELETE', '/requests')).status).toBe(204);
		expect(env.hub.requests).toEqual([]);
	});
});
