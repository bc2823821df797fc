/**
 * A tiny method + RegExp router, and the request/response shapes every handler uses.
 *
 * Extending the simulator without editing rest.ts: `simulator.addRoute(method, pattern, handler)`
 * registers a handler that is tried BEFORE the built-in API routes, on the full path
 * (e.g. `/^\/regions\/[^/]+\/queues\/v1\/organizations\/[^/]+\/queues\/([^/]+)\/positions\/([^/]+)\/negotiate$/`).
 * Capture groups arrive in `request.params`. Return `{status, body?, headers?}` (a non-string body
 * is sent as JSON), or `undefined` after writing `request.res` yourself. Throw `HttpError` for error
 * answers. Added routes get the same request log, latency and fault injection as the API;
 * WebSocket upgrades are not routed here: listen to `simulator.server.on('upgrade')`.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from './errors';

export interface RequestBody {
	raw: string;
	/** Parsed JSON; `undefined` when the body is empty or not JSON. */
	json: unknown;
	isValidJson: boolean;
}

export interface RouteRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	/** RegExp capture groups of the matched route. */
	params: string[];
	body: RequestBody;
	req: IncomingMessage;
	res: ServerResponse;
}

export interface RouteResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type RouteResult = RouteResponse | undefined;

export type RouteHandler<R = RouteRequest> = (request: R) => RouteResult | Promise<RouteResult>;

export const ok = (body: unknown): RouteResponse => ({ status: 200, body });

/** The JSON body, or 400 when the client sent something that does not parse. */
export function jsonBody(request: Pick<RouteRequest, 'body'>): unknown {
	if (!request.body.isValidJson) throw badRequest('Invalid JSON body');
	return request.body.json;
}

export function parseBody(raw: string): RequestBody {
	if (raw.trim() === '') return { raw, json: undefined, isValidJson: true };
	try {
		return { raw, json: JSON.parse(raw), isValidJson: true };
	} catch {
		return { raw, json: undefined, isValidJson: false };
	}
}

interface Route<R> {
	method: string;
	pattern: RegExp;
	handler: RouteHandler<R>;
}

export interface RouteMatch<R> {
	handler: RouteHandler<R>;
	params: string[];
}

export class Router<R = RouteRequest> {
	private readonly routes: Route<R>[] = [];

	add(method: string, pattern: RegExp, handler: RouteHandler<R>): this {
		this.routes.push({ method: method.toUpperCase(), pattern, handler });
		return this;
	}

	match(method: string, path: string): RouteMatch<R> | undefined {
		for (const route of this.routes) {
			if (route.method !== method.toUpperCase()) continue;
			const match = route.pattern.exec(path);
			if (match) return { handler: route.handler, params: match.slice(1) };
		}
		return undefined;
	}
}
