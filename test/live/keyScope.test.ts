import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createGuardedHttpClient } from '../../nodes/OmboriGrid/live/guardedHttpClient';
import { scopedHeaders } from '../../nodes/OmboriGrid/live/keyScope';
import { loadSignalR } from '../../nodes/OmboriGrid/live/signalrModule';

const scope = { apiOrigin: 'https://api.omborigrid.com', apiKey: 'k-123' };

describe('API key scope', () => {
	it.each([
		['https://api.omborigrid.com/regions/eu/queues/v1/x/negotiate', true],
		['wss://api.omborigrid.com/hub?id=1', true],
		['http://api.omborigrid.com/x', false],
		['ws://api.omborigrid.com/x', false],
		['https://api.omborigrid.com:8443/x', false],
		['https://ombori.service.signalr.net/client/?hub=queues', false],
		['https://api.omborigrid.com.evil.example/x', false],
	])('%s gets the key: %s', (url, expected) => {
		const headers = scopedHeaders(url, { APIKEY: 'smuggled', 'User-Agent': 'x' }, scope);
		expect(headers).toEqual(expected ? { 'User-Agent': 'x', ApiKey: 'k-123' } : { 'User-Agent': 'x' });
	});
});

describe('guarded HTTP client', () => {
	const servers: Server[] = [];
	const seen: IncomingHttpHeaders[] = [];
	afterEach(async () => {
		await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
	});

	async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
		const server = createServer(handler);
		servers.push(server);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	}

	it('never follows a redirect, so the key cannot travel with it', async () => {
		const elsewhere = await serve((req, res) => {
			seen.push(req.headers);
			res.end('{}');
		});
		const api = await serve((_req, res) => {
			res.writeHead(307, { location: `${elsewhere}/negotiate` });
			res.end();
		});
		const { signalr } = await loadSignalR();
		const client = createGuardedHttpClient(signalr, { apiOrigin: api, apiKey: 'k-123' }, new AbortController().signal);
		await expect(client.post(`${api}/negotiate?negotiateVersion=1`, { content: '' })).rejects.toMatchObject({ statusCode: 307 });
		expect(seen).toEqual([]);
	});

	it('aborts requests in flight when the trigger closes', async () => {
		const api = await serve(() => undefined);
		const { signalr } = await loadSignalR();
		const closing = new AbortController();
		const client = createGuardedHttpClient(signalr, { apiOrigin: api, apiKey: 'k' }, closing.signal);
		const request = client.post(`${api}/negotiate`, { content: '' });
		closing.abort();
		await expect(request).rejects.toBeInstanceOf(signalr.AbortError);
		servers.forEach((server) => server.closeAllConnections());
	});
});
