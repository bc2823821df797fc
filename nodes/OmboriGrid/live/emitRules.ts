import type { Position } from '../shared/types';
import { TERMINAL_STATUSES } from '../shared/types';

export type EmitOn = 'statusChange' | 'everyUpdate';

export interface EmitRules {
	emitOn: EmitOn;
	/** Statuses that may start an execution; empty for all. */
	statuses: string[];
	/** Fire once per ticket when its place in line is this or better; undefined for never. */
	notifyAtPosition?: number;
	stopOnTerminal: boolean;
}

/** What the trigger remembers of a ticket: the last snapshot it processed (emitted or not). */
export interface TicketMemory {
	status: string;
	ts?: number;
	/** Whether the notifyAtPosition execution already ran for this ticket. */
	positionReached?: boolean;
}

export type EmitReason = 'statusChange' | 'update' | 'position';

export interface Decision {
	/** Why to start an execution; empty for none. */
	reasons: EmitReason[];
	/** To remember instead of the old memory. */
	memory: TicketMemory;
	stopWatching: boolean;
}

export const isTerminal = (status: string) => TERMINAL_STATUSES.includes(status);

/**
 * Whether a snapshot is newer than the memory. `_ts` orders snapshots, so a message that arrives
 * late (after the re-read that followed a reconnect, say) is recognised and skipped.
 */
export function isNewer(memory: TicketMemory, position: Position): boolean {
	const ts = typeof position._ts === 'number' ? position._ts : undefined;
	if (ts !== undefined && memory.ts !== undefined) {
		if (ts < memory.ts) return false;
		if (ts === memory.ts) return position.status !== memory.status;
		return true;
	}
	return ts !== memory.ts || position.status !== memory.status;
}

const reachedPosition = (position: Position, limit: number | undefined) =>
	limit !== undefined &&
	typeof position.numberInTheQueue === 'number' &&
	position.numberInTheQueue >= 1 &&
	position.numberInTheQueue <= limit;

/** The memory of a ticket first seen in this state; that state itself starts nothing. */
export const firstMemory = (position: Position): TicketMemory => ({
	status: position.status,
	ts: typeof position._ts === 'number' ? position._ts : undefined,
	positionReached: false,
});

/**
 * What to do with a snapshot of a watched ticket; undefined when it is not newer than what the
 * trigger already processed, so no state ever starts two executions.
 */
export function decide(memory: TicketMemory | undefined, position: Position, rules: EmitRules): Decision | undefined {
	const stopWatching = rules.stopOnTerminal && isTerminal(position.status);
	if (!memory) return { reasons: [], memory: firstMemory(position), stopWatching };
	if (!isNewer(memory, position)) return undefined;

	const reasons: EmitReason[] = [];
	const statusChanged = position.status !== memory.status;
	const wanted = rules.statuses.length === 0 || rules.statuses.includes(position.status);
	if (wanted && statusChanged) reasons.push('statusChange');
	else if (wanted && rules.emitOn === 'everyUpdate') reasons.push('update');
	const positionReached = !memory.positionReached && reachedPosition(position, rules.notifyAtPosition);
	if (positionReached) reasons.push('position');

	const next = { ...firstMemory(position), positionReached: memory.positionReached || positionReached };
	return { reasons, memory: next, stopWatching };
}
