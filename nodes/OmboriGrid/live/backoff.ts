import type { IRetryPolicy, RetryContext } from '@microsoft/signalr';

export interface BackoffSettings {
	/** Upper bound of the first retry delay; later ones double up to `maxDelayMs`. */
	initialDelayMs: number;
	maxDelayMs: number;
}

/**
 * Capped exponential backoff with jitter (between half and all of the ceiling). The first retry
 * comes quickly so a blip heals fast; the jitter keeps many tickets dropped at once from
 * reconnecting in lockstep.
 */
export function backoffDelayMs(attempt: number, settings: BackoffSettings, random = Math.random): number {
	const ceiling = Math.min(settings.maxDelayMs, settings.initialDelayMs * 2 ** Math.min(attempt, 30));
	return Math.round(ceiling * (0.5 + random() * 0.5));
}

/** The HTTP status inside a SignalR client error: it is only in the message ("… Status code '401'"). */
export function statusOf(error: unknown): number | undefined {
	const match = /Status code '(\d{3})'/.exec(String((error as Error | undefined)?.message ?? error));
	return match ? Number(match[1]) : undefined;
}

export function isKeyRejection(error: unknown): boolean {
	const status = statusOf(error);
	return status === 401 || status === 403;
}

/**
 * Reconnect policy that never gives up on network trouble (the client's default stops after four
 * attempts and then looks exactly like a normal stop, signalr-lab §7.2). A rejected API key is the
 * one reason to stop: it is kept in `rejection` for the close handler to report.
 */
export class ForeverRetryPolicy implements IRetryPolicy {
	rejection?: Error;

	constructor(private readonly settings: BackoffSettings) {}

	nextRetryDelayInMilliseconds({ previousRetryCount, retryReason }: RetryContext): number | null {
		if (isKeyRejection(retryReason)) {
			this.rejection = retryReason;
			return null;
		}
		return backoffDelayMs(previousRetryCount, this.settings);
	}
}
