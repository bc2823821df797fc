import type { ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runItems } from '../actions/itemPool';
import type { Position } from '../shared/types';
import { CREDENTIAL_TYPE, toOmboriCredentials } from '../transport/baseUrl';
import { getPosition } from '../transport/endpoints';
import { loadSignalR } from './signalrModule';
import { TicketStore } from './ticketStore';
import { TriggerSession } from './triggerSession';
import type { TriggerSettings } from './triggerSettings';
import { readTriggerSettings } from './triggerSettings';

/** Activation reads tickets this many at a time. */
const READ_CONCURRENCY = 10;

/** Errors that retrying cannot fix: a rejected key, an unknown ticket, queue or tenant, a bad credential. */
const failsActivation = (error: unknown) =>
	error instanceof NodeOperationError ||
	(error instanceof NodeApiError && ['401', '403', '404'].includes(error.httpCode ?? ''));

/**
 * Reads every ticket (E2) once: a wrong key or ticket fails activation with the API's clear error.
 * Network trouble does not: the ticket is then read again once its live connection is up.
 */
async function readTickets(ctx: ITriggerFunctions, settings: TriggerSettings): Promise<Array<Position | undefined>> {
	const current: Array<Position | undefined> = new Array(settings.ticketIds.length);
	await runItems(settings.ticketIds.length, { concurrency: READ_CONCURRENCY, perSecond: 0 }, async (index) => {
		const id = settings.ticketIds[index];
		const read = await getPosition(ctx, { queueId: settings.queueId, id, resource: 'ticket' }).then(
			(position) => ({ position }),
			(error: Error) => ({ error }),
		);
		if ('position' in read) {
			current[index] = read.position;
			return;
		}
		if (failsActivation(read.error)) throw read.error;
		ctx.logger.warn(`Ombori Grid Ticket Trigger: cannot read ticket ${id} now (${read.error.message}); will read it once connected`);
	});
	return current;
}

/** `trigger()` of the Ombori Grid Ticket Trigger. */
export async function activateTicketTrigger(ctx: ITriggerFunctions): Promise<ITriggerResponse> {
	const settings = readTriggerSettings(ctx);
	const current = await readTickets(ctx, settings);
	const credentials = toOmboriCredentials(await ctx.getCredentials(CREDENTIAL_TYPE));
	const manual = ctx.getMode() === 'manual';
	// A test listen starts from the tickets as they are now and leaves the active trigger's memory alone.
	const store = new TicketStore(manual ? {} : ctx.getWorkflowStaticData('node'));
	store.retain(settings.ticketIds);

	const session = new TriggerSession({ ctx, settings, store, client: await loadSignalR(), credentials });
	session.prepare(current);
	if (!manual) session.start();
	return {
		closeFunction: async () => await session.close(),
		manualTriggerFunction: async () => {
			session.start();
			await session.untilFirstEmission();
		},
	};
}
