import { sleepWithAbort } from 'n8n-workflow';

/** Sleeps `ms`; false when `signal` fired first (the trigger is closing). */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
	try {
		await sleepWithAbort(ms, signal);
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
