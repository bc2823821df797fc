import { sleep } from 'n8n-workflow';

export interface PoolLimits {
	/** Items in flight at once. */
	concurrency: number;
	/** Item starts per second; 0 for no limit. */
	perSecond: number;
}

/**
 * Runs `work` for items 0..count-1 with at most `concurrency` at once and starts spaced to
 * `perSecond`. After a failure no new item starts; the ones in flight finish, and the failure
 * of the lowest item index is rethrown, as a sequential run would have.
 */
export async function runItems(count: number, limits: PoolLimits, work: (index: number) => Promise<void>): Promise<void> {
	const spacingMs = limits.perSecond > 0 ? 1000 / limits.perSecond : 0;
	let nextIndex = 0;
	let nextStartAt = Date.now();
	let failure: { index: number; error: unknown } | undefined;
	const fail = (index: number, error: unknown) => {
		if (!failure || index < failure.index) failure = { index, error };
	};
	const failed = () => failure !== undefined;

	async function worker(): Promise<void> {
		while (!failed() && nextIndex < count) {
			const index = nextIndex++;
			if (spacingMs > 0) {
				const now = Date.now();
				const waitMs = nextStartAt - now;
				nextStartAt = Math.max(now, nextStartAt) + spacingMs;
				if (waitMs > 0) await sleep(waitMs);
			}
			try {
				await work(index);
			} catch (error) {
				fail(index, error);
			}
		}
	}

	const workers = Math.max(1, Math.min(limits.concurrency, count));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failure) throw (failure as { error: unknown }).error;
}
