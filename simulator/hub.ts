/**
 * SignalR live updates, served the way Azure SignalR Service behind Azure Functions would
 * (ombori-api.md §6, signalr-lab §2–§4):
 *
 *   API server   POST {orgUrl}/queues/{q}/positions/{p}/negotiate?userId=…&negotiateVersion=1
 *                ApiKey checked (401), tenant (404 {error}), ticket (404) → {url, accessToken}
 *   hub server   POST /client/negotiate?hub=queues&negotiateVersion=1     Bearer accessToken → connectionToken
 *   (own port)   GET  /client/?hub=queues&id={connectionToken}           Bearer, WebSocket upgrade
 *
 * Every store 'change' reaches the connections of that ticket as `position-update` with ONE
 * JSON-string argument `{"position": …}`. Faults: `dropAll` (terminate, no close frame), `closeAll`
 * (Close record), `failNextNegotiates` (503 on the API negotiate), `stall` (the API negotiate or
 * the upgrade is never answered). `requests` records every negotiate and upgrade with its headers,
 * so tests can assert that the API key never reaches the hub host.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Position } from '../nodes/OmboriGrid/shared/types';
import { sendResponse } from './http';
import {
	closeRecord,
	decodeRecords,
	encodeRecord,
	HANDSHAKE_OK,
	invocation,
	MessageType,
	PING,
	serviceNegotiateBody,
} from './hubProtocol';
import type { RouteHandler, RouteRequest, RouteResponse } from './router';
import type { SimulatorStore } from './store';
import { nowIso } from './time';
import type { SimulatorEvent } from './types';

export const HUB_NAME = 'queues';
export const NEGOTIATE_PATH =
	/^\/regions\/[^/]+\/queues\/v1\/organizations\/([^/]+)\/queues\/([^/]+)\/positions\/([^/]+)\/negotiate$/;
const DEFAULT_PING_MS = 10_000;
const DEFAULT_WAIT_MS = 10_000;

export type HubStall = 'none' | 'negotiate' | 'upgrade';

export interface HubRequestEntry {
	time: string;
	/** 'api': the negotiate on the API server; 'hub': anything on the hub's own port. */
	server: 'api' | 'hub';
	kind: 'negotiate' | 'service-negotiate' | 'upgrade' | 'other';
	method: string;
	path: string;
	query: Record<string, string>;
	/** Lower-cased names, values as received. */
	headers: IncomingHttpHeaders;
	/** 101 for an accepted upgrade; null while in flight or stalled. */
	status: number | null;
}

export interface HubConnectionInfo {
	connectionId: string;
	queueId: string;
	positionId: string;
	userId: string;
	connectedAt: string;
}

export interface HubOptions {
	host: string;
	apiKey: string;
	store: SimulatorStore;
	/** Registers the API-side negotiate route (Simulator.addRoute). */
	addRoute(method: string, pattern: RegExp, handler: RouteHandler): void;
	/** Server ping interval. Default 10 s (the client's server timeout is 30 s). */
	pingMs?: number;
}

/** Who an access token or connection token was issued for. */
interface Grant {
	queueId: string;
	positionId: string;
	userId: string;
}

interface PendingConnection extends Grant {
	connectionId: string;
	accessToken: string;
}

interface HubClient extends PendingConnection {
	socket: WebSocket;
	/** Handshake done: the client may receive invocations. */
	ready: boolean;
	connectedAt: string;
}

const bearerOf = (headers: IncomingHttpHeaders) => /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
	socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export class SimHub {
	readonly requests: HubRequestEntry[] = [];
	url = '';
	port = 0;

	private readonly changes = new EventEmitter();
	private readonly grants = new Map<string, Grant>();
	private readonly pending = new Map<string, PendingConnection>();
	private readonly clients = new Set<HubClient>();
	private readonly stalledSockets = new Set<Duplex>();
	private readonly server: Server;
	private readonly wss = new WebSocketServer({ noServer: true });
	private readonly pingTimer: NodeJS.Timeout;
	private failures = { remaining: 0, status: 503 };
	private stalled: HubStall = 'none';
	private closing?: Promise<void>;
	private readonly onStoreChange = (event: SimulatorEvent) => this.publish(event.position);

	constructor(private readonly options: HubOptions) {
		this.server = createServer((req, res) => this.serviceNegotiate(req, res));
		this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
		options.store.events.on('change', this.onStoreChange);
		options.addRoute('POST', NEGOTIATE_PATH, (request) => this.negotiate(request));
		this.pingTimer = setInterval(() => this.broadcast(() => true, PING), options.pingMs ?? DEFAULT_PING_MS).unref();
	}

	async listen(): Promise<this> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(0, this.options.host, () => resolve());
		});
		this.port = (this.server.address() as AddressInfo).port;
		this.url = `http://${this.options.host}:${this.port}`;
		return this;
	}

	connections(): HubConnectionInfo[] {
		return [...this.clients]
			.filter((client) => client.ready)
			.map(({ connectionId, queueId, positionId, userId, connectedAt }) => ({ connectionId, queueId, positionId, userId, connectedAt }));
	}

	/** Sends `position-update` with any argument (a repeated snapshot, an object) to a ticket's connections. */
	push(positionId: string, argument: unknown): number {
		return this.broadcast((client) => client.positionId === positionId, invocation('position-update', [argument]));
	}

	/** Ends every connection abruptly (no close frame): the client sees 1006 and reconnects. */
	dropAll(): number {
		const clients = [...this.clients];
		clients.forEach((client) => client.socket.terminate());
		return clients.length;
	}

	/** Sends a Close record, then closes the sockets; the client reconnects only when `allowReconnect`. */
	closeAll(options: { error?: string; allowReconnect?: boolean } = {}): number {
		return this.broadcast(() => true, closeRecord(options.error, options.allowReconnect === true), true);
	}

	failNextNegotiates(count: number, status = 503): void {
		this.failures = { remaining: count, status };
	}

	/** From now on, never answer the API negotiate or the WebSocket upgrade ('none' ends that). */
	stall(target: HubStall): void {
		this.stalled = target;
	}

	clearRequests(): void {
		this.requests.length = 0;
	}

	/** Faults off and the request log cleared; connections stay. */
	reset(): void {
		this.failNextNegotiates(0);
		this.stall('none');
		this.clearRequests();
	}

	/** Resolves once `check` holds; re-checked on every request, connection and disconnection. */
	waitFor(check: () => boolean, what: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
		if (check()) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const onChange = () => {
				if (!check()) return;
				cleanup();
				resolve();
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(new Error(`Hub: timed out after ${timeoutMs} ms waiting for ${what}`));
			}, timeoutMs);
			const cleanup = () => {
				clearTimeout(timer);
				this.changes.off('change', onChange);
			};
			this.changes.on('change', onChange);
		});
	}

	waitForConnections(count: number, positionId?: string, timeoutMs?: number): Promise<void> {
		const matching = () => this.connections().filter((c) => !positionId || c.positionId === positionId).length;
		return this.waitFor(() => matching() >= count, `${count} connection(s)${positionId ? ` to ${positionId}` : ''}`, timeoutMs);
	}

	close(): Promise<void> {
		this.closing ??= new Promise<void>((resolve) => {
			clearInterval(this.pingTimer);
			this.options.store.events.off('change', this.onStoreChange);
			this.clients.forEach((client) => client.socket.terminate());
			this.stalledSockets.forEach((socket) => socket.destroy());
			this.wss.close();
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
		return this.closing;
	}

	/** A request's answer is a change too: waits on "two 503s" must not depend on a later request. */
	private settle(entry: HubRequestEntry, status: number): void {
		entry.status = status;
		this.changes.emit('change');
	}

	private record(server: HubRequestEntry['server'], kind: HubRequestEntry['kind'], method: string, path: string, query: URLSearchParams, headers: IncomingHttpHeaders): HubRequestEntry {
		const entry: HubRequestEntry = { time: nowIso(), server, kind, method, path, query: Object.fromEntries(query), headers: { ...headers }, status: null };
		this.requests.push(entry);
		this.changes.emit('change');
		return entry;
	}

	/** The Azure Functions side, on the API server: checks the API key and the ticket, then redirects. */
	private async negotiate(request: RouteRequest): Promise<RouteResponse | undefined> {
		const [tenantId, queueId, positionId] = request.params;
		const entry = this.record('api', 'negotiate', request.method, request.path, request.query, request.headers);
		const answer = (status: number, body: object): RouteResponse => {
			this.settle(entry, status);
			return { status, body };
		};
		if (this.failures.remaining > 0) {
			this.failures.remaining -= 1;
			return answer(this.failures.status, { message: 'Simulated negotiate failure' });
		}
		if (this.stalled === 'negotiate') {
			await new Promise((resolve) => request.res.once('close', resolve));
			return undefined;
		}
		if (request.headers.apikey !== this.options.apiKey) return answer(401, { message: 'Invalid API key' });
		if (!this.options.store.hasOrganization(decodeURIComponent(tenantId))) {
			return answer(404, { error: `Organization ${tenantId} not found` });
		}
		if (!this.options.store.getPosition(queueId, positionId)) {
			return answer(404, { message: `Position ${positionId} not found in queue ${queueId}` });
		}
		const userId = request.query.get('userId');
		if (!userId) return answer(400, { message: 'userId is required' });
		const accessToken = `at-${randomBytes(16).toString('hex')}`;
		this.grants.set(accessToken, { queueId, positionId, userId });
		return answer(200, { url: `${this.url}/client/?hub=${HUB_NAME}`, accessToken });
	}

	/** The SignalR Service negotiate: needs the token minted above, issues a connection token. */
	private serviceNegotiate(req: IncomingMessage, res: ServerResponse): void {
		req.resume();
		const url = new URL(req.url ?? '/', 'http://hub');
		const isNegotiate = req.method === 'POST' && url.pathname === '/client/negotiate';
		const entry = this.record('hub', isNegotiate ? 'service-negotiate' : 'other', req.method ?? 'GET', url.pathname, url.searchParams, req.headers);
		const reply = (status: number, body: object) => {
			this.settle(entry, status);
			sendResponse(res, { status, body });
		};
		if (!isNegotiate) return reply(404, { message: `No route for ${req.method} ${url.pathname}` });
		const accessToken = bearerOf(req.headers);
		const grant = accessToken ? this.grants.get(accessToken) : undefined;
		if (!accessToken || !grant) return reply(401, { message: 'Missing or unknown access token' });
		const connectionId = randomUUID();
		const connectionToken = randomBytes(16).toString('hex');
		this.pending.set(connectionToken, { ...grant, connectionId, accessToken });
		reply(200, serviceNegotiateBody(connectionId, connectionToken));
	}

	private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		socket.on('error', () => socket.destroy());
		const url = new URL(req.url ?? '/', 'http://hub');
		const entry = this.record('hub', 'upgrade', req.method ?? 'GET', url.pathname, url.searchParams, req.headers);
		if (this.stalled === 'upgrade') {
			this.stalledSockets.add(socket);
			socket.once('close', () => this.stalledSockets.delete(socket));
			return;
		}
		const token = url.searchParams.get('id') ?? '';
		const pending = this.pending.get(token);
		if (url.pathname !== '/client/' || !pending) {
			this.settle(entry, 404);
			return rejectUpgrade(socket, 404, 'Not Found');
		}
		if (bearerOf(req.headers) !== pending.accessToken) {
			this.settle(entry, 401);
			return rejectUpgrade(socket, 401, 'Unauthorized');
		}
		this.pending.delete(token);
		this.wss.handleUpgrade(req, socket, head, (ws) => {
			this.settle(entry, 101);
			this.accept(ws, pending);
		});
	}

	private accept(socket: WebSocket, connection: PendingConnection): void {
		const client: HubClient = { ...connection, socket, ready: false, connectedAt: nowIso() };
		this.clients.add(client);
		socket.on('message', (data) => this.receive(client, String(data)));
		socket.on('error', () => socket.terminate());
		socket.on('close', () => {
			this.clients.delete(client);
			this.changes.emit('change');
		});
	}

	private receive(client: HubClient, data: string): void {
		for (const record of decodeRecords(data)) {
			if (!client.ready) {
				if (record?.protocol !== 'json') {
					client.socket.send(encodeRecord({ error: 'Only the json protocol is supported' }));
					client.socket.close(1000);
					return;
				}
				client.ready = true;
				client.socket.send(HANDSHAKE_OK);
				this.changes.emit('change');
			} else if (record?.type === MessageType.Close) {
				client.socket.close(1000);
			}
		}
	}

	private publish(position: Position): void {
		this.broadcast((client) => client.positionId === position.id, invocation('position-update', [JSON.stringify({ position })]));
	}

	private broadcast(to: (client: HubClient) => boolean, frame: string, thenClose = false): number {
		let sent = 0;
		for (const client of this.clients) {
			if (!client.ready || !to(client)) continue;
			client.socket.send(frame);
			if (thenClose) client.socket.close(1000);
			sent += 1;
		}
		return sent;
	}
}

/** Starts the hub server on an ephemeral port and registers the negotiate route on the API server. */
export function startHub(options: HubOptions): Promise<SimHub> {
	return new SimHub(options).listen();
}
