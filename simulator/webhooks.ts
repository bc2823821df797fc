/**
 * Webhook delivery as Ombori Grid does it (ombori-api.md §5): for every ticket change that has a
 * webhook event, one `POST` of `{message, data: {position}, type, organization}` to each
 * registered URL, with the custom headers staff configured. Ombori documents no retry policy and
 * no ordering, so a registration can ask for both misbehaviours on purpose:
 * - `repeat: N` delivers every event N times in a row;
 * - `reorder: N` holds deliveries back until N are waiting, then sends them shuffled (never in
 *   the original order); `flush()` sends a smaller batch.
 *
 * Deliveries run one after another on a background chain, so API answers never wait for them;
 * tests `await webhooks.idle()`. Every attempt is recorded with its status code.
 *
 *   GET    /_sim/webhooks                 {registrations, deliveries}
 *   POST   /_sim/webhooks                 {url, headers?, queueId?, repeat?, reorder?} → the registration
 *   DELETE /_sim/webhooks                 remove every registration and held delivery
 *   POST   /_sim/webhooks/flush           send the deliveries held back for reordering
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { WebhookEnvelope } from '../nodes/OmboriGrid/shared/types';
import { CONTROL_PREFIX } from './control';
import { badRequest } from './errors';
import { ok, jsonBody, type Router } from './router';
import type { SimulatorEvent, SimulatorEventMap, SimulatorEventType } from './types';
import { optionalObject, optionalPositiveInteger, optionalString, requireObject } from './validation';

export interface WebhookRegistrationInput {
	url: string;
	headers?: Record<string, string>;
	/** Only events of this queue, as Ombori configures webhooks per queue. Absent: every queue. */
	queueId?: string;
	/** Deliveries per event; default 1. */
	repeat?: number;
	/** Batch size for shuffled delivery; 1 or absent sends in order. */
	reorder?: number;
}

export interface WebhookRegistration extends Required<Omit<WebhookRegistrationInput, 'queueId'>> {
	id: string;
	queueId: string | null;
}

export interface WebhookDelivery {
	registrationId: string;
	url: string;
	type: SimulatorEventType;
	positionId: string;
	/** 1..repeat: which copy of the event this was. */
	copy: number;
	/** The receiver's HTTP status; null when the request failed (see `error`). */
	status: number | null;
	error?: string;
	envelope: WebhookEnvelope;
}

interface Outgoing {
	registration: WebhookRegistration;
	delivery: WebhookDelivery;
}

/** No webhook event exists for these changes; they only reach SignalR listeners. */
const SILENT_EVENTS: readonly SimulatorEventType[] = ['positionUpdated'];

/** Old attempts are dropped beyond this, like the request log, so long demos stay bounded. */
const MAX_DELIVERIES = 10_000;

/** A receiver that hangs must not stall the chain forever. */
const DELIVERY_TIMEOUT_MS = 10_000;

/** Fisher–Yates, then a rotation if chance kept the original order, so a test of reordering never passes vacuously. */
function shuffled<T>(items: T[]): T[] {
	const result = [...items];
	for (let i = result.length - 1; i > 0; i--) {
		const j = randomInt(i + 1);
		[result[i], result[j]] = [result[j], result[i]];
	}
	const unchanged = result.every((item, index) => item === items[index]);
	return unchanged && result.length > 1 ? [...result.slice(1), result[0]] : result;
}

function checkInput(body: unknown): WebhookRegistrationInput {
	const input = requireObject(body);
	const url = optionalString(input, 'url');
	if (!url || !/^https?:\/\//.test(url)) throw badRequest('url must be an http(s) URL');
	const headers = optionalObject(input, 'headers');
	if (headers && !Object.values(headers).every((value) => typeof value === 'string')) {
		throw badRequest('headers must map header names to strings');
	}
	return {
		url,
		headers: headers as Record<string, string> | undefined,
		queueId: optionalString(input, 'queueId'),
		repeat: optionalPositiveInteger(input, 'repeat'),
		reorder: optionalPositiveInteger(input, 'reorder'),
	};
}

export class WebhookDispatcher {
	/** Every attempt, oldest first. */
	readonly deliveries: WebhookDelivery[] = [];

	private registrations: WebhookRegistration[] = [];
	private held = new Map<string, Outgoing[]>();
	private chain: Promise<void> = Promise.resolve();
	private readonly listener = (event: SimulatorEvent) => this.dispatch(event);

	constructor(private readonly events: EventEmitter<SimulatorEventMap>) {
		events.on('change', this.listener);
	}

	/** Checked like the HTTP body, so in-process callers get the same 400s. */
	register(body: WebhookRegistrationInput): WebhookRegistration {
		const input = checkInput(body);
		const registration: WebhookRegistration = {
			id: randomUUID(),
			url: input.url,
			headers: { ...input.headers },
			queueId: input.queueId ?? null,
			repeat: input.repeat ?? 1,
			reorder: input.reorder ?? 1,
		};
		this.registrations.push(registration);
		return { ...registration };
	}

	list(): WebhookRegistration[] {
		return this.registrations.map((registration) => ({ ...registration }));
	}

	/** Forgets registrations and held deliveries; sends already under way still finish. */
	unregisterAll(): void {
		this.registrations = [];
		this.held.clear();
	}

	/** Back to the start state, delivery log included. */
	reset(): void {
		this.unregisterAll();
		this.deliveries.length = 0;
	}

	/** Sends every held delivery now (shuffled), without waiting for a full batch. */
	flush(): void {
		for (const batch of this.held.values()) this.enqueue(shuffled(batch));
		this.held.clear();
	}

	/** Resolves once every delivery queued so far (and any queued meanwhile) has been answered. */
	async idle(): Promise<void> {
		let current: Promise<void>;
		do {
			current = this.chain;
			await current;
		} while (current !== this.chain);
	}

	close(): void {
		this.events.off('change', this.listener);
		this.unregisterAll();
	}

	private dispatch(event: SimulatorEvent): void {
		if (SILENT_EVENTS.includes(event.type) || this.registrations.length === 0) return;
		const envelope: WebhookEnvelope = {
			message: event.message,
			data: { position: event.position },
			type: event.type,
			organization: event.organization,
		};
		for (const registration of this.registrations) {
			if (registration.queueId !== null && registration.queueId !== event.position.queue) continue;
			const copies = Array.from({ length: registration.repeat }, (_, index) => ({
				registration,
				delivery: {
					registrationId: registration.id,
					url: registration.url,
					type: event.type,
					positionId: event.position.id,
					copy: index + 1,
					status: null,
					envelope,
				},
			}));
			this.hold(registration, copies);
		}
	}

	private hold(registration: WebhookRegistration, outgoing: Outgoing[]): void {
		if (registration.reorder <= 1) return this.enqueue(outgoing);
		const batch = [...(this.held.get(registration.id) ?? []), ...outgoing];
		if (batch.length < registration.reorder) return void this.held.set(registration.id, batch);
		this.held.delete(registration.id);
		this.enqueue(shuffled(batch));
	}

	private enqueue(outgoing: Outgoing[]): void {
		for (const item of outgoing) this.chain = this.chain.then(() => this.send(item));
	}

	private async send({ registration, delivery }: Outgoing): Promise<void> {
		this.deliveries.push(delivery);
		if (this.deliveries.length > MAX_DELIVERIES) this.deliveries.splice(0, this.deliveries.length - MAX_DELIVERIES);
		try {
			const response = await fetch(registration.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...registration.headers },
				body: JSON.stringify(delivery.envelope),
				signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
			});
			await response.arrayBuffer();
			delivery.status = response.status;
		} catch (error) {
			delivery.error = (error as Error).message;
		}
	}
}

export function addWebhookRoutes(router: Router, webhooks: WebhookDispatcher): void {
	const path = (rest = '') => new RegExp(`^${CONTROL_PREFIX}/webhooks${rest}/?$`);
	router
		.add('GET', path(), () => ok({ registrations: webhooks.list(), deliveries: webhooks.deliveries }))
		.add('POST', path(), (request) => ({ status: 201, body: webhooks.register(jsonBody(request) as WebhookRegistrationInput) }))
		.add('DELETE', path(), () => {
			webhooks.unregisterAll();
			return { status: 204 };
		})
		.add('POST', path('/flush'), () => {
			webhooks.flush();
			return { status: 204 };
		});
}
