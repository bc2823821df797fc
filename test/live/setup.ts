import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Position } from '../../nodes/OmboriGrid/shared/types';
import type { SimHub } from '../../simulator/hub';
import { shutdownEngine } from '../harness/engine';
import { startTestSimulator } from '../harness/simulator';
import type { TestSimulator } from '../harness/simulator';
import { closeAllTriggers } from '../harness/trigger';

/** Short reconnect pauses (options the node exposes) so reconnect tests take milliseconds. */
export const FAST_RECONNECT = { reconnectDelay: 20, maxReconnectDelay: 200 };

export interface LiveEnv extends TestSimulator {
	hub: SimHub;
}

/**
 * A fresh simulator (with its hub) for every test; triggers are closed before it, and the engine
 * shut down at the end, so Jest exits on its own. The returned object always reads the current one.
 */
export function useLiveEnv(): LiveEnv {
	let current: LiveEnv | undefined;
	beforeEach(async () => {
		const env = await startTestSimulator();
		current = { ...env, hub: env.sim.hub };
	});
	afterEach(async () => {
		await closeAllTriggers();
		await current?.sim.close();
	});
	afterAll(() => shutdownEngine());
	return new Proxy({} as LiveEnv, {
		get: (_target, key: keyof LiveEnv) => {
			if (!current) throw new Error('The live test environment starts in beforeEach');
			return current[key];
		},
	});
}

/** Ticket Trigger parameters watching `tickets`, with fast reconnects unless `options` says otherwise. */
export function watching(env: LiveEnv, tickets: Position[], parameters: IDataObject = {}): INodeParameters {
	const { options, ...rest } = parameters;
	return {
		queueId: env.queueId,
		ticketIds: tickets.map((ticket) => ticket.id).join(', '),
		...rest,
		options: { ...FAST_RECONNECT, ...(options as IDataObject | undefined) },
	} as INodeParameters;
}

export const newTicket = (env: LiveEnv): Position => env.sim.staff.createManual(env.queueId);

export const statusesOf = (items: IDataObject[]) => items.map((item) => item.status);
