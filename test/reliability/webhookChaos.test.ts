/**
 * Webhook chaos: 1,000 deliveries from the simulator to the trigger over real HTTP, 30 % of them
 * repeats and all of them shuffled, while other callers send wrong secrets, bodies that are not
 * JSON and two 5 MB bodies. Exactly one execution per event, a clear 4xx for every bad request,
 * no 5xx, the trigger still working afterwards, and memory that does not keep what it refused.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { shutdownEngine } from '../harness/engine';
import { startWebhookHarness, TRIGGER_NODE, type WebhookHarness } from '../harness/webhook';
import { request, startHarness, type Harness, type HttpAnswer } from '../simulator/helpers';
import { startReceiver } from '../webhook/receiver';
import { outputs, SECRET, SECRET_HEADERS } from '../webhook/setup';
import { figures, report } from './report';
import { CANARY_KEY, Evidence, expectNoLeaks } from './secrets';

/** Tickets per queue: each gives two events (created, called). Queue A is delivered twice. */
const REPEATED_TICKETS = 150;
const SINGLE_TICKETS = 200;
const BIG_BODY_BYTES = 5 * 1024 * 1024;
/** Loose on purpose: it catches a trigger that keeps refused bodies or grows without bound, not noise. */
const HEAP_GROWTH_LIMIT_MB = 128;

let h: Harness;
let hook: WebhookHarness;
const evidence = new Evidence();

beforeAll(async () => {
	h = await startHarness({ apiKey: CANARY_KEY });
	hook = await startWebhookHarness({ parameters: { secret: SECRET } });
});
afterAll(async () => {
	await hook?.close();
	await h?.sim.close();
	shutdownEngine();
});

/** A full collection, when the runtime lets us ask for one; the heap figure is then stable. */
function heapUsedMb(): number {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
	return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Every refused request the other callers send, with the status it must get. */
function badRequests(envelope: object): Array<{ body: string; headers: Record<string, string>; status: 400 | 401 }> {
	const json = { 'content-type': 'application/json' };
	const valid = JSON.stringify(envelope);
	const list: Array<{ body: string; headers: Record<string, string>; status: 400 | 401 }> = [];
	for (let i = 0; i < 40; i++) list.push({ body: valid, headers: { ...json, 'X-Ombori-Secret': `${SECRET}${i}` }, status: 401 });
	for (let i = 0; i < 20; i++) list.push({ body: valid, headers: json, status: 401 });
	const notJson = ['hello', '<event type="positionCreated"/>', valid.slice(0, 40), '', '[1, 2'];
	for (let i = 0; i < 40; i++) list.push({ body: notJson[i % notJson.length], headers: { 'content-type': 'text/plain', ...SECRET_HEADERS }, status: 400 });
	for (let i = 0; i < 10; i++) list.push({ body: '{"type": "positionCreated"}', headers: { ...json, ...SECRET_HEADERS }, status: 400 });
	const big = 'x'.repeat(BIG_BODY_BYTES);
	list.push({ body: big, headers: { 'content-type': 'text/plain', ...SECRET_HEADERS }, status: 400 });
	list.push({ body: JSON.stringify({ ...envelope, padding: big }), headers: { ...json, 'X-Ombori-Secret': 'wrong' }, status: 401 });
	return list;
}

const eventKey = (json: { event?: unknown; ticket?: { id?: unknown } }) => `${String(json.event)}/${String(json.ticket?.id)}`;

describe('webhook trigger under 1,000 shuffled deliveries with 30 % repeats and hostile callers', () => {
	it('starts exactly one execution per event and answers every bad request with a clear 4xx', async () => {
		const { sim } = h;
		const repeated = h.newQueue();
		const single = h.newQueue();
		const registration = { url: hook.url, headers: SECRET_HEADERS, reorder: 10 };
		// Two registrations for one queue: each of its events arrives twice, in different shuffled batches.
		sim.webhooks.register({ ...registration, queueId: repeated });
		sim.webhooks.register({ ...registration, queueId: repeated });
		sim.webhooks.register({ ...registration, queueId: single });
		const heapBefore = heapUsedMb();

		const expected = new Set<string>();
		const bad: Array<Promise<[HttpAnswer, number]>> = [];
		let sample: object | undefined;
		for (const [queueId, count] of [
			[repeated, REPEATED_TICKETS],
			[single, SINGLE_TICKETS],
		] as const) {
			for (let i = 0; i < count; i++) {
				const ticket = sim.staff.createManual(queueId);
				sim.staff.call(queueId, ticket.id);
				expected.add(`positionCreated/${ticket.id}`).add(`positionCalled/${ticket.id}`);
				// A valid envelope of a ticket no registration covers: accepted only if a check is missing.
				if (i === 0 && queueId === single) sample = { type: 'positionCreated', data: { position: { ...ticket, id: `${ticket.id}-forged` } } };
			}
			// Hostile callers interleave with the deliveries instead of waiting for them.
			if (sample && bad.length === 0) {
				for (const call of badRequests(sample)) bad.push(request(hook.url, 'POST', call.body, call.headers).then((answer) => [answer, call.status]));
			}
		}
		sim.webhooks.flush();
		const badAnswers = await Promise.all(bad);
		await sim.webhooks.idle();
		await hook.idle();

		const deliveries = sim.webhooks.deliveries;
		const executed = outputs(hook).map(eventKey);
		const counts = new Map<string, number>();
		for (const key of executed) counts.set(key, (counts.get(key) ?? 0) + 1);
		const duplicated = [...counts.values()].filter((count) => count > 1).length;
		const lost = [...expected].filter((key) => !counts.has(key)).length;
		const statuses: Record<string, number> = {};
		for (const { status } of hook.answers) statuses[status] = (statuses[status] ?? 0) + 1;
		report(
			`webhook chaos: deliveries ${deliveries.length} (repeats ${deliveries.length - expected.size}), hostile requests ${badAnswers.length}, ` +
				`answers by status (${figures(statuses)}), executions ${executed.length} for ${expected.size} events, lost ${lost}, duplicated ${duplicated}`,
		);
		evidence.add('deliveries', deliveries);
		evidence.add('answers', hook.answers);
		evidence.add('executions', hook.executions);

		expect(deliveries).toHaveLength(2 * (2 * REPEATED_TICKETS) + 2 * SINGLE_TICKETS);
		expect(deliveries.every((delivery) => delivery.status === 200)).toBe(true);
		expect(new Set(executed)).toEqual(expected);
		expect(executed).toHaveLength(expected.size);
		for (const [answer, status] of badAnswers) {
			expect(answer.status).toBe(status);
			expect((answer.body as { message: string }).message).toMatch(
				status === 401 ? /^Missing or wrong secret header$/ : /^(Body is not valid JSON|Empty body|Not an Ombori Grid webhook event: .+)/,
			);
		}
		expect(hook.answers.filter((answer) => answer.status >= 500)).toEqual([]);

		const heapGrowth = heapUsedMb() - heapBefore;
		const seen = (hook.savedStaticData()[`node:${TRIGGER_NODE}`] as { seenDeliveries: string[] }).seenDeliveries;
		report(`webhook chaos: heap growth ${heapGrowth.toFixed(1)} MB (limit ${HEAP_GROWTH_LIMIT_MB}), de-duplication memory ${seen.length} keys, ${JSON.stringify(seen).length} bytes`);
		expect(heapGrowth).toBeLessThan(HEAP_GROWTH_LIMIT_MB);
		expect(seen.length).toBe(expected.size);
	}, 5 * 60_000);

	it('still starts executions afterwards', async () => {
		const before = hook.executions.length;
		const queueId = h.newQueue();
		h.sim.webhooks.register({ url: hook.url, headers: SECRET_HEADERS, queueId });
		h.sim.staff.createManual(queueId);
		await h.sim.webhooks.idle();
		await hook.idle();
		expect(hook.executions.length).toBe(before + 1);
	});

	it('leaves the API key in no delivery, webhook request as received, answer, execution or log line', async () => {
		// A bare receiver keeps each delivery's headers and body exactly as they arrived.
		const receiver = await startReceiver();
		const queueId = h.newQueue();
		h.sim.webhooks.register({ url: receiver.url, headers: SECRET_HEADERS, queueId });
		const ticket = h.sim.staff.createManual(queueId);
		await h.sim.webhooks.idle();
		await receiver.close();
		expect(receiver.received).toHaveLength(1);
		evidence.add('receivedByWebhookReceiver', receiver.received);
		// The one request here that must carry the key: a read from the API host, the scan's control.
		await h.api('GET', `/queues/${queueId}/positions/${ticket.id}`);
		expectNoLeaks('webhook chaos', evidence, h.sim.requests);
	});
});
