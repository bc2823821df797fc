/** Shared set-up for the trigger tests: the simulator, trigger endpoints wired to it, and a scenario that fires every event. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WebhookRegistrationInput } from '../../simulator';
import { shutdownEngine } from '../harness/engine';
import { startWebhookHarness, type WebhookHarness, type WebhookHarnessOptions } from '../harness/webhook';
import { book, join, slot, startHarness, type Harness } from '../simulator/helpers';

export const SECRET = 'sh4red-s3cret-for-tests';
export const SECRET_HEADERS = { 'X-Ombori-Secret': SECRET };

export interface TriggerSuite {
	readonly h: Harness;
	/** A trigger endpoint with these parameters, registered in the simulator (secret header included unless overridden). */
	connect(
		parameters?: INodeParameters,
		registration?: Partial<WebhookRegistrationInput>,
		options?: Omit<WebhookHarnessOptions, 'parameters'>,
	): Promise<WebhookHarness>;
	/** A trigger endpoint the simulator does not know (for hand-made requests). */
	endpoint(parameters?: INodeParameters, options?: Omit<WebhookHarnessOptions, 'parameters'>): Promise<WebhookHarness>;
	/** Waits until every delivery is answered and every execution it started has finished. */
	settle(...hooks: WebhookHarness[]): Promise<void>;
}

/** Registers jest hooks; every endpoint is closed and every registration dropped after each test. */
export function useTriggerSuite(): TriggerSuite {
	let h: Harness | undefined;
	const open: WebhookHarness[] = [];
	beforeAll(async () => {
		h = await startHarness();
	});
	afterEach(async () => {
		await suite.h.sim.webhooks.idle();
		suite.h.sim.webhooks.reset();
		await Promise.all(open.splice(0).map((hook) => hook.close()));
	});
	afterAll(async () => {
		await h?.sim.close();
		shutdownEngine();
	});
	const suite: TriggerSuite = {
		get h() {
			if (!h) throw new Error('suite not started');
			return h;
		},
		endpoint: async (parameters = { secret: SECRET }, options = {}) => {
			const hook = await startWebhookHarness({ ...options, parameters });
			open.push(hook);
			return hook;
		},
		connect: async (parameters, registration = {}, options = {}) => {
			const hook = await suite.endpoint(parameters, options);
			suite.h.sim.webhooks.register({ url: hook.url, headers: SECRET_HEADERS, ...registration });
			return hook;
		},
		settle: async (...hooks) => {
			await suite.h.sim.webhooks.idle();
			await Promise.all(hooks.map((hook) => hook.idle()));
		},
	};
	return suite;
}

/** The first output item of every execution (the trigger outputs one item per event). */
export const outputs = (hook: WebhookHarness): IDataObject[] =>
	hook.executions.map((execution) => {
		expect(execution.result.error).toBeUndefined();
		expect(execution.items).toHaveLength(1);
		return execution.items[0].json;
	});

export const eventNames = (hook: WebhookHarness): string[] => outputs(hook).map((json) => json.event as string).sort();

async function ok<T extends { status: number }>(answer: Promise<T>): Promise<T> {
	const result = await answer;
	expect(result.status).toBe(200);
	return result;
}

/**
 * Fires every webhook event type through the simulator's API and staff side, the legacy
 * `bookingRemoved` included. Returns the ticket IDs by role.
 */
export async function driveEveryEvent(h: Harness, queueId: string) {
	const staff = h.sim.staff;
	const walkIn = await join(h, queueId); // positionCreated
	staff.call(queueId, walkIn.id); // positionCalled
	staff.retry(queueId, walkIn.id); // positionRetry
	staff.call(queueId, walkIn.id);
	staff.checkIn(queueId, walkIn.id); // positionFulfilled
	staff.checkOut(queueId, walkIn.id); // positionCompleted
	staff.feedback(queueId, walkIn.id, { rating: 5 }); // feedbackReceived
	const cancelled = await join(h, queueId);
	await ok(h.api('PUT', `/queues/${queueId}/positions/${cancelled.id}/cancel-position`)); // positionCancelled
	const manual = staff.createManual(queueId);
	staff.reject(queueId, manual.id); // positionRemoved
	const legacy = await join(h, queueId);
	staff.reject(queueId, legacy.id, { legacy: true }); // bookingRemoved
	const { body: booking } = await ok(book(h, queueId, slot('10:00', '10:15'))); // bookingConfirmation
	await ok(h.api('PATCH', `/queues/${queueId}/positions/${booking.id}`, { booking: slot('11:00', '11:15') })); // bookingUpdated
	staff.activate(queueId, booking.id); // bookingActivated
	const { body: dropped } = await ok(book(h, queueId, slot('12:00', '12:15')));
	staff.staffCancel(queueId, dropped.id); // positionCancelledByStaff
	return { walkIn: walkIn.id, cancelled: cancelled.id, manual: manual.id, legacy: legacy.id, booking: booking.id, dropped: dropped.id };
}
