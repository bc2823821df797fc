import { NodeApiError } from 'n8n-workflow';

import type { Position } from '../shared/types';
import type { OmboriCredentials } from '../transport/baseUrl';
import { apiOrigin, organizationUrl } from '../transport/baseUrl';
import type { PositionRef } from '../transport/endpoints';
import { getPosition } from '../transport/endpoints';
import type { RequestContext } from '../transport/request';
import { readPositionUpdate } from './positionUpdate';
import type { ConnectionSettings } from './signalrConnection';
import { LiveConnection } from './signalrConnection';
import type { ReadLimit } from './readLimit';
import type { SignalRClient } from './signalrModule';
import { settlesWithin } from '../shared/waiting';

/** How long close() waits for a read of the ticket in flight. */
const READ_SETTLE_MS = 1_500;

export interface TicketWatcherOptions {
	/** Reads the ticket (E2) and logs. */
	ctx: RequestContext;
	client: SignalRClient;
	credentials: OmboriCredentials;
	ref: PositionRef;
	settings: ConnectionSettings;
	/** Every snapshot of the ticket, pushed or re-read, in arrival order; may repeat or be stale. */
	onSnapshot(position: Position): void;
	onKeyRejected(error: Error): void;
	/** Shared by the watchers of one trigger; each watcher alone when absent. */
	readLimit?: ReadLimit;
}

export const isKeyRejectedByApi = (error: unknown) =>
	error instanceof NodeApiError && (error.httpCode === '401' || error.httpCode === '403');

/**
 * Follows one ticket: its live connection, plus a re-read of the ticket after every (re)connect,
 * because updates sent while the connection was down are lost (there is no replay).
 */
export class TicketWatcher {
	private closed = false;
	/** Cuts a re-read (and its retry pauses) short when the trigger closes. */
	private readonly closing = new AbortController();
	private reading: Promise<void> = Promise.resolve();
	private readonly connection: LiveConnection;
	private readonly label: string;

	constructor(private readonly options: TicketWatcherOptions) {
		const { ctx, client, credentials, ref, settings } = options;
		this.label = `Ombori Grid live updates for ticket ${ref.id}`;
		this.connection = new LiveConnection({
			client,
			hubUrl: `${organizationUrl(credentials)}/queues/${ref.queueId}/positions/${ref.id}`,
			scope: { apiOrigin: apiOrigin(credentials), apiKey: credentials.apiKey },
			settings,
			logger: ctx.logger,
			label: this.label,
			onUpdate: (argument) => this.receive(argument),
			onConnected: () => {
				this.reading = this.catchUp();
			},
			onKeyRejected: (error) => this.options.onKeyRejected(error),
		});
	}

	start(): void {
		this.connection.start();
	}

	/** Aborts a re-read in flight and waits (briefly) for it to unwind. */
	async close(): Promise<void> {
		this.closed = true;
		this.closing.abort();
		await Promise.all([this.connection.close(), settlesWithin(this.reading, READ_SETTLE_MS)]);
	}

	private receive(argument: unknown): void {
		if (this.closed) return;
		const { ctx, ref } = this.options;
		const position = readPositionUpdate(argument);
		if (!position) {
			ctx.logger.warn(`${this.label}: ignored a position-update without a readable ticket`);
		} else if (position.id !== ref.id) {
			ctx.logger.debug(`${this.label}: ignored an update for ticket ${position.id}`);
		} else {
			this.options.onSnapshot(position);
		}
	}

	private async catchUp(): Promise<void> {
		const { ctx, ref } = this.options;
		try {
			const read = () => getPosition(ctx, ref, undefined, this.closing.signal);
			const position = await (this.options.readLimit ? this.options.readLimit.run(read) : read());
			if (!this.closed) this.options.onSnapshot(position);
		} catch (error) {
			if (this.closed) return;
			if (isKeyRejectedByApi(error)) return this.options.onKeyRejected(error as Error);
			ctx.logger.warn(
				`${this.label}: cannot read the ticket after connecting (${(error as Error).message}); a change made while disconnected will show with the next update`,
			);
		}
	}
}
