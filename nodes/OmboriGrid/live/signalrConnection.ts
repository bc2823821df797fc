import type { HubConnection, IHttpConnectionOptions } from '@microsoft/signalr';
import type { Logger } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import type { BackoffSettings } from './backoff';
import { ForeverRetryPolicy, backoffDelayMs, isKeyRejection } from './backoff';
import { createGuardedHttpClient } from './guardedHttpClient';
import { createGuardedWebSocket } from './guardedWebSocket';
import { hubLogger } from './hubLogger';
import type { KeyScope } from './keyScope';
import type { SignalRClient, WsSocket } from './signalrModule';
import { WS_CONNECTING } from './signalrModule';
import { pause, settlesWithin } from '../shared/waiting';

export interface ConnectionSettings extends BackoffSettings {
	/** Bound on each negotiate request and on the WebSocket upgrade. */
	connectTimeoutMs: number;
}

export interface LiveConnectionOptions {
	client: SignalRClient;
	/** `{organization URL}/queues/{queueId}/positions/{positionId}` (ombori-api.md §6). */
	hubUrl: string;
	scope: KeyScope;
	settings: ConnectionSettings;
	logger: Logger;
	/** Start of every log line, naming the ticket. */
	label: string;
	onUpdate(argument: unknown): void;
	/** After the first connect and after every reconnect: the moment to catch up on missed changes. */
	onConnected(): void;
	onKeyRejected(error: Error): void;
}

/** close() waits this long for the client's stop(), then this long for sockets to close; 3.5 s in all. */
const STOP_WAIT_MS = 2_500;
const SOCKET_CLOSE_WAIT_MS = 1_000;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

const socketClosed = (socket: WsSocket) => new Promise<void>((resolve) => socket.once('close', () => resolve()));

/**
 * One SignalR connection to one ticket, kept up until close(): the first start() is retried here
 * (the client never retries it), reconnects never give up, and a server Close that forbids
 * reconnecting starts over after a pause. Only a rejected API key stops it.
 */
export class LiveConnection {
	private closed = false;
	private readonly closing = new AbortController();
	private readonly sockets = new Set<WsSocket>();
	private readonly policy: ForeverRetryPolicy;
	private readonly hub: HubConnection;

	constructor(private readonly options: LiveConnectionOptions) {
		const { client, scope, settings, logger, label } = options;
		const { signalr } = client;
		this.policy = new ForeverRetryPolicy(settings);
		const connectionOptions: IHttpConnectionOptions & { WebSocket: unknown } = {
			// No silent fallback to SSE or long polling: one code path in tests and production.
			transport: signalr.HttpTransportType.WebSockets,
			timeout: settings.connectTimeoutMs,
			httpClient: createGuardedHttpClient(signalr, scope, this.closing.signal),
			WebSocket: createGuardedWebSocket(client.WebSocket, {
				...scope,
				handshakeTimeoutMs: settings.connectTimeoutMs,
				sockets: this.sockets,
			}),
			// An empty token for the API's negotiate: otherwise every reconnect sends the previous
			// SignalR service token to the API host (signalr-lab §7.4a).
			accessTokenFactory: () => '',
		};
		this.hub = new signalr.HubConnectionBuilder()
			.withUrl(`${options.hubUrl}?userId=${randomUUID()}`, connectionOptions)
			.withAutomaticReconnect(this.policy)
			.configureLogging(hubLogger(signalr, logger, label, scope.apiKey))
			.build();
		this.hub.on('position-update', (argument: unknown) => options.onUpdate(argument));
		this.hub.onreconnecting((error) => logger.info(`${label}: connection lost (${describe(error)}); reconnecting`));
		this.hub.onreconnected(() => {
			logger.info(`${label}: reconnected`);
			options.onConnected();
		});
		this.hub.onclose((error) => void this.afterClose(error));
	}

	start(): void {
		void this.connect(0);
	}

	/** Releases the connection, its sockets and timers within about 3.5 s, even mid-connect. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		this.closing.abort();
		this.hub.off('position-update');
		// A socket still upgrading has no session to end politely, and a stalled one would hold stop().
		for (const socket of this.sockets) if (socket.readyState === WS_CONNECTING) socket.terminate();
		await settlesWithin(this.hub.stop(), STOP_WAIT_MS);
		// ws keeps a closing socket and a 30 s timer until the server answers the close frame.
		await settlesWithin(Promise.all([...this.sockets].map(socketClosed)), SOCKET_CLOSE_WAIT_MS);
		for (const socket of this.sockets) socket.terminate();
	}

	private async connect(firstAttempt: number): Promise<void> {
		const { logger, label, settings } = this.options;
		for (let attempt = firstAttempt; !this.closed; attempt++) {
			try {
				await this.hub.start();
			} catch (error) {
				if (this.closed) return;
				if (isKeyRejection(error)) return this.options.onKeyRejected(error as Error);
				const delay = backoffDelayMs(attempt, settings);
				logger.warn(`${label}: cannot connect (${describe(error)}); next attempt in ${delay} ms`);
				if (!(await pause(delay, this.closing.signal))) return;
				continue;
			}
			if (this.closed) return;
			logger.debug(`${label}: connected`);
			this.options.onConnected();
			return;
		}
	}

	private async afterClose(error?: Error): Promise<void> {
		if (this.closed) return;
		if (this.policy.rejection) return this.options.onKeyRejected(this.policy.rejection);
		// The server ended the connection without allowing a reconnect: start over, after a pause.
		const delay = backoffDelayMs(0, this.options.settings);
		this.options.logger.warn(
			`${this.options.label}: connection closed (${error ? describe(error) : 'no reason given'}); connecting again in ${delay} ms`,
		);
		if (await pause(delay, this.closing.signal)) await this.connect(1);
	}
}
