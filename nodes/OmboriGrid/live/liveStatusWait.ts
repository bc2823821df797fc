import { NodeOperationError } from 'n8n-workflow';

import type { TicketWaiter, WaitOutcome } from '../shared/statusWait';
import type { Position } from '../shared/types';
import { CREDENTIAL_TYPE, toOmboriCredentials } from '../transport/baseUrl';
import { getPosition } from '../transport/endpoints';
import { firstMemory, isNewer, isTerminal } from './emitRules';
import { keyRejectedError } from './keyRejection';
import { loadSignalR } from './signalrModule';
import { TicketWatcher } from './ticketWatcher';
import { LIVE_DEFAULTS } from './triggerSettings';
import { pause } from '../shared/waiting';

const outcomeOf = (position: Position, statuses: readonly string[]): WaitOutcome | undefined => {
	if (statuses.includes(position.status)) return { kind: 'reached', position };
	if (isTerminal(position.status)) return { kind: 'final', position };
	return undefined;
};

/**
 * Ticket → Wait for Status in live mode: one read (E2), then the ticket's live connection instead
 * of polling; the same watcher as the Ticket Trigger, so missed updates are read after reconnects.
 */
export const waitLive: TicketWaiter = async (ctx, ref, watch, itemIndex) => {
	let last = await getPosition(ctx, ref, itemIndex);
	const early = outcomeOf(last, watch.statuses);
	if (early) return early;

	const credentials = toOmboriCredentials(await ctx.getCredentials(CREDENTIAL_TYPE, itemIndex));
	const finished = new AbortController();
	let outcome: WaitOutcome | undefined;
	let failure: Error | undefined;
	const watcher = new TicketWatcher({
		ctx,
		client: await loadSignalR(),
		credentials,
		ref,
		settings: LIVE_DEFAULTS,
		onSnapshot: (position) => {
			// A late message older than what was seen must not end (or restart) the wait.
			if (outcome || !isNewer(firstMemory(last), position)) return;
			last = position;
			outcome = outcomeOf(position, watch.statuses);
			if (outcome) finished.abort();
		},
		onKeyRejected: (error) => {
			failure = keyRejectedError(ctx.getNode(), error, credentials.apiKey, itemIndex);
			finished.abort();
		},
	});
	const cancelled = ctx.getExecutionCancelSignal?.();
	watcher.start();
	try {
		await pause(watch.deadline - Date.now(), AbortSignal.any([finished.signal, ...(cancelled ? [cancelled] : [])]));
	} finally {
		await watcher.close();
	}
	if (failure) throw failure;
	if (outcome) return outcome;
	if (cancelled?.aborted) {
		throw new NodeOperationError(ctx.getNode(), 'The execution was stopped while waiting for the ticket status', { itemIndex });
	}
	return { kind: 'timeout', position: last };
};
