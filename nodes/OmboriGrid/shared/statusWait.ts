import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PositionRef } from '../transport/endpoints';
import { getPosition } from '../transport/endpoints';
import type { Position } from './types';
import { TERMINAL_STATUSES } from './types';
import { pause } from './waiting';

/** Polling schedule of Ticket → Wait for Status (README "Operations"). */
export const FIRST_POLL_DELAY_MS = 1_000;
export const POLL_BACKOFF_FACTOR = 1.5;
export const MAX_POLL_DELAY_MS = 15_000;

export interface StatusWatch {
	statuses: readonly string[];
	/** Epoch ms after which the wait gives up. */
	deadline: number;
}

/**
 * How a wait ended: the ticket reached one of the statuses, the deadline passed, or the ticket
 * reached a final status that can never turn into a wanted one.
 */
export type WaitOutcome = { kind: 'reached' | 'timeout' | 'final'; position: Position };

/** One way of watching a ticket; polling today, SignalR (live mode) can take the same shape. */
export type TicketWaiter = (
	ctx: IExecuteFunctions,
	ref: PositionRef,
	watch: StatusWatch,
	itemIndex: number,
) => Promise<WaitOutcome>;

/** Reads the ticket (E2) with growing pauses, never sleeping past the deadline. */
export const pollTicketStatus: TicketWaiter = async (ctx, ref, watch, itemIndex) => {
	const signal = ctx.getExecutionCancelSignal?.();
	for (let delay = FIRST_POLL_DELAY_MS; ; delay = Math.min(delay * POLL_BACKOFF_FACTOR, MAX_POLL_DELAY_MS)) {
		const position = await getPosition(ctx, ref, itemIndex);
		if (watch.statuses.includes(position.status)) return { kind: 'reached', position };
		if (TERMINAL_STATUSES.includes(position.status)) return { kind: 'final', position };
		const remaining = watch.deadline - Date.now();
		if (remaining <= 0) return { kind: 'timeout', position };
		if (!(await pause(Math.min(delay, remaining), signal))) {
			throw new NodeOperationError(ctx.getNode(), 'The execution was stopped while waiting for the ticket status', {
				itemIndex,
			});
		}
	}
};
