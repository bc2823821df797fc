/**
 * The examples that need no outside service, published and used the way the demo's guide tells a
 * person to: submit the form, reserve and pay, call a waiting ticket in the staff console.
 */
import assert from 'node:assert/strict';
import { DEMO_QUEUE_IDS } from '../../simulator';
import { EXAMPLE_IDS, examplePaths, liveExampleWatching } from '../../scripts/n8n/examples';
import { waitFor } from '../../scripts/n8n/proc';
import { TRIGGER_WEBHOOK_PATH, type WorkflowJson } from '../../scripts/n8n/workflowJson';
import type { E2eContext } from '../context';
import { control, staffAction } from '../simControl';
import { waitForWatching } from './liveTrigger';

const FRONT_DESK = DEMO_QUEUE_IDS.frontDesk;

/** The demo's waiting Front Desk tickets (Linus, Margaret): the live example watches them. */
const waitingDemoTickets = (ctx: Pick<E2eContext, 'sim'>): string[] =>
	ctx.sim.store
		.listPositions(FRONT_DESK)
		.filter((position) => position.status === 'pending' && position.type === 'anonymous')
		.map((position) => position.id);

/** What to import and publish on top of the plain example files. */
export function exampleSetup(ctx: Pick<E2eContext, 'sim'>): { workflows: WorkflowJson[]; publish: string[] } {
	return { workflows: [liveExampleWatching(waitingDemoTickets(ctx))], publish: Object.values(EXAMPLE_IDS) };
}

/** After n8n started: the simulator sends its events to the webhook example, as the demo does. */
export const registerExampleWebhook = (ctx: E2eContext) =>
	control(ctx.sim, 'POST', '/webhooks', { url: ctx.n8n.webhookUrl(examplePaths().webhookId, TRIGGER_WEBHOOK_PATH) });

async function positionSoon(ctx: E2eContext, what: string, find: () => Record<string, unknown> | undefined) {
	return waitFor(what, async () => find(), 30_000);
}

export async function checkFormExample(ctx: E2eContext): Promise<void> {
	const url = `${ctx.n8n.url}${examplePaths().form}`;
	assert.equal((await fetch(url)).status, 200, `the published form answers on ${url}`);
	const form = new FormData();
	['Barbara', 'Liskov', '2'].forEach((value, index) => form.append(`field-${index}`, value));
	const response = await fetch(url, { method: 'POST', body: form });
	assert.ok(response.ok, `form submission answered ${response.status}: ${await response.text()}`);
	const ticket = await positionSoon(ctx, 'the form to create a ticket', () =>
		ctx.sim.store.listPositions(FRONT_DESK).find((position) => position.customerInfo?.[0] === 'Barbara'),
	);
	assert.deepEqual([ticket.status, ticket.customerInfo], ['pending', ['Barbara', 'Liskov', 'Party of 2']]);
}

export async function checkReserveExample(ctx: E2eContext): Promise<void> {
	const response = await fetch(`${ctx.n8n.url}${examplePaths().reserve}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'Ada', people: 2 }),
	});
	const answer = (await response.json()) as { reservationId: string; payHere: string };
	assert.ok(response.ok && answer.payHere, `the reserve webhook should answer with a payment link: ${JSON.stringify(answer)}`);
	const reservation = () => ctx.sim.store.getPosition(DEMO_QUEUE_IDS.pharmacy, answer.reservationId);
	assert.deepEqual([reservation()?.status, reservation()?.numberOfPeople], ['reserved', 2]);

	// The answer comes before the execution reaches the Wait node; until then n8n answers 409.
	const paid = await waitFor(
		'the execution to wait for payment',
		async () => {
			const response = await fetch(answer.payHere, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"paid":true}' });
			return response.status === 409 ? undefined : response;
		},
		30_000,
	);
	assert.ok(paid.ok, `paying answered ${paid.status}`);
	await positionSoon(ctx, 'the paid reservation to be confirmed', () => (reservation()?.status === 'draft' ? reservation() : undefined));
}

export async function checkStaffCallExamples(ctx: E2eContext): Promise<void> {
	const [ticket] = waitingDemoTickets(ctx);
	await waitForWatching(ctx, [ticket], 'the live example to connect');
	await staffAction(ctx.sim, FRONT_DESK, ticket, 'call');
	const notified = await positionSoon(ctx, '"Mark as notified" to write to the called ticket', () => {
		const position = ctx.sim.store.getPosition(FRONT_DESK, ticket);
		return position?.customData?.notifiedBy === 'n8n' ? position : undefined;
	});
	assert.match(String((notified.customData as { message?: string }).message), /it is your turn/);

	const url = ctx.n8n.webhookUrl(examplePaths().webhookId, TRIGGER_WEBHOOK_PATH);
	const delivered = await waitFor(
		'the webhook example to accept the call event',
		async () => {
			const { deliveries } = await control<{ deliveries: Array<{ url: string; positionId: string; type: string; status: number | null }> }>(ctx.sim, 'GET', '/webhooks');
			return deliveries.find((delivery) => delivery.url === url && delivery.positionId === ticket && delivery.type === 'positionCalled');
		},
		30_000,
	);
	assert.equal(delivered.status, 200);
}
