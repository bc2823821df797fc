import type { HttpClient, HttpRequest, HttpResponse } from '@microsoft/signalr';

import type { KeyScope } from './keyScope';
import { scopedHeaders } from './keyScope';
import type { SignalRModule } from './signalrModule';

/** Why a fetch failed, with the system error code when there is one ("fetch failed (ECONNREFUSED)"). */
function describeFetchFailure(error: unknown): Error {
	const { message, cause } = (error ?? {}) as { message?: string; cause?: { code?: string } };
	return new Error(`${message ?? 'network error'}${cause?.code ? ` (${cause.code})` : ''}`);
}

/**
 * The HTTP client of the live connection (negotiate requests). Unlike the client's default one it
 * adds the API key only for the API origin, never follows an HTTP redirect (that would carry the
 * key to another host), keeps no cookies, and aborts every request when `closed` fires, so a
 * stalled negotiate cannot hold a closing trigger.
 */
export function createGuardedHttpClient(signalr: SignalRModule, scope: KeyScope, closed: AbortSignal): HttpClient {
	class GuardedHttpClient extends signalr.HttpClient {
		async send(request: HttpRequest): Promise<HttpResponse> {
			const { url, method, content, timeout, abortSignal } = request;
			if (!url || !method) throw new Error('The SignalR client sent a request without URL or method');
			const callerAbort = new AbortController();
			if (abortSignal) abortSignal.onabort = () => callerAbort.abort();
			const timer = timeout ? AbortSignal.timeout(timeout) : undefined;
			const signal = AbortSignal.any([closed, callerAbort.signal, ...(timer ? [timer] : [])]);
			let response: Response;
			let text: string;
			try {
				response = await fetch(url, {
					method,
					body: content === '' ? undefined : content,
					headers: scopedHeaders(url, { 'X-Requested-With': 'XMLHttpRequest', ...request.headers }, scope),
					redirect: 'manual',
					signal,
				});
				text = await response.text();
			} catch (error) {
				if (timer?.aborted) throw new signalr.TimeoutError();
				if (signal.aborted) throw new signalr.AbortError();
				throw describeFetchFailure(error);
			} finally {
				if (abortSignal) abortSignal.onabort = null;
			}
			// A redirect is refused like any other non-2xx answer: following it could carry the key elsewhere.
			if (response.status < 200 || response.status >= 300) {
				throw new signalr.HttpError(text || response.statusText, response.status);
			}
			return new signalr.HttpResponse(response.status, response.statusText, text);
		}

		getCookieString(): string {
			return '';
		}
	}
	return new GuardedHttpClient();
}
