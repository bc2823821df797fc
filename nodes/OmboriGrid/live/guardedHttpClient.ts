import type { HttpClient, HttpRequest, HttpResponse } from '@microsoft/signalr';

import type { KeyScope } from './keyScope';
import { scopedHeaders } from './keyScope';
import type { SignalRModule } from './signalrModule';

/** Why a fetch failed, with the system error code when there is one ("fetch failed (ECONNREFUSED)"). */
function describeFetchFailure(error: unknown): Error {
	const { message, cause } = (error ?? {}) as { message?: string; cause?: { code?: string } };
	return new Error(`${message ?? 'network error'}${cause?.code ? ` (${cause.code})` : ''}`);
}

type GuardedClient = new (scope: KeyScope, closed: AbortSignal) => HttpClient;

/** One class per loaded client library, not per connection: a class costs kilobytes. */
const guardedClients = new WeakMap<SignalRModule, GuardedClient>();

function guardedClientClass(signalr: SignalRModule): GuardedClient {
	const cached = guardedClients.get(signalr);
	if (cached) return cached;
	class GuardedHttpClient extends signalr.HttpClient {
		constructor(
			private readonly scope: KeyScope,
			private readonly closed: AbortSignal,
		) {
			super();
		}

		async send(request: HttpRequest): Promise<HttpResponse> {
			const { url, method, content, timeout, abortSignal } = request;
			if (!url || !method) throw new Error('The SignalR client sent a request without URL or method');
			// Linked by hand, and unlinked in `finally`: AbortSignal.any() keeps every derived signal
			// on the long-lived `closed` signal, which grows with each reconnect.
			const controller = new AbortController();
			const abort = () => controller.abort();
			this.closed.addEventListener('abort', abort, { once: true });
			if (this.closed.aborted) abort();
			if (abortSignal) abortSignal.onabort = abort;
			const timer = timeout ? AbortSignal.timeout(timeout) : undefined;
			timer?.addEventListener('abort', abort, { once: true });
			let response: Response;
			let text: string;
			try {
				response = await fetch(url, {
					method,
					body: content === '' ? undefined : content,
					headers: scopedHeaders(url, { 'X-Requested-With': 'XMLHttpRequest', ...request.headers }, this.scope),
					redirect: 'manual',
					signal: controller.signal,
				});
				text = await response.text();
			} catch (error) {
				if (timer?.aborted) throw new signalr.TimeoutError();
				if (controller.signal.aborted) throw new signalr.AbortError();
				throw describeFetchFailure(error);
			} finally {
				this.closed.removeEventListener('abort', abort);
				timer?.removeEventListener('abort', abort);
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
	guardedClients.set(signalr, GuardedHttpClient);
	return GuardedHttpClient;
}

/**
 * The HTTP client of the live connection (negotiate requests). Unlike the client's default one it
 * adds the API key only for the API origin, never follows an HTTP redirect (that would carry the
 * key to another host), keeps no cookies, and aborts every request when `closed` fires, so a
 * stalled negotiate cannot hold a closing trigger.
 */
export function createGuardedHttpClient(signalr: SignalRModule, scope: KeyScope, closed: AbortSignal): HttpClient {
	return new (guardedClientClass(signalr))(scope, closed);
}
