/**
 * The staff side and test controls, as methods (`createStaff`) and as HTTP routes under `/_sim/`
 * (no ApiKey, never logged, never faulted) for the web console and tests in other processes.
 *
 *   GET    /_sim/info                          urls, tenant, API key
 *   GET    /_sim/queues                        queues with their positions
 *   POST   /_sim/queues                        {id?, name?, tenantId?, openingHours?, slotMinutes?, capacity?, slotResponseShape?}
 *   GET    /_sim/queues/{q}                    one queue with its positions
 *   PATCH  /_sim/queues/{q}                    change name or slot configuration
 *   POST   /_sim/queues/{q}/positions          staff ('manual') ticket {customerInfo?, tags?, numberOfPeople?}
 *   POST   /_sim/queues/{q}/positions/{p}/{action}
 *          action: call | retry | check-in | check-out | reject {legacy?} | activate | staff-cancel | feedback {rating?, comment?}
 *   GET    /_sim/requests?method=&path=        request log (path: substring)
 *   DELETE /_sim/requests
 *   GET    /_sim/faults | POST /_sim/faults (rule or array) | DELETE /_sim/faults
 *   PUT    /_sim/latency {ms}                  latency added to every API request
 *   PUT    /_sim/seed {seed}                   reseed the fault PRNG
 *   GET    /_sim/stats                         {created: {ticket, booking, reservation, manual}, faultsFired, requests}
 *   POST   /_sim/reset                         back to the start state (demo data again if started with demo)
 */
import type { Position } from '../nodes/OmboriGrid/shared/types';
import { badRequest, notFound } from './errors';
import type { FaultRule, FaultState } from './faults';
import type { RequestLogEntry } from './requestLog';
import { jsonBody, ok, Router, type RouteRequest, type RouteResponse } from './router';
import type { Feedback, ManualTicketFields, TicketDesk } from './tickets';
import type { QueueInput, SimQueue } from './types';
import {
	isObject,
	optionalPositiveInteger,
	optionalString,
	optionalStringArray,
	optionalTags,
	requireObject,
	type JsonObject,
} from './validation';

export interface StaffActions {
	call(queueId: string, positionId: string): Position;
	retry(queueId: string, positionId: string): Position;
	checkIn(queueId: string, positionId: string): Position;
	checkOut(queueId: string, positionId: string): Position;
	/** `legacy: true` sends the former event name `bookingRemoved` instead of `positionRemoved`. */
	reject(queueId: string, positionId: string, options?: { legacy?: boolean }): Position;
	activate(queueId: string, positionId: string): Position;
	staffCancel(queueId: string, positionId: string): Position;
	/** Stored in `customData.feedback`. */
	feedback(queueId: string, positionId: string, feedback?: Feedback): Position;
	createManual(queueId: string, fields?: ManualTicketFields): Position;
}

export function createStaff(desk: TicketDesk): StaffActions {
	return {
		call: (q, p) => desk.transition(q, p, 'call'),
		retry: (q, p) => desk.retry(q, p),
		checkIn: (q, p) => desk.transition(q, p, 'check-in'),
		checkOut: (q, p) => desk.transition(q, p, 'check-out'),
		reject: (q, p, options = {}) =>
			desk.transition(q, p, 'reject', undefined, options.legacy ? 'bookingRemoved' : undefined),
		activate: (q, p) => desk.activate(q, p),
		staffCancel: (q, p) => desk.transition(q, p, 'staff-cancel'),
		feedback: (q, p, feedback) => desk.feedback(q, p, feedback),
		createManual: (q, fields) => desk.createManual(q, fields),
	};
}

export interface QueueWithPositions extends SimQueue {
	positions: Position[];
}

/** What the control routes drive; the Simulator object provides all of it. */
export interface ControlTarget {
	staff: StaffActions;
	readonly requests: RequestLogEntry[];
	info(): object;
	createQueue(input?: QueueInput): SimQueue;
	updateQueue(queueId: string, patch: Omit<QueueInput, 'id' | 'tenantId'>): SimQueue;
	listQueues(): QueueWithPositions[];
	clearRequests(): void;
	addFault(rules: FaultRule | FaultRule[]): FaultState[];
	listFaults(): FaultState[];
	clearFaults(): void;
	setLatency(ms: number): void;
	setSeed(seed: number): void;
	stats(): object;
	reset(): void;
}

type StaffRoute = (staff: StaffActions, queueId: string, positionId: string, body: JsonObject) => Position;

function readFeedback(body: JsonObject): Feedback {
	const rating = body.rating;
	if (rating !== undefined && typeof rating !== 'number') throw badRequest('rating must be a number');
	return { rating, comment: optionalString(body, 'comment') };
}

const STAFF_ROUTES: Record<string, StaffRoute> = {
	call: (staff, q, p) => staff.call(q, p),
	retry: (staff, q, p) => staff.retry(q, p),
	'check-in': (staff, q, p) => staff.checkIn(q, p),
	'check-out': (staff, q, p) => staff.checkOut(q, p),
	reject: (staff, q, p, body) => staff.reject(q, p, { legacy: body.legacy === true }),
	activate: (staff, q, p) => staff.activate(q, p),
	'staff-cancel': (staff, q, p) => staff.staffCancel(q, p),
	feedback: (staff, q, p, body) => staff.feedback(q, p, readFeedback(body)),
};

/** Control bodies are optional: an empty body counts as `{}`. */
const optionalBody = (request: RouteRequest): JsonObject => {
	const body = jsonBody(request);
	return body === undefined ? {} : requireObject(body);
};

const readNumber = (body: JsonObject, key: string): number => {
	const value = body[key];
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw badRequest(`${key} must be a number >= 0`);
	}
	return value;
};

const done: RouteResponse = { status: 204 };

export const CONTROL_PREFIX = '/_sim';

export function createControlRouter(target: ControlTarget): Router {
	const findQueue = (queueId: string): QueueWithPositions => {
		const queue = target.listQueues().find((candidate) => candidate.id === queueId);
		if (!queue) throw notFound(`Queue ${queueId} not found`);
		return queue;
	};
	const r = (path: string) => new RegExp(`^${CONTROL_PREFIX}${path}/?$`);

	return new Router()
		.add('GET', r('/info'), () => ok(target.info()))
		.add('GET', r('/queues'), () => ok(target.listQueues()))
		.add('POST', r('/queues'), (request) => ({
			status: 201,
			body: target.createQueue(optionalBody(request) as QueueInput),
		}))
		.add('GET', r('/queues/([^/]+)'), ({ params }) => ok(findQueue(params[0])))
		.add('PATCH', r('/queues/([^/]+)'), (request) =>
			ok(target.updateQueue(request.params[0], optionalBody(request) as QueueInput)),
		)
		.add('POST', r('/queues/([^/]+)/positions'), (request) => {
			const body = optionalBody(request);
			const fields: ManualTicketFields = {
				customerInfo: optionalStringArray(body, 'customerInfo'),
				tags: optionalTags(body, 'tags'),
				numberOfPeople: optionalPositiveInteger(body, 'numberOfPeople'),
			};
			return { status: 201, body: target.staff.createManual(request.params[0], fields) };
		})
		.add('POST', r('/queues/([^/]+)/positions/([^/]+)/([^/]+)'), (request) => {
			const [queueId, positionId, action] = request.params;
			const run = STAFF_ROUTES[action];
			if (!run) throw notFound(`Unknown staff action ${action}; use one of ${Object.keys(STAFF_ROUTES).join(', ')}`);
			return ok(run(target.staff, queueId, positionId, optionalBody(request)));
		})
		.add('GET', r('/requests'), ({ query }) => {
			const method = query.get('method')?.toUpperCase();
			const path = query.get('path');
			return ok(
				target.requests.filter(
					(entry) => (!method || entry.method === method) && (!path || entry.path.includes(path)),
				),
			);
		})
		.add('DELETE', r('/requests'), () => {
			target.clearRequests();
			return done;
		})
		.add('GET', r('/faults'), () => ok(target.listFaults()))
		.add('POST', r('/faults'), (request) => {
			const body = jsonBody(request);
			const rules = Array.isArray(body) ? body : [body];
			if (!rules.every(isObject)) throw badRequest('Send a fault rule object or an array of them');
			return { status: 201, body: target.addFault(rules as unknown as FaultRule[]) };
		})
		.add('DELETE', r('/faults'), () => {
			target.clearFaults();
			return done;
		})
		.add('PUT', r('/latency'), (request) => {
			target.setLatency(readNumber(optionalBody(request), 'ms'));
			return done;
		})
		.add('PUT', r('/seed'), (request) => {
			target.setSeed(readNumber(optionalBody(request), 'seed'));
			return done;
		})
		.add('GET', r('/stats'), () => ok(target.stats()))
		.add('POST', r('/reset'), () => {
			target.reset();
			return done;
		});
}
