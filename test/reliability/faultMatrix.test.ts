/**
 * Fault matrix: long runs of the action node against a simulator that injects every fault it
 * knows into about a quarter of the requests, with "Continue On Fail" on. Every item must come out
 * as a success or as an error that explains itself, in input order, and no ticket, booking or
 * reservation may ever be created twice: each entity carries its item's reference, so the store
 * can be compared with the output item by item.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Position } from '../../nodes/OmboriGrid/shared/types';
import type { FaultRule } from '../../simulator';
import { runWorkflow, shutdownEngine, type RunResult, type WorkflowJson } from '../harness/engine';
import { apiRequests, type TestSimulator } from '../harness/simulator';
import { ACTION_NODE, actionWorkflow } from '../harness/workflows';
import { account, chaosRules, errorClass, firedByFault, INJECTED_FAULTS, readOutcomes, summaryLine, type Accounting } from './faultPlan';
import { report } from './report';
import { Evidence, expectNoLeaks, startCanarySimulator } from './secrets';
import { twoActionWorkflow } from './workflows';

/** Items per run: 1,000 with `npm run test:faults`, fewer in `npm test` so CI stays short. */
const ITEMS = Number(process.env.FAULT_ITEMS ?? 200);
/** Below this, some fault kinds may not fire at all and the run would prove little. */
const MIN_ITEMS = 100;
const OPTIONS = { concurrency: 10 };
const RUN_TIMEOUT_MS = 20 * 60_000;
const SLOT = { start: '2027-03-01T10:00:00.000Z', end: '2027-03-01T10:15:00.000Z' };

let env: TestSimulator;
const evidence = new Evidence();

beforeAll(async () => {
	if (!Number.isInteger(ITEMS) || ITEMS < MIN_ITEMS) throw new Error(`FAULT_ITEMS must be a whole number of at least ${MIN_ITEMS}`);
	env = await startCanarySimulator({ seed: 8 });
});
afterAll(async () => {
	await env?.sim.close();
	shutdownEngine();
});

const refOf = (index: number) => `item-${index}`;
const indexOfRef = (ref: string | undefined) => (ref && /^item-\d+$/.test(ref) ? Number(ref.slice(5)) : undefined);

/** Runs `workflow` with the faults on, and records everything it produced for the secret scan. */
async function runWithFaults(workflow: WorkflowJson, faults: FaultRule[] = []) {
	env.sim.addFault([...faults, ...chaosRules()]);
	let result: RunResult;
	let fired: Record<string, number>;
	try {
		result = await runWorkflow(workflow, { credentials: env.credentials });
	} finally {
		fired = firedByFault(env.sim.listFaults());
		env.sim.clearFaults();
	}
	evidence.add('runs', result.run);
	expect(result.error).toBeUndefined();
	for (const fault of INJECTED_FAULTS) expect(fired[fault] ?? 0).toBeGreaterThan(0);
	return { result, fired };
}

function expectClean(name: string, fired: Record<string, number>, accounting: Accounting) {
	report(summaryLine(name, ITEMS, fired, accounting));
	expect(accounting.problems).toEqual([]);
	expect(accounting.lost).toBe(0);
	expect(accounting.duplicated).toBe(0);
}

interface CreateCase {
	name: string;
	kind: 'ticket' | 'booking' | 'reservation';
	/** Operation parameters; each puts `$json.ref` somewhere the created entity keeps it. */
	parameters: IDataObject;
	refIn(position: Position): string | undefined;
}

const CREATE_CASES: CreateCase[] = [
	{
		name: 'ticket create',
		kind: 'ticket',
		parameters: { resource: 'ticket', operation: 'create', additionalFields: { customerInfo: ['={{ $json.ref }}'] } },
		refIn: (position) => position.customerInfo?.[0],
	},
	{
		// E5 takes no customer info, so the reference travels in the notification e-mail address.
		name: 'booking create',
		kind: 'booking',
		parameters: {
			resource: 'booking',
			operation: 'create',
			...SLOT,
			additionalFields: { notifyBy: 'email', email: '={{ $json.ref }}@example.com' },
		},
		refIn: (position) => String((position.notification?.settings as { recipient?: string } | undefined)?.recipient ?? '').split('@')[0],
	},
	{
		name: 'reservation create',
		kind: 'reservation',
		parameters: { resource: 'reservation', operation: 'create', ...SLOT, additionalFields: { customerInfo: ['={{ $json.ref }}'] } },
		refIn: (position) => position.customerInfo?.[0],
	},
];

const inputItems = () => Array.from({ length: ITEMS }, (_, index) => ({ ref: refOf(index) }));

describe(`fault matrix: ${ITEMS} items per run, about a quarter of all requests faulted`, () => {
	it.each(CREATE_CASES)(
		'$name: every item succeeds or explains itself, and nothing is created twice',
		async (testCase) => {
			// Its own queue with room for everyone, so the store's entities are this run's alone.
			const queueId = env.sim.createQueue({ name: testCase.name, capacity: 10 * ITEMS }).id;
			const createdBefore = env.sim.stats().created[testCase.kind];
			const workflow = actionWorkflow({ ...testCase.parameters, queueId, options: OPTIONS }, { items: inputItems(), continueOnFail: true });
			const { result, fired } = await runWithFaults(workflow);

			const entities = env.sim.store.listPositions(queueId);
			const entitiesByItem = new Map<number, string[]>();
			let strayEntities = 0;
			for (const entity of entities) {
				const index = indexOfRef(testCase.refIn(entity));
				if (index === undefined) strayEntities += 1;
				else entitiesByItem.set(index, [...(entitiesByItem.get(index) ?? []), entity.id]);
			}
			const { outcomes, problems } = readOutcomes(result.output(ACTION_NODE), ITEMS);
			const accounting = account(outcomes, ITEMS, { entitiesByItem, strayEntities, safeToRepeat: false });
			accounting.problems.unshift(...problems);
			expectClean(testCase.name, fired, accounting);

			// The simulator's own counter agrees with the store, and every success is among them.
			expect(env.sim.stats().created[testCase.kind] - createdBefore).toBe(entities.length);
			expect(entities.length).toBe(accounting.succeeded + accounting.createdDespiteError);
			// The run met the case that makes this hard: a create that went through but failed on the way back.
			expect(accounting.createdDespiteError).toBeGreaterThan(0);
		},
		RUN_TIMEOUT_MS,
	);

	it(
		'ticket get → ticket update: safe requests are retried through every fault; none is lost or creates anything',
		async () => {
			const queueId = env.sim.createQueue({ name: 'get/update mix' }).id;
			const tickets = Array.from({ length: ITEMS }, () => env.sim.staff.createManual(queueId).id);
			const items = tickets.map((ticketId, index) => ({ ticketId, ref: refOf(index) }));
			const createdBefore = env.sim.stats().created;
			// Two items whose requests always fail, so the "retries used up" path is certain to run.
			const doomed: FaultRule[] = [
				{ kind: 'status', status: 503, method: 'GET', path: `/positions/${tickets[1]}$`, times: -1 },
				{ kind: 'dropAfterProcessing', method: 'PATCH', path: `/positions/${tickets[2]}$`, times: -1 },
			];
			const item = (field: string) => `={{ $('Items').item.json.${field} }}`;
			const workflow = twoActionWorkflow(
				{ resource: 'ticket', operation: 'get', queueId, ticketId: '={{ $json.ticketId }}', options: OPTIONS },
				{
					name: 'Update',
					parameters: {
						resource: 'ticket',
						operation: 'update',
						queueId,
						ticketId: item('ticketId'),
						updateFields: { customData: `={{ { mark: $('Items').item.json.ref } }}` },
						options: OPTIONS,
					},
				},
				items,
			);
			const { result, fired } = await runWithFaults(workflow, doomed);

			const gets = readOutcomes(result.output(ACTION_NODE), ITEMS);
			const updates = readOutcomes(result.output('Update'), ITEMS);
			const getAccounting = account(gets.outcomes, ITEMS, { safeToRepeat: true });
			const updateAccounting = account(updates.outcomes, ITEMS, { safeToRepeat: true });
			getAccounting.problems.unshift(...gets.problems);
			updateAccounting.problems.unshift(...updates.problems);
			expectClean('ticket get, in the get → update run', fired, getAccounting);
			expectClean('ticket update, in the get → update run', fired, updateAccounting);

			for (const outcome of gets.outcomes.filter((entry) => entry.ok)) expect(outcome.id).toBe(tickets[outcome.index]);
			for (const outcome of updates.outcomes.filter((entry) => entry.ok)) {
				expect(env.sim.store.getPosition(queueId, tickets[outcome.index])?.customData).toMatchObject({ mark: refOf(outcome.index) });
			}
			expect(errorClass(gets.outcomes[1].message ?? '')).toBe('unavailable');
			expect(errorClass(updates.outcomes[2].message ?? '')).toBe('connection');
			expect(env.sim.stats().created).toEqual(createdBefore);
		},
		RUN_TIMEOUT_MS,
	);

	it('leaves the API key in no output, error or log line', () => {
		evidence.add('requestsToOtherHosts', env.sim.hub.requests);
		expectNoLeaks('fault matrix', evidence, apiRequests(env.sim));
	});
});
