import type { KeyScope } from './keyScope';
import { scopedHeaders } from './keyScope';
import type { WsConstructor, WsOptions, WsSocket } from './signalrModule';

export interface SocketGuard extends KeyScope {
	/** Bound on the WebSocket upgrade; without it a stalled upgrade waits for ever (signalr-lab §7.1). */
	handshakeTimeoutMs: number;
	/** Every socket not closed yet, so closing the trigger can terminate what stop() leaves behind. */
	sockets: Set<WsSocket>;
}

/**
 * The WebSocket class handed to the SignalR client (its @internal `WebSocket` option): the API key
 * only for the API host, a bounded handshake, no redirects, and every socket tracked.
 */
export function createGuardedWebSocket(Base: WsConstructor, guard: SocketGuard): WsConstructor {
	return class GuardedWebSocket extends Base {
		constructor(url: string, protocols?: string | string[], options: WsOptions = {}) {
			super(url, protocols, {
				...options,
				headers: scopedHeaders(url, options.headers, guard),
				handshakeTimeout: guard.handshakeTimeoutMs,
				followRedirects: false,
			});
			guard.sockets.add(this);
			this.once('close', () => guard.sockets.delete(this));
		}
	};
}
