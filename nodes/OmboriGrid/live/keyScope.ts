import { API_KEY_HEADER } from '../transport/baseUrl';

/**
 * Where the API key may go. The SignalR client would send its `headers` option to every host,
 * including the SignalR service host a negotiate redirect points to (signalr-lab §2), so the
 * live connection never uses that option; its HTTP client and WebSocket class ask this module instead.
 */
export interface KeyScope {
	/** Origin of the API, e.g. https://api.omborigrid.com */
	apiOrigin: string;
	apiKey: string;
}

/** ws:// and wss:// URLs are compared as the http:// and https:// origins they upgrade from. */
function originOf(url: string): string | undefined {
	try {
		return new URL(url.replace(/^ws(s?):/i, 'http$1:')).origin;
	} catch {
		return undefined;
	}
}

export function mayReceiveKey(url: string, scope: KeyScope): boolean {
	return originOf(url) === scope.apiOrigin;
}

/** The headers for a request to `url`: any ApiKey removed, then added back only for the API origin. */
export function scopedHeaders(
	url: string,
	headers: Record<string, string> | undefined,
	scope: KeyScope,
): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		if (name.toLowerCase() !== API_KEY_HEADER.toLowerCase()) result[name] = value;
	}
	if (mayReceiveKey(url, scope)) result[API_KEY_HEADER] = scope.apiKey;
	return result;
}
