/**
 * `startSimulator()`: one `node:http` server for the API, the `/_sim` controls, routes added with
 * `addRoute`, and the ticket page. Request pipeline for everything except `/_sim`:
 * log → global latency → fault rule (may answer, delay or drop instead) → route → answer.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, createControlRouter, createStaff, type ControlTarget, type StaffActions } from './control';
import { seedDemo } from './demo';
import { HttpError } from './errors';
import {
	DEFAULT_SEED,
	FaultInjector,
	faultResponse,
	truncateJson,
	type FaultKind,
	type FiredFault,
} from './faults';
import { delay, JSON_CONTENT_TYPE, readRawBody, sendRaw, sendResponse } from './http';
import { startHub, type SimHub } from './hub';
import { addHubControls } from './hubControl';
import { buildQueue, patchQueue } from './queues';
import { RequestLog, type RequestLogEntry } from './requestLog';
import { createApiHandler, DEFAULT_REGIONS, splitApiPath } from './rest';
import { parseBody, Router, type RouteHandler, type RouteRequest, type RouteResponse, type RouteResult } from './router';
import { SimulatorStore } from './store';
import { createTicketPage, TICKET_PAGE_PATH } from './ticketPage';
import { TicketDesk } from './tickets';
import { nowIso } from './time';
import type { CreatedCounts } from './types';
import { addWebhookRoutes, WebhookDispatcher } from './webhooks';

export interface SimulatorOptions {
	/** Default 0: an ephemeral port. */
	port?: number;
	host?: string;
	tenantId?: string;
	apiKey?: string;
	regions?: string[];
	defaultRegion?: string;
	/** Seed of the fault-injection PRNG. */
	seed?: number;
	/** Two queues ("Front Desk", "Pharmacy") with tickets in several statuses. */
	demo?: boolean;
}

export interface SimulatorInfo {
	url: string;
	/** What the credential's Custom URL field takes. */
	apiRoot: string;
	orgUrl: string;
	tenantId: string;
	apiKey: string;
	regions: string[];
}

export interface SimulatorStats {
	created: CreatedCounts;
	faultsFired: Partial<Record<FaultKind, number>>;
	/** API requests received since start or the last `clearRequests()`. */
	requests: number;
}

export interface Simulator extends SimulatorInfo, ControlTarget {
	port: number;
	store: SimulatorStore;
	/** Emits 'change' with a SimulatorEvent on every state change. */
	events: SimulatorStore['events'];
	/** Live array: newest last. */
	readonly requests: RequestLogEntry[];
	server: Server;
	staff: StaffActions;
	/** The SignalR hub (negotiate redirect to its own port); see hub.ts. */
	hub: SimHub;
	/** Delivers webhook events to registered URLs; see webhooks.ts. */
	webhooks: WebhookDispatcher;
	info(): SimulatorInfo;
	stats(): SimulatorStats;
	/** Back to the start state: no faults, empty log, demo data again if started with `demo`. */
	reset(): void;
	/** See router.ts: tried before the API routes, with logging and faults. */
	addRoute(method: string, pattern: RegExp, handler: RouteHandler): void;
	close(): Promise<void>;
}

const DEFAULT_TENANT = 'ombori-demo';

function listen(server: Server, port: number, host: string): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

/** Unexpected exceptions become a 500 with the reason, so a simulator bug shows up in the failing test. */
async function runHandler(handler: RouteHandler, request: RouteRequest): Promise<RouteResult> {
	try {
		return await handler(request);
	} catch (error) {
		if (error instanceof HttpError) return { status: error.status, body: error.body, headers: error.headers };
		return { status: 500, body: { message: `Simulator error: ${(error as Error).message}` } };
	}
}

const notFoundResponse = (request: RouteRequest): RouteResponse => ({
	status: 404,
	body: { message: `No route for ${request.method} ${request.path}` },
});

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const host = options.host ?? '127.0.0.1';
	const tenantId = options.tenantId ?? DEFAULT_TENANT;
	const apiKey = options.apiKey ?? `sim-key-${randomBytes(12).toString('hex')}`;
	const defaultRegion = options.defaultRegion ?? 'eu';
	const regions = [...new Set([...(options.regions ?? DEFAULT_REGIONS), defaultRegion])];
	const seed = options.seed ?? DEFAULT_SEED;

	const store = new SimulatorStore();
	const desk = new TicketDesk(store);
	const faults = new FaultInjector(seed);
	const log = new RequestLog();
	const webhooks = new WebhookDispatcher(store.events);
	const customRoutes = new Router();
	/** Routes of built-in modules (the SignalR negotiate): tried after custom ones, which may override them. */
	const moduleRoutes = new Router();
	const ticketPage = createTicketPage(store);
	let baseUrl = '';
	const api = createApiHandler(desk, store, {
		apiKey,
		regions,
		ticketPageUrl: (positionId) => `${baseUrl}/t/${positionId}`,
	});

	/** Custom routes first (so they can extend API paths), then the API, then the ticket page. */
	const route: RouteHandler = async (request) => {
		const custom = customRoutes.match(request.method, request.path) ?? moduleRoutes.match(request.method, request.path);
		if (custom) return custom.handler({ ...request, params: custom.params });
		const answer = await api(request);
		if (answer) return answer;
		const page = request.method === 'GET' ? TICKET_PAGE_PATH.exec(request.path) : null;
		return page ? ticketPage({ ...request, params: page.slice(1) }) : notFoundResponse(request);
	};

	async function serveWithFaults(request: RouteRequest): Promise<void> {
		const { res } = request;
		const entry = log.record({
			time: nowIso(),
			method: request.method,
			path: request.path,
			query: Object.fromEntries(request.query),
			headers: { ...request.headers },
			body: request.body.raw === '' ? null : request.body.isValidJson ? request.body.json : request.body.raw,
			status: null,
		});
		const answer = (response: RouteResponse) => {
			entry.status = response.status;
			sendResponse(res, response);
		};
		if (faults.latencyMs > 0) await delay(faults.latencyMs);
		const fault: FiredFault | undefined = faults.take(request.method, splitApiPath(request.path)?.rest ?? request.path);
		const rule = fault?.rule;
		if (fault) entry.fault = fault.id;

		if (rule?.kind === 'dropBeforeProcessing') return void res.destroy();
		if (rule?.kind === 'latency') await delay(rule.latencyMs ?? 0);
		const answersInstead = rule?.kind === 'rateLimit' || (rule?.kind === 'status' && !rule.applyBeforeResponding);
		if (rule && answersInstead) return answer(faultResponse(rule));

		const response = await runHandler(route, request);
		if (!response) {
			// The handler wrote (or is still writing) the answer itself.
			const settle = () => (entry.status = res.statusCode);
			if (res.writableEnded) settle();
			else res.once('finish', settle);
			return;
		}
		if (rule?.kind === 'dropAfterProcessing') return void res.destroy();
		if (rule?.kind === 'status') return answer(faultResponse(rule));
		if (rule?.kind === 'malformedJson') {
			entry.status = 200;
			return sendRaw(res, 200, truncateJson(response.body), { 'content-type': JSON_CONTENT_TYPE });
		}
		answer(response);
	}

	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		void (async () => {
			const url = new URL(req.url ?? '/', 'http://simulator');
			const request: RouteRequest = {
				method: (req.method ?? 'GET').toUpperCase(),
				path: url.pathname,
				query: url.searchParams,
				headers: req.headers,
				params: [],
				body: parseBody(await readRawBody(req)),
				req,
				res,
			};
			if (request.path === CONTROL_PREFIX || request.path.startsWith(`${CONTROL_PREFIX}/`)) {
				const match = controlRouter.match(request.method, request.path);
				const response = match
					? await runHandler(match.handler, { ...request, params: match.params })
					: notFoundResponse(request);
				if (response) sendResponse(res, response);
				return;
			}
			await serveWithFaults(request);
		})().catch((error: Error) => {
			sendResponse(res, { status: 500, body: { message: `Simulator error: ${error.message}` } });
		});
	});

	const port = await listen(server, options.port ?? 0, host);
	const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
	baseUrl = `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${port}`;
	const apiRoot = `${baseUrl}/regions/${defaultRegion}/queues/v1`;
	const hub = await startHub({
		host: urlHost,
		apiKey,
		store,
		addRoute: (method, pattern, handler) => moduleRoutes.add(method, pattern, handler),
	});
	const info: SimulatorInfo = {
		url: baseUrl,
		apiRoot,
		orgUrl: `${apiRoot}/organizations/${tenantId}`,
		tenantId,
		apiKey,
		regions,
	};
	let closing: Promise<void> | undefined;

	const simulator: Simulator = {
		...info,
		port,
		store,
		events: store.events,
		requests: log.entries,
		server,
		staff: createStaff(desk),
		hub,
		webhooks,
		info: () => ({ ...info, regions: [...regions] }),
		clearRequests: () => log.clear(),
		addFault: (rules) => faults.add(rules),
		listFaults: () => faults.list(),
		clearFaults: () => faults.clear(),
		setLatency: (ms) => {
			faults.latencyMs = ms;
		},
		setSeed: (value) => faults.setSeed(value),
		createQueue: (input = {}) =>
			store.addQueue(buildQueue(input, tenantId, `Queue ${store.listQueues().length + 1}`)),
		updateQueue: (queueId, patch) => store.replaceQueue(patchQueue(desk.requireQueue(queueId), patch)),
		listQueues: () =>
			store.listQueues().map((queue) => ({ ...queue, positions: store.listPositions(queue.id) })),
		stats: () => ({ created: store.created(), faultsFired: faults.fired(), requests: log.total }),
		reset: () => {
			store.reset();
			faults.reset(seed);
			log.clear();
			hub.reset();
			webhooks.reset();
			seedInitialState();
		},
		addRoute: (method, pattern, handler) => {
			customRoutes.add(method, pattern, handler);
		},
		close: () =>
			(closing ??= new Promise<void>((resolve) => {
				webhooks.close();
				server.close(() => void hub.close().then(resolve));
				server.closeAllConnections();
			})),
	};
	const controlRouter = createControlRouter(simulator);
	addHubControls(controlRouter, hub);
	addWebhookRoutes(controlRouter, webhooks);

	function seedInitialState(): void {
		store.addOrganization(tenantId);
		if (!options.demo) return;
		seedDemo(simulator, desk);
		store.resetCreatedCounts();
	}
	seedInitialState();
	return simulator;
}
