import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { waitLive } from '../../live/liveStatusWait';
import { idField, optionsCollection, queueIdField, statusOptions } from '../../shared/fields';
import { positionOutput } from '../../shared/output';
import { invalidParameter } from '../../shared/params';
import { readPositionRef } from '../../shared/positionRef';
import type { WaitOutcome } from '../../shared/statusWait';
import { MAX_POLL_DELAY_MS, pollTicketStatus } from '../../shared/statusWait';
import { TICKET_STATUSES } from '../../shared/types';


const properties: INodeProperties[] = [
	queueIdField,
	idField('ticketId', 'Ticket ID', 'ticket, booking or reservation to watch'),
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		required: true,
		options: statusOptions,
		default: ['notified'],
		description:
			'Statuses to wait for: the ticket is returned as soon as its status is any of them. If it ends as completed or rejected first, the node fails at once.',
	},
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description: `Seconds to wait before failing with the last status seen. The ticket is read after 1 second, then 1.5 times less often each time, at least every ${MAX_POLL_DELAY_MS / 1000} seconds.`,
	},
	optionsCollection([
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			options: [
				{ name: 'Live', value: 'live', description: 'Listen to the ticket\'s live updates (SignalR), as the Ombori Grid Ticket Trigger does' },
				{ name: 'Poll', value: 'poll', description: 'Read the ticket again and again, on the schedule described under Timeout' },
			],
			default: 'poll',
			description: 'How to notice the status change. Live answers within a moment and sends no repeated reads.',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['waitForStatus'] } }, properties);

function readStatuses(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const raw = ctx.getNodeParameter('statuses', itemIndex, []) as unknown;
	const list = typeof raw === 'string' ? raw.split(',').map((status) => status.trim()) : raw;
	const known: readonly string[] = TICKET_STATUSES;
	if (!Array.isArray(list) || list.length === 0 || list.some((status) => !known.includes(status as string))) {
		throw invalidParameter(ctx, 'Statuses', itemIndex, `one or more of ${TICKET_STATUSES.join(', ')}`, raw);
	}
	return list as string[];
}

function readTimeoutMs(ctx: IExecuteFunctions, itemIndex: number): number {
	const raw = ctx.getNodeParameter('timeout', itemIndex, 300) as unknown;
	const seconds = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
		throw invalidParameter(ctx, 'Timeout', itemIndex, 'a number of seconds greater than 0', raw);
	}
	return seconds * 1000;
}

function failure(ctx: IExecuteFunctions, itemIndex: number, outcome: WaitOutcome, statuses: string[], seconds: number) {
	const { id, queue, status } = outcome.position;
	const wanted = statuses.join(' or ');
	const message =
		outcome.kind === 'final'
			? `Ticket ${id} in queue ${queue} ended in status ${status} before reaching ${wanted}`
			: `Ticket ${id} in queue ${queue} did not reach ${wanted} within ${seconds} s; last status seen: ${status}`;
	return new NodeOperationError(ctx.getNode(), message, {
		itemIndex,
		description:
			outcome.kind === 'final'
				? `${status} is final: the ticket will not change again.`
				: 'Raise Timeout, or check that staff are serving the queue.',
	});
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ref = readPositionRef(this, itemIndex, 'ticket');
	const statuses = readStatuses(this, itemIndex);
	const timeoutMs = readTimeoutMs(this, itemIndex);
	const waiter = this.getNodeParameter('options.mode', itemIndex, 'poll') === 'live' ? waitLive : pollTicketStatus;
	const outcome = await waiter(this, ref, { statuses, deadline: Date.now() + timeoutMs }, itemIndex);
	if (outcome.kind !== 'reached') throw failure(this, itemIndex, outcome, statuses, timeoutMs / 1000);
	return positionOutput(this, itemIndex, outcome.position);
}
