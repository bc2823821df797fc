/** Every request the simulated API received, newest last, for tests to assert on. */
import type { IncomingHttpHeaders } from 'node:http';

export interface RequestLogEntry {
	time: string;
	method: string;
	path: string;
	query: Record<string, string>;
	/** Lower-cased names, values as received. */
	headers: IncomingHttpHeaders;
	/** Parsed JSON, the raw text when it does not parse, `null` when empty. */
	body: unknown;
	/** `null` while in flight, and for ever when a fault dropped the socket. */
	status: number | null;
	/** Id of the fault rule that fired on this request. */
	fault?: string;
}

/** Old entries are dropped beyond this, so long benchmarks do not grow memory without bound. */
const MAX_ENTRIES = 10_000;

export class RequestLog {
	/** Kept as one array instance so `simulator.requests` stays live across `clear()`. */
	readonly entries: RequestLogEntry[] = [];
	private received = 0;

	record(entry: RequestLogEntry): RequestLogEntry {
		this.received += 1;
		this.entries.push(entry);
		if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
		return entry;
	}

	clear(): void {
		this.entries.length = 0;
		this.received = 0;
	}

	/** Requests received since the last `clear()`, including entries dropped beyond the cap. */
	get total(): number {
		return this.received;
	}
}
