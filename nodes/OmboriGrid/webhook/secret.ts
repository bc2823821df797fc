import { createHash, timingSafeEqual } from 'crypto';
import type { IncomingHttpHeaders } from 'http';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Compares SHA-256 digests rather than the values: `timingSafeEqual` needs equal lengths, and
 * hashing first means neither a length check nor the comparison time reveals anything about
 * the secret. A repeated header (an array) never matches: Ombori sends the header once.
 */
export function secretMatches(expected: string, received: string | string[] | undefined): boolean {
	if (typeof received !== 'string') return false;
	return timingSafeEqual(digest(expected), digest(received));
}

/** Node lowercases incoming header names; users type them as Ombori's console shows them. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | string[] | undefined {
	return headers[name.trim().toLowerCase()];
}
