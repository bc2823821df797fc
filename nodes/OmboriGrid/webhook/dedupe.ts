import { createHash } from 'crypto';

import type { Position } from '../shared/types';

/**
 * Remembering the last 1,000 deliveries per trigger covers any plausible redelivery burst while
 * keeping the workflow's static data (saved with the workflow after every call) around 25 KB.
 */
export const DEDUPE_WINDOW = 1000;

/**
 * The ticket's state as one event leaves it. `_ts` has one-second resolution at Ombori, so two
 * events for one ticket within a second (call → retry → call) share it; the lifecycle stamps,
 * the retry count and the booking times tell those apart. `numberInTheQueue` is left out on
 * purpose: it moves when other tickets change, and a redelivery must still match.
 */
const STATE_FIELDS = [
	'_ts',
	'status',
	'retryCount',
	'calledAt',
	'fulfilledAt',
	'completedAt',
	'rejectedAt',
	'activatedAt',
] as const;

/** One key per (event, ticket, state); hashed so every key has the same small size and no customer data is stored. */
export function deliveryKey(event: string, position: Position): string {
	const state = STATE_FIELDS.map((field) => position[field] ?? null);
	const material = JSON.stringify([event, position.id, ...state, position.booking?.start ?? null, position.booking?.end ?? null]);
	return createHash('sha256').update(material).digest('base64url').slice(0, 22);
}

export interface Remembered {
	duplicate: boolean;
	/** Oldest first, at most `limit` long; unchanged when `duplicate`. */
	keys: string[];
}

export function remember(keys: readonly string[], key: string, limit = DEDUPE_WINDOW): Remembered {
	if (keys.includes(key)) return { duplicate: true, keys: [...keys] };
	const kept = keys.length >= limit ? keys.slice(keys.length - limit + 1) : keys;
	return { duplicate: false, keys: [...kept, key] };
}

/** Static data is user-editable JSON; anything that is not a list of keys starts a fresh memory. */
export function readKeys(stored: unknown): string[] {
	return Array.isArray(stored) ? stored.filter((key): key is string => typeof key === 'string') : [];
}

/**
 * Keys this n8n process has seen, per trigger node. Static data alone is not enough: n8n 2.41
 * handles a webhook call before the static data changed by the previous call is saved, so a
 * quick repeat would get through. Static data still carries the memory across restarts.
 */
const seenInProcess = new Map<string, string[]>();

/** Records `key` for `trigger` in this process; true when it was already there. */
export function seenByProcess(trigger: string, key: string, limit = DEDUPE_WINDOW): boolean {
	const { duplicate, keys } = remember(seenInProcess.get(trigger) ?? [], key, limit);
	if (!duplicate) seenInProcess.set(trigger, keys);
	return duplicate;
}
