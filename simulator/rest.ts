/**
 * The public Queues API (E1–E10 of ombori-api.md) under
 * `/regions/{region}/queues/v1/organizations/{tenantId}`. Checks run in this order:
 * region (404) → `ApiKey` header (401) → tenant (404 `{error}`) → route (404) → ids are UUIDs (400)
 * → queue (404) → position (404) → body (400) → lifecycle (409) → capacity (409).
 */
import type { JoinRequest, ReservationRequest } from '../nodes/OmboriGrid/shared/types';
import { badRequest, HttpError, notFound } from './errors';
import { jsonBody, ok, Router, type RouteHandler, type RouteRequest } from './router';
import { listTimeSlots, MAX_RANGE_DAYS, shapeSlots } from './slots';
import type { SimulatorStore } from './store';
import type { TicketChanges, TicketDesk } from './tickets';
import { DAY_MS, parseIsoDate } from './time';
import {
	checkBookingSlot,
	isPositiveInteger,
	isUuid,
	optionalNotification,
	optionalObject,
	optionalPartialBooking,
	optionalPositiveInteger,
	optionalString,
	optionalStringArray,
	optionalTags,
	requireObject,
	type JsonObject,
} from './validation';

export const DEFAULT_REGIONS: readonly string[] = ['eu', 'us', 'in', 'au', 'uae'];

const API_PATH = /^\/regions\/([^/]+)\/queues\/v1\/organizations\/([^/]+)(\/.*)?$/;

export interface ApiPath {
	region: string;
	tenantId: string;
	/** The part after `/organizations/{tenantId}`; what fault rules match on. */
	rest: string;
}

/** A malformed %-escape is left as is; it then fails the UUID check with a 400 instead of a 500. */
function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

export function splitApiPath(path: string): ApiPath | undefined {
	const match = API_PATH.exec(path);
	if (!match) return undefined;
	return { region: match[1], tenantId: safeDecode(match[2]), rest: match[3] ?? '' };
}

export interface ApiSettings {
	apiKey: string;
	regions: readonly string[];
	/** Where customer ticket pages (`positionUrl`) live. */
	ticketPageUrl(positionId: string): string;
}

interface ApiRequest extends RouteRequest {
	tenantId: string;
	queueId: string;
	positionId: string;
}

/** Fields that E5, E6, E7 and E10 bodies share. */
function readCommonFields(body: JsonObject) {
	return {
		locale: optionalString(body, 'locale'),
		notification: optionalNotification(body, 'notification'),
		numberOfPeople: optionalPositiveInteger(body, 'numberOfPeople'),
		customerInfo: optionalStringArray(body, 'customerInfo'),
		customData: optionalObject(body, 'customData'),
	};
}

function readBookingRequest(body: JsonObject): ReservationRequest {
	return { ...readCommonFields(body), booking: checkBookingSlot(body.booking) };
}

function readChanges(body: JsonObject): TicketChanges {
	return { ...readCommonFields(body), tags: optionalTags(body, 'tags'), booking: optionalPartialBooking(body, 'booking') };
}

function readJoinRequest(body: JsonObject): JoinRequest {
	const session = body.session;
	if (typeof session !== 'string' || session === '') throw badRequest('session is required');
	const position = optionalObject(body, 'position') ?? {};
	const id = optionalString(position, 'id');
	if (id !== undefined && !isUuid(id)) throw badRequest('position.id must be a UUID');
	return {
		session,
		position: { id, customerInfo: optionalStringArray(position, 'customerInfo'), tags: optionalTags(position, 'tags') },
	};
}

function readIsoParam(query: URLSearchParams, name: string): number {
	const value = parseIsoDate(query.get(name));
	if (value === undefined) throw badRequest(`${name} is required and must be an ISO 8601 date-time`);
	return value;
}

const bodyObject = (request: ApiRequest): JsonObject => requireObject(jsonBody(request));

function apiRoutes(desk: TicketDesk, store: SimulatorStore, settings: ApiSettings): Router<ApiRequest> {
	const queue = (request: ApiRequest) => desk.requireQueue(request.queueId, request.tenantId);
	const position = (request: ApiRequest) => {
		queue(request);
		return desk.requirePosition(request.queueId, request.positionId);
	};
	const Q = '/queues/([^/]+)';
	const P = `${Q}/positions/([^/]+)`;
	const R = `${Q}/reservations/([^/]+)`;
	const route = (path: string) => new RegExp(`^${path}$`);

	return new Router<ApiRequest>()
		.add('POST', route(`${Q}/join`), (request) => {
			queue(request);
			const joined = desk.join(request.queueId, readJoinRequest(bodyObject(request)));
			return ok({ positionUrl: settings.ticketPageUrl(joined.id), position: joined });
		})
		.add('GET', route(P), (request) => ok(position(request)))
		.add('GET', route(`${Q}/time-slots`), (request) => {
			const config = queue(request);
			const from = readIsoParam(request.query, 'from');
			const to = readIsoParam(request.query, 'to');
			if (to <= from) throw badRequest('to must be after from');
			if (to - from > MAX_RANGE_DAYS * DAY_MS) throw badRequest(`The range cannot exceed ${MAX_RANGE_DAYS} days`);
			const people = request.query.get('numberOfPeople');
			if (people !== null && !isPositiveInteger(Number(people))) {
				throw badRequest('numberOfPeople must be an integer of at least 1');
			}
			const slots = listTimeSlots(config, store.readPositions(config.id), { start: from, end: to });
			return ok(shapeSlots(slots, config.slotResponseShape));
		})
		.add('POST', route(`${Q}/bookings`), (request) => {
			queue(request);
			return ok(desk.createBooking(request.queueId, readBookingRequest(bodyObject(request))));
		})
		.add('POST', route(`${Q}/reservations`), (request) => {
			queue(request);
			return ok(desk.createReservation(request.queueId, readBookingRequest(bodyObject(request))));
		})
		.add('PATCH', route(R), (request) => {
			position(request);
			return ok(desk.updateReservation(request.queueId, request.positionId, readChanges(bodyObject(request))));
		})
		.add('POST', route(`${R}/confirm`), (request) => {
			position(request);
			return ok(desk.transition(request.queueId, request.positionId, 'confirm'));
		})
		.add('PUT', route(`${P}/cancel-position`), (request) => {
			position(request);
			return ok(desk.transition(request.queueId, request.positionId, 'cancel'));
		})
		.add('PATCH', route(P), (request) => {
			position(request);
			return ok(desk.update(request.queueId, request.positionId, readChanges(bodyObject(request))));
		});
}

/** Handles API paths; `undefined` for any other path so the server can try other routes. */
export function createApiHandler(desk: TicketDesk, store: SimulatorStore, settings: ApiSettings): RouteHandler {
	const router = apiRoutes(desk, store, settings);
	return (request) => {
		const api = splitApiPath(request.path);
		if (!api) return undefined;
		if (!settings.regions.includes(api.region)) throw notFound(`Unknown region ${api.region}`);
		if (request.headers.apikey !== settings.apiKey) {
			throw new HttpError(401, { message: 'Unauthorized: invalid API key' });
		}
		if (!store.hasOrganization(api.tenantId)) {
			throw new HttpError(404, { error: `Organization ${api.tenantId} not found` });
		}
		const match = router.match(request.method, api.rest);
		if (!match) throw notFound(`No route for ${request.method} ${api.rest || '/'}`);
		const ids = match.params.map(safeDecode);
		const invalid = ids.find((id) => !isUuid(id));
		if (invalid !== undefined) throw badRequest(`Invalid id ${invalid}: expected a UUID`);
		const [queueId = '', positionId = ''] = ids;
		return match.handler({ ...request, params: ids, tenantId: api.tenantId, queueId, positionId });
	};
}
