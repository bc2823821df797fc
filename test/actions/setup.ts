import type { IDataObject } from 'n8n-workflow';

import type { QueueInput } from '../../simulator';

import { runWorkflow, shutdownEngine } from '../harness/engine';
import { apiRequests, startTestSimulator } from '../harness/simulator';
import type { TestSimulator } from '../harness/simulator';
import { ACTION_NODE, actionWorkflow } from '../harness/workflows';
import type { ActionWorkflowOptions } from '../harness/workflows';

/**
 * One simulator per test file with the hooks every action test needs, plus shortcuts for running
 * the action node and reading what reached the simulator.
 */
export function useActionSimulator() {
	let env: TestSimulator | undefined;
	const current = () => {
		if (!env) throw new Error('simulator not started');
		return env;
	};

	beforeAll(async () => {
		env = await startTestSimulator();
	});
	beforeEach(() => {
		current().sim.clearRequests();
		current().sim.clearFaults();
	});
	afterAll(async () => {
		await env?.sim.close();
		shutdownEngine();
	});

	const run = (parameters: IDataObject, options: ActionWorkflowOptions = {}) =>
		runWorkflow(actionWorkflow(parameters, options), { credentials: current().credentials });

	const parametersFor =
		(resource: string) =>
		(operation: string, parameters: IDataObject = {}): IDataObject => ({
			resource,
			operation,
			queueId: current().queueId,
			...parameters,
		});

	return {
		/** A builder of one resource's parameters, on the file's queue unless `queueId` is given. */
		parametersFor,
		/** Creates a booking or reservation, then clears the log so a test sees only its own requests. */
		async createPosition(resource: 'booking' | 'reservation', queueId: string, start: string, end: string, numberOfPeople = 1) {
			const [created] = await this.runOk(parametersFor(resource)('create', { queueId, start, end, numberOfPeople }));
			current().sim.clearRequests();
			return created as { id: string; status: string };
		},
		/** The simplified slots of a queue through Time Slot → Get Many (Return All). */
		async simpleSlots(queueId: string, from: string, to: string) {
			return this.runOk(parametersFor('timeSlot')('getMany', { queueId, from, to, returnAll: true, options: { simplify: true } }));
		},
		get sim() {
			return current().sim;
		},
		get queueId() {
			return current().queueId;
		},
		get credentials() {
			return current().credentials;
		},
		/** Path of the organisation on the simulator, before `/queues/...`. */
		orgPath: () => `/regions/eu/queues/v1/organizations/${current().sim.tenantId}`,
		requests: () => apiRequests(current().sim),
		/** A fresh queue (default: 09:00–17:00 UTC, 15-minute slots, 4 people each) so capacity starts full. */
		newQueue: (input: QueueInput = {}) => current().sim.createQueue(input).id,
		run,
		/** Runs the node and fails the test on a workflow error; the output items' JSON. */
		async runOk(parameters: IDataObject, options: ActionWorkflowOptions = {}) {
			const result = await run(parameters, options);
			expect(result.error).toBeUndefined();
			return result.output(ACTION_NODE).map((item) => item.json);
		},
		/** Runs the node expecting a validation error, and checks that nothing was sent. */
		async expectRejectedBeforeSending(parameters: IDataObject, message: string) {
			const result = await run(parameters);
			expect(result.error?.message).toContain(message);
			expect(apiRequests(current().sim)).toHaveLength(0);
			return result.error;
		},
	};
}

/** A day far enough ahead that no test depends on today's date; the simulator is open 09:00–17:00 UTC. */
export const DAY = '2027-03-01';
export const at = (time: string, day = DAY) => `${day}T${time}:00.000Z`;
