import type { KeyScope } from './keyScope';
import { scopedHeaders } from './keyScope';
import type { WsConstructor, WsOptions, WsSocket } from './signalrModule';

export interface SocketGuard extends KeyScope {
	/** Bound on the WebSocket upgrade; without it a stalled upgrade waits for ever (signalr-lab §7.1). */
	handshakeTimeoutMs: number;
	/** Every socket not closed yet, so closing the trigger can terminate what stop() leaves behind. */
	sockets: Set<WsSocket>;
}

type GuardedConstructor = new (url: string, protocols: string | string[] | undefined, options: WsOptions, guard: SocketGuard) => WsSocket;

/** One subclass per `ws` class, not per connection: a class costs kilobytes, 500 tickets add up. */
const guardedClasses = new WeakMap<WsConstructor, GuardedConstructor>();

function guardedClass(Base: WsConstructor): GuardedConstructor {
	let Guarded = guardedClasses.get(Base);
	if (!Guarded) {
		Guarded = class GuardedWebSocket extends Base {
			constructor(url: string, protocols: string | string[] | undefined, options: WsOptions, guard: SocketGuard) {
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
		guardedClasses.set(Base, Guarded);
	}
	return Guarded;
}

/**
 * The WebSocket constructor handed to the SignalR client (its @internal `WebSocket` option): the API
 * key only for the API host, a bounded handshake, no redirects, and every socket tracked. A plain
 * function that returns the socket binds the guard; the client reads the ready-state constants
 * (OPEN, …) off the constructor, so they are copied onto it.
 */
export function createGuardedWebSocket(Base: WsConstructor, guard: SocketGuard): WsConstructor {
	const Guarded = guardedClass(Base);
	function GuardedWebSocketFor(url: string, protocols?: string | string[], options: WsOptions = {}): WsSocket {
		return new Guarded(url, protocols, options, guard);
	}
	const states = Base as unknown as Record<'CONNECTING' | 'OPEN' | 'CLOSING' | 'CLOSED', number>;
	Object.assign(GuardedWebSocketFor, {
		CONNECTING: states.CONNECTING,
		OPEN: states.OPEN,
		CLOSING: states.CLOSING,
		CLOSED: states.CLOSED,
	});
	return GuardedWebSocketFor as unknown as WsConstructor;
}
