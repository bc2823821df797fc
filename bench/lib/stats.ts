/** Small statistics and formatting helpers shared by the benchmarks. */

/** The p-th percentile (0–100) by linear interpolation between closest ranks. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = (p / 100) * (sorted.length - 1);
	const low = Math.floor(rank);
	const high = Math.ceil(rank);
	return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** A number rounded to `digits` decimals, for JSON output. */
export const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

export const MB = 1024 * 1024;

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export const nowMs = (): number => performance.now();

/** Wall-clock milliseconds with sub-millisecond resolution, comparable between processes on one host. */
export const epochMs = (): number => performance.timeOrigin + performance.now();

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const start = nowMs();
	const value = await work();
	return { ms: nowMs() - start, value };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `sides` in rounds, alternating which goes first, so drift and warm-up hit both alike. */
export async function alternate<K extends string>(
	rounds: number,
	sides: Record<K, () => Promise<number>>,
): Promise<Record<K, number[]>> {
	const names = Object.keys(sides) as K[];
	const results = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
	for (let round = 0; round < rounds; round++) {
		const order = round % 2 === 0 ? names : [...names].reverse();
		for (const name of order) results[name].push(await sides[name]());
	}
	return results;
}

/** Per-round ratios a[i] / b[i]. */
export const ratios = (a: readonly number[], b: readonly number[]): number[] => a.map((value, i) => value / b[i]);
