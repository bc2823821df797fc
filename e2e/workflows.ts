/**
 * The workflows the real-n8n e2e imports. Built in code because they carry ids only known at run
 * time (queues and tickets of the simulator, the day of the slots).
 */
import { actionNode, chainWorkflow, manualTrigger, packageNode, type CredentialRef, type WorkflowJson } from '../scripts/n8n/workflowJson';

/** The trigger's webhook path under its older name here, for the queue-mode e2e that imports it from this module. */
export { TRIGGER_WEBHOOK_PATH as WEBHOOK_PATH } from '../scripts/n8n/workflowJson';

export const WORKFLOW_IDS = {
	allOperations: 'e2eAllOperations01',
	webhook: 'e2eWebhookTrigger1',
	live: 'e2eLiveTrigger0001',
} as const;

/** `$('Node').item.json.field` as an n8n expression. */
const from = (node: string, field: string) => `={{ $('${node}').item.json.${field} }}`;

/**
 * Every action-node operation once, in an order where each step's id comes from an earlier step.
 * Time Slot → Get Many is last because it outputs one item per slot.
 */
export function allOperationsWorkflow(credential: CredentialRef, queueId: string, day: string): WorkflowJson {
	const op = (name: string, resource: string, operation: string, parameters: Record<string, unknown> = {}) =>
		actionNode(name, credential, { resource, operation, queueId, ...parameters });
	const window = { from: `${day}T09:00:00Z`, to: `${day}T12:00:00Z` };
	const ticket = { ticketId: from('Ticket Create', 'id') };
	const booking = { bookingId: from('Booking Create', 'id') };
	const reservation = { reservationId: from('Reservation Create', 'id') };
	return chainWorkflow(WORKFLOW_IDS.allOperations, 'E2E: every operation', [
		manualTrigger,
		op('Ticket Create', 'ticket', 'create', { additionalFields: { customerInfo: ['E2E', 'Walk-in'] } }),
		op('Ticket Get', 'ticket', 'get', ticket),
		op('Ticket Update', 'ticket', 'update', { ...ticket, updateFields: { customData: '{"source":"e2e"}' } }),
		op('Ticket Wait', 'ticket', 'waitForStatus', { ...ticket, statuses: ['pending'], timeout: 30 }),
		op('Ticket Cancel', 'ticket', 'cancel', ticket),
		op('Slot First', 'timeSlot', 'getFirstAvailable', { ...window, numberOfPeople: 2 }),
		op('Booking Create', 'booking', 'create', { start: from('Slot First', 'start'), end: from('Slot First', 'end'), numberOfPeople: 2 }),
		op('Booking Get', 'booking', 'get', booking),
		op('Booking Update', 'booking', 'update', { ...booking, updateFields: { numberOfPeople: 3 } }),
		op('Booking Cancel', 'booking', 'cancel', booking),
		op('Reservation Create', 'reservation', 'create', {
			start: from('Slot First', 'start'),
			end: from('Slot First', 'end'),
			additionalFields: { customerInfo: ['E2E', 'Reserved'] },
		}),
		op('Reservation Get', 'reservation', 'get', reservation),
		op('Reservation Update', 'reservation', 'update', { ...reservation, updateFields: { numberOfPeople: 2 } }),
		op('Reservation Confirm', 'reservation', 'confirm', reservation),
		op('Reservation Cancel', 'reservation', 'cancel', reservation),
		op('Slot List', 'timeSlot', 'getMany', { ...window, returnAll: true, options: { simplify: true } }),
	]);
}

/**
 * How a published workflow reports that it ran: its last node creates a ticket in the audit queue
 * whose customer info names the source and the ticket that fired it. The test counts those tickets,
 * so a lost or a doubled execution both show.
 */
function auditNode(credential: CredentialRef, auditQueueId: string, source: string, idExpression: string, statusExpression: string) {
	return actionNode('Report to audit queue', credential, {
		resource: 'ticket',
		operation: 'create',
		queueId: auditQueueId,
		additionalFields: { customerInfo: [source, idExpression, statusExpression] },
	});
}

export interface WebhookFlowOptions {
	credential: CredentialRef;
	webhookId: string;
	queueId: string;
	auditQueueId: string;
	secret: string;
}

export function webhookWorkflow(options: WebhookFlowOptions): WorkflowJson {
	return chainWorkflow(WORKFLOW_IDS.webhook, 'E2E: webhook trigger', [
		packageNode(
			'omboriGridTrigger',
			'Ombori Grid Trigger',
			{
				events: ['positionCalled'],
				headerName: 'X-Ombori-Secret',
				secret: options.secret,
				filters: { queueIds: options.queueId },
				options: { simplify: true },
			},
			{ webhookId: options.webhookId },
		),
		auditNode(options.credential, options.auditQueueId, 'webhook', '={{ $json.id }}', '={{ $json.event }}'),
	]);
}

export interface LiveFlowOptions {
	credential: CredentialRef;
	queueId: string;
	ticketIds: string[];
	auditQueueId: string;
}

/** Watches the given tickets live; every status change reports `[live, ticketId, status]`. */
export function liveWorkflow(options: LiveFlowOptions): WorkflowJson {
	return chainWorkflow(WORKFLOW_IDS.live, 'E2E: live ticket trigger', [
		// Short reconnect pauses keep the dropped-connection check quick; the defaults are for production.
		packageNode(
			'omboriGridTicketTrigger',
			'Ombori Grid Ticket Trigger',
			{
				queueId: options.queueId,
				ticketIds: options.ticketIds.join(', '),
				emitOn: 'statusChange',
				options: { simplify: true, reconnectDelay: 200, maxReconnectDelay: 1000 },
			},
			{ credentials: { omboriGridApi: options.credential } },
		),
		auditNode(options.credential, options.auditQueueId, 'live', '={{ $json.id }}', '={{ $json.status }}'),
	]);
}
