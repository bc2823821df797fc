import { setTimeout as delay } from 'node:timers/promises';

/**
 * Sleeps `ms`; false when `signal` fired first (the trigger is closing). Not n8n-workflow's
 * sleepWithAbort: later n8n 2.x releases (2.41) no longer export it, and the package runs
 * against whatever n8n-workflow the host n8n ships. The aborted timer is cleared at once.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
	try {
		await delay(ms, undefined, { signal });
		return true;
	} catch {
		return false;
	}
}

/** Waits for `work` at most `ms`; true when it settled in time. The timer never outlives the wait. */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
	const timer = new AbortController();
	const settled = work.then(
		() => true,
		() => true,
	);
	try {
		return await Promise.race([settled, pause(ms, timer.signal).then(() => false)]);
	} finally {
		timer.abort();
	}
}
