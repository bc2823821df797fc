import type { IDataObject, ITriggerFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { simplifyPosition } from '../shared/simplify';
import type { Position } from '../shared/types';
import type { OmboriCredentials } from '../transport/baseUrl';
import type { Decision } from './emitRules';
import { decide, firstMemory, isNewer, isTerminal } from './emitRules';
import { keyRejectedError } from './keyRejection';
import { ReadLimit } from './readLimit';
import type { SignalRClient } from './signalrModule';
import { TicketWatcher } from './ticketWatcher';
import type { TicketStore } from './ticketStore';
import type { TriggerSettings } from './triggerSettings';

export interface SessionParts {
	ctx: ITriggerFunctions;
	settings: TriggerSettings;
	store: TicketStore;
	client: SignalRClient;
	credentials: OmboriCredentials;
}

/** Ticket re-reads after reconnects, across all watched tickets. */
const READS_IN_FLIGHT = 10;

/**
 * The running Ombori Grid Ticket Trigger: one watcher per ticket, the emit rules applied to every
 * snapshot, and what the trigger remembers updated before anything is emitted.
 */
export class TriggerSession {
	private readonly watchers = new Map<string, TicketWatcher>();
	private readonly readLimit = new ReadLimit(READS_IN_FLIGHT);
	private closed = false;
	private failed = false;
	private readonly firstEmitted: Promise<void>;
	private firstEmission: () => void = () => {};

	constructor(private readonly parts: SessionParts) {
		this.firstEmitted = new Promise<void>((resolve) => (this.firstEmission = resolve));
	}

	/**
	 * Takes the tickets as read at activation. A ticket seen for the first time is remembered in
	 * that state, which starts nothing; one already finished is not watched.
	 */
	prepare(current: ReadonlyArray<Position | undefined>): void {
		const { ctx, settings, store } = this.parts;
		settings.ticketIds.forEach((ticketId, index) => {
			const position = current[index];
			let memory = store.get(ticketId);
			if (!memory && position) {
				memory = firstMemory(position);
				store.set(ticketId, memory);
			}
			const finished = memory && isTerminal(memory.status) && !(position && isNewer(memory, position));
			if (settings.rules.stopOnTerminal && finished) {
				ctx.logger.info(`Ombori Grid Ticket Trigger: ticket ${ticketId} is ${memory!.status} already; not watching it`);
				return;
			}
			this.watchers.set(ticketId, this.watcherFor(ticketId));
		});
	}

	start(): void {
		this.parts.ctx.logger.info(`Ombori Grid Ticket Trigger: watching ${this.watchers.size} ticket(s)`);
		for (const watcher of this.watchers.values()) watcher.start();
	}

	/** Resolves at the first execution started, or when the session closes. */
	untilFirstEmission(): Promise<void> {
		return this.firstEmitted;
	}

	async close(): Promise<void> {
		this.closed = true;
		this.firstEmission();
		const watchers = [...this.watchers.values()];
		this.watchers.clear();
		await Promise.all(watchers.map(async (watcher) => await watcher.close()));
	}

	private watcherFor(ticketId: string): TicketWatcher {
		const { ctx, settings, client, credentials } = this.parts;
		return new TicketWatcher({
			ctx,
			client,
			credentials,
			ref: { queueId: settings.queueId, id: ticketId, resource: 'ticket' },
			settings: settings.connection,
			onSnapshot: (position) => this.handle(ticketId, position),
			onKeyRejected: (error) => this.fail(error),
			readLimit: this.readLimit,
		});
	}

	private handle(ticketId: string, position: Position): void {
		if (this.closed) return;
		const { store, settings } = this.parts;
		const decision = decide(store.get(ticketId), position, settings.rules);
		if (!decision) return;
		store.set(ticketId, decision.memory);
		if (decision.reasons.length > 0) this.emit(position, decision);
		if (decision.stopWatching) this.stopWatching(ticketId, position.status);
	}

	private emit(position: Position, decision: Decision): void {
		const { ctx, settings } = this.parts;
		ctx.logger.debug(`Ombori Grid Ticket Trigger: ticket ${position.id} is ${position.status} (${decision.reasons.join(', ')})`);
		try {
			const json = settings.simplify ? simplifyPosition(position) : (position as IDataObject);
			// Looked up on ctx each time: for "Listen for test event" n8n replaces emit after trigger() returns.
			ctx.emit([[{ json }]]);
			this.firstEmission();
		} catch (error) {
			ctx.saveFailedExecution(
				new NodeOperationError(ctx.getNode(), error as Error, {
					message: `Could not start an execution for ticket ${position.id}`,
				}),
			);
		}
	}

	private stopWatching(ticketId: string, status: string): void {
		const watcher = this.watchers.get(ticketId);
		if (!watcher) return;
		this.watchers.delete(ticketId);
		this.parts.ctx.logger.info(`Ombori Grid Ticket Trigger: ticket ${ticketId} is ${status}; no longer watching it`);
		void watcher.close();
	}

	/** A rejected key cannot heal by retrying: n8n deactivates the workflow and retries activation with backoff. */
	private fail(error: Error): void {
		if (this.failed || this.closed) return;
		this.failed = true;
		const { ctx, credentials } = this.parts;
		const apiError = keyRejectedError(ctx.getNode(), error, credentials.apiKey);
		ctx.emitError(apiError);
		void this.close();
	}
}
