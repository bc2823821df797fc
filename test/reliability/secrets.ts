/**
 * Secret hygiene for the reliability suite: every simulator here runs with a distinctive API key,
 * and each test file ends by scanning everything it captured for that key.
 */
import { randomBytes } from 'node:crypto';

import type { SimulatorOptions } from '../../simulator';
import { capturedLogs } from '../harness/logs';
import { startTestSimulator, type TestSimulator } from '../harness/simulator';
import { report } from './report';

/** Distinctive enough that a hit can only be the key itself, never a coincidence. */
export const CANARY_KEY = `sk-LEAK-CANARY-${randomBytes(12).toString('hex')}`;

export const startCanarySimulator = (options: SimulatorOptions = {}): Promise<TestSimulator> =>
	startTestSimulator({ ...options, apiKey: CANARY_KEY });

export interface ScanResult {
	/** Strings looked at. */
	scanned: number;
	/** Where the secret was found, as `source.path`. */
	hits: string[];
}

/**
 * Walks any value: objects, arrays, Maps, Buffers and Errors, including an Error's non-enumerable
 * message, stack and cause, because an error is exactly where a request's headers tend to hide.
 */
export function scanForSecret(sources: Record<string, unknown>, secret: string): ScanResult {
	const seen = new WeakSet<object>();
	const result: ScanResult = { scanned: 0, hits: [] };
	const visit = (value: unknown, path: string): void => {
		if (typeof value === 'string') {
			result.scanned += 1;
			if (value.includes(secret)) result.hits.push(path);
			return;
		}
		if (Buffer.isBuffer(value)) return visit(value.toString('utf8'), path);
		if (typeof value !== 'object' || value === null || seen.has(value)) return;
		seen.add(value);
		if (value instanceof Map) return value.forEach((entry, key) => visit(entry, `${path}.${String(key)}`));
		const keys = new Set(Object.keys(value));
		if (value instanceof Error) ['message', 'stack', 'cause', 'description'].forEach((key) => keys.add(key));
		for (const key of keys) {
			if (key.includes(secret)) result.hits.push(`${path}[key]`);
			visit((value as Record<string, unknown>)[key], `${path}.${key}`);
		}
	};
	for (const [name, value] of Object.entries(sources)) visit(value, name);
	return result;
}

/**
 * What a test file captured, by source. Tests add to it as they go; `expectNoLeaks` scans it
 * together with every log line the nodes wrote.
 */
export class Evidence {
	private readonly sources: Record<string, unknown[]> = {};

	add(source: string, value: unknown): void {
		(this.sources[source] ??= []).push(value);
	}

	scan(): ScanResult {
		return scanForSecret({ ...this.sources, logs: capturedLogs }, CANARY_KEY);
	}
}

/**
 * Asserts that the key shows up in none of the evidence, and, as a control that the scan can
 * fail, that it does show up where it belongs: the `ApiKey` header of requests to the API host.
 */
export function expectNoLeaks(suite: string, evidence: Evidence, apiHostRequests: unknown[]): void {
	const control = scanForSecret({ apiHost: apiHostRequests }, CANARY_KEY);
	expect(control.hits.length).toBeGreaterThan(0);
	const { scanned, hits } = evidence.scan();
	report(`secret hygiene [${suite}]: strings scanned ${scanned}, leak hits ${hits.length} (API-host control hits ${control.hits.length})`);
	expect(hits).toEqual([]);
}
