/**
 * HTTP controls of the SignalR hub for tests and tools in other processes (no ApiKey, never faulted):
 *
 *   GET    /_sim/hub                      {url, connections}
 *   GET    /_sim/hub/requests             negotiates and upgrades with their headers
 *   DELETE /_sim/hub/requests
 *   POST   /_sim/hub/drop                 terminate every socket (no close frame) → {affected}
 *   POST   /_sim/hub/close                {error?, allowReconnect?}: Close record, then close → {affected}
 *   POST   /_sim/hub/fail-negotiates      {count, status?}: the next API negotiates answer status (503)
 *   PUT    /_sim/hub/stall                {target: 'none' | 'negotiate' | 'upgrade'}
 *   POST   /_sim/hub/reset                faults off, request log cleared
 */
import { badRequest } from './errors';
import type { HubStall, SimHub } from './hub';
import { jsonBody, ok, type Router, type RouteRequest, type RouteResponse } from './router';
import { requireObject, type JsonObject } from './validation';

const STALL_TARGETS: readonly HubStall[] = ['none', 'negotiate', 'upgrade'];

const done: RouteResponse = { status: 204 };

function body(request: RouteRequest): JsonObject {
	const value = jsonBody(request);
	return value === undefined ? {} : requireObject(value);
}

function wholeNumber(value: unknown, name: string, fallback?: number): number {
	if (value === undefined && fallback !== undefined) return fallback;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw badRequest(`${name} must be a whole number >= 0`);
	return value;
}

export function addHubControls(router: Router, hub: SimHub): Router {
	const r = (path: string) => new RegExp(`^/_sim/hub${path}/?$`);
	return router
		.add('GET', r(''), () => ok({ url: hub.url, connections: hub.connections() }))
		.add('GET', r('/requests'), () => ok(hub.requests))
		.add('DELETE', r('/requests'), () => {
			hub.clearRequests();
			return done;
		})
		.add('POST', r('/drop'), () => ok({ affected: hub.dropAll() }))
		.add('POST', r('/close'), (request) => {
			const { error, allowReconnect } = body(request);
			if (error !== undefined && typeof error !== 'string') throw badRequest('error must be a string');
			return ok({ affected: hub.closeAll({ error, allowReconnect: allowReconnect === true }) });
		})
		.add('POST', r('/fail-negotiates'), (request) => {
			const { count, status } = body(request);
			hub.failNextNegotiates(wholeNumber(count, 'count'), wholeNumber(status, 'status', 503));
			return done;
		})
		.add('PUT', r('/stall'), (request) => {
			const { target } = body(request);
			if (!STALL_TARGETS.includes(target as HubStall)) throw badRequest(`target must be one of ${STALL_TARGETS.join(', ')}`);
			hub.stall(target as HubStall);
			return done;
		})
		.add('POST', r('/reset'), () => {
			hub.reset();
			return done;
		});
}
