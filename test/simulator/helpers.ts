/** Shared set-up for the simulator tests: a started simulator and small fetch wrappers. */
import type { Position } from '../../nodes/OmboriGrid/shared/types';
import { startSimulator, type Simulator, type SimulatorEvent, type SimulatorOptions } from '../../simulator';

export interface HttpAnswer<T = unknown> {
	status: number;
	body: T;
	text: string;
	headers: Headers;
}

export interface Harness {
	sim: Simulator;
	/** A request to the organization's API (path relative to `orgUrl`), with the right ApiKey unless overridden. */
	api<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpAnswer<T>>;
	/** A request to a `/_sim` route. */
	control<T = unknown>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>>;
	/** A fresh queue, so tests do not share capacity or ranks. */
	newQueue(config?: Parameters<Simulator['createQueue']>[0]): string;
	/** Records the change events emitted from now on. */
	recordEvents(): SimulatorEvent[];
}

export const DAY = '2030-03-04';
export const at = (time: string, day = DAY): string => `${day}T${time}:00.000Z`;
export const slot = (from: string, to: string, day = DAY) => ({ start: at(from, day), end: at(to, day) });

export async function request<T>(
	url: string,
	method: string,
	body?: unknown,
	headers: Record<string, string> = {},
): Promise<HttpAnswer<T>> {
	const response = await fetch(url, {
		method,
		headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		// Left as text: some tests expect malformed bodies.
	}
	return { status: response.status, body: parsed as T, text, headers: response.headers };
}

export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
	const sim = await startSimulator({ apiKey: 'test-key', ...options });
	return {
		sim,
		api: (method, path, body, headers) =>
			request(`${sim.orgUrl}${path}`, method, body, { ApiKey: sim.apiKey, ...headers }),
		control: (method, path, body) => request(`${sim.url}/_sim${path}`, method, body),
		newQueue: (config) => sim.createQueue(config).id,
		recordEvents: () => {
			const events: SimulatorEvent[] = [];
			sim.events.on('change', (event) => events.push(event));
			return events;
		},
	};
}

/** Joins a queue through E1 and returns the ticket. */
export async function join(harness: Harness, queueId: string, position: object = {}): Promise<Position> {
	const answer = await harness.api<{ position: Position }>('POST', `/queues/${queueId}/join`, {
		session: 'test-session',
		position,
	});
	if (answer.status !== 200) throw new Error(`join failed: ${answer.status} ${answer.text}`);
	return answer.body.position;
}

export async function book(
	harness: Harness,
	queueId: string,
	booking: { start: string; end: string },
	numberOfPeople = 1,
	kind: 'bookings' | 'reservations' = 'bookings',
): Promise<HttpAnswer<Position>> {
	return harness.api<Position>('POST', `/queues/${queueId}/${kind}`, { numberOfPeople, booking });
}
