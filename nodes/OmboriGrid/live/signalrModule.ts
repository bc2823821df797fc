import type * as SignalR from '@microsoft/signalr';
import { createRequire } from 'node:module';

export type SignalRModule = typeof SignalR;

/** The part of a `ws` WebSocket the live connection uses. */
export interface WsSocket {
	readonly readyState: number;
	terminate(): void;
	once(event: 'close', listener: () => void): this;
}

export interface WsOptions {
	headers?: Record<string, string>;
	handshakeTimeout?: number;
	followRedirects?: boolean;
	[option: string]: unknown;
}

export type WsConstructor = new (url: string, protocols?: string | string[], options?: WsOptions) => WsSocket;

/** `ws` ready state of a socket whose upgrade has not been answered yet. */
export const WS_CONNECTING = 0;

export interface SignalRClient {
	signalr: SignalRModule;
	/** The WebSocket class the SignalR client itself would use. */
	WebSocket: WsConstructor;
}

let loading: Promise<SignalRClient> | undefined;

/**
 * Loads @microsoft/signalr when the first live connection is made, never when n8n loads the
 * package: the client and its dependencies cost megabytes and milliseconds that every n8n start
 * would otherwise pay for a node most workflows do not use.
 */
export function loadSignalR(): Promise<SignalRClient> {
	loading ??= (async () => {
		const signalr = await import('@microsoft/signalr');
		// Resolved from the client's own folder: `ws` is its dependency (v7), not ours, and the
		// subclass must extend exactly the class the client would construct.
		const requireFromClient = createRequire(require.resolve('@microsoft/signalr'));
		return { signalr, WebSocket: requireFromClient('ws') as WsConstructor };
	})();
	return loading;
}
