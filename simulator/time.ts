export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

export const nowIso = (): string => new Date().toISOString();

export const toIso = (ms: number): string => new Date(ms).toISOString();

/** A date (and optional time) that starts like ISO 8601; `Date.parse` alone accepts too much. */
export function parseIsoDate(value: unknown): number | undefined {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

export const startOfUtcDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;
