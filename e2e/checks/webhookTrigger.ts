/**
 * The webhook trigger in a published workflow, fired by the simulator's own webhook delivery to
 * n8n's production URL. Every event is delivered twice (`repeat: 2`), as Ombori may: the trigger
 * must start one execution per event.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { waitFor } from '../../scripts/n8n/proc';
import { auditEntries, staffTickets, type E2eContext } from '../context';
import { control, staffAction } from '../simControl';
import { TRIGGER_WEBHOOK_PATH } from '../../scripts/n8n/workflowJson';
import { webhookWorkflow } from '../workflows';

const SECRET = `e2e-${randomUUID()}`;
const WEBHOOK_ID = randomUUID();

export const webhookFlow = (ctx: Omit<E2eContext, 'n8n'>) =>
	webhookWorkflow({ credential: ctx.credential, webhookId: WEBHOOK_ID, queueId: ctx.queueId, auditQueueId: ctx.auditQueueId, secret: SECRET });

export async function checkWebhookTrigger(ctx: E2eContext): Promise<void> {
	const url = ctx.n8n.webhookUrl(WEBHOOK_ID, TRIGGER_WEBHOOK_PATH);
	// Activation finishes after readiness: 404 until the webhook is registered, then 401 without the secret.
	const status = await waitFor(
		'the published webhook to be registered',
		async () => {
			const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			return response.status === 404 ? undefined : response.status;
		},
		60_000,
	);
	assert.equal(status, 401, 'a request without the secret header must be refused');

	// Created before registering, so only the calls are delivered.
	const [first, second] = staffTickets(ctx, 'Webhook');
	await control(ctx.sim, 'POST', '/webhooks', { url, headers: { 'X-Ombori-Secret': SECRET }, queueId: ctx.queueId, repeat: 2 });
	for (const ticket of [first, second]) {
		await staffAction(ctx.sim, ctx.queueId, ticket, 'call');
		await waitFor(
			`an execution for the call of ${ticket}`,
			async () => (auditEntries(ctx, 'webhook').some(([, id]) => id === ticket) ? true : undefined),
			30_000,
		);
	}
	// The second event's execution came after both copies of the first were delivered, so a duplicate would show.
	const entries = auditEntries(ctx, 'webhook');
	assert.deepEqual(
		entries,
		[
			['webhook', first, 'positionCalled'],
			['webhook', second, 'positionCalled'],
		],
		`one execution per event expected, got: ${JSON.stringify(entries)}`,
	);
	const deliveries = await control<{ deliveries: Array<{ url: string; positionId: string; status: number | null }> }>(ctx.sim, 'GET', '/webhooks');
	const answered = deliveries.deliveries.filter((delivery) => delivery.url === url && [first, second].includes(delivery.positionId));
	assert.deepEqual(answered.map((delivery) => delivery.status), [200, 200, 200, 200], 'n8n accepted every delivery, repeats included');
}
