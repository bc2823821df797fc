import path from 'node:path';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { TicketWaiter, WaitOutcome } from '../../nodes/OmboriGrid/shared/statusWait';
import { ACTION_NODE } from '../harness/workflows';
import { useActionSimulator } from './setup';

const t = useActionSimulator();

const NODE_SHARED = path.resolve(__dirname, '../../nodes/OmboriGrid/shared');
const NODE_TRANSPORT = path.resolve(__dirname, '../../nodes/OmboriGrid/transport');

const waitFor = (ticketId: string, statuses: string[] | string, timeout: number | string = 30, options: IDataObject = {}) =>
	t.parametersFor('ticket')('waitForStatus', { ticketId, statuses, timeout, options });

const pollsOf = (ticketId: string) => t.requests().filter((request) => request.path.endsWith(`/positions/${ticketId}`));

/**
 * Lets the test act as staff once the node has read the ticket `times` times; gives up when the
 * run has already ended, so a broken node fails the test instead of leaving this loop running.
 */
async function afterPolls(ticketId: string, times: number, running: Promise<unknown>): Promise<void> {
	let ended = false;
	void running.finally(() => (ended = true));
	while (!ended && pollsOf(ticketId).filter((request) => request.status !== null).length < times) {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** Waits for `statuses` on a new pending ticket, and plays `staff` once the node has read it. */
async function waitWhileStaff(statuses: string[], timeout: number, staff: (queueId: string, ticketId: string) => unknown) {
	const ticket = t.sim.staff.createManual(t.queueId);
	const running = t.run(waitFor(ticket.id, statuses, timeout));
	await afterPolls(ticket.id, 1, running);
	staff(t.queueId, ticket.id);
	return { ticket, result: await running };
}

describe('ticket wait for status (E2 polling) against the simulator', () => {
	it('returns the ticket once staff call it', async () => {
		const { ticket, result } = await waitWhileStaff(['notified', 'fulfilled'], 30, t.sim.staff.call);
		expect(result.error).toBeUndefined();
		const [item] = result.output(ACTION_NODE);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({ id: ticket.id, status: 'notified', calledAt: expect.any(String) });
		const polls = pollsOf(ticket.id);
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(t.requests()).toHaveLength(polls.length);
		for (const request of polls) {
			expect([request.method, request.path]).toEqual(['GET', `${t.orgPath()}/queues/${t.queueId}/positions/${ticket.id}`]);
		}
	});

	it('returns at once, with one read, when the ticket already has a wanted status', async () => {
		const ticket = t.sim.staff.createManual(t.queueId);
		const [output] = await t.runOk(waitFor(ticket.id, ['pending'], 30, { simplify: true }));
		expect(output).toMatchObject({ id: ticket.id, status: 'pending', label: ticket.label });
		expect(output).not.toHaveProperty('QRCodeCheckInPositionId');
		expect(pollsOf(ticket.id)).toHaveLength(1);
	});

	it('times out with the last status seen', async () => {
		const { ticket, result } = await waitWhileStaff(['fulfilled'], 2, t.sim.staff.call);
		expect(result.error?.message).toBe(
			`Ticket ${ticket.id} in queue ${t.queueId} did not reach fulfilled within 2 s; last status seen: notified`,
		);
		// 1 s, then the 1.5 s step cut to the deadline: three reads (a fourth if a timer fires early).
		expect(pollsOf(ticket.id).length).toBeGreaterThanOrEqual(3);
		expect(pollsOf(ticket.id).length).toBeLessThanOrEqual(4);
	});

	it('fails at once when the ticket reaches a final status it was not waiting for', async () => {
		const { ticket, result } = await waitWhileStaff(['notified'], 60, (queueId, id) => t.sim.staff.reject(queueId, id));
		expect(result.error?.message).toBe(
			`Ticket ${ticket.id} in queue ${t.queueId} ended in status rejected before reaching notified`,
		);
	});

	it.each([
		['no statuses', '={{ [] }}', 30, '"Statuses" in item 0 must be one or more of draft, reserved, pending'],
		['an unknown status', '={{ ["called"] }}', 30, '"Statuses" in item 0 must be one or more of'],
		['a timeout of 0', ['notified'], '={{ 0 }}', '"Timeout" in item 0 must be a number of seconds greater than 0'],
		['a timeout that is not a number', ['notified'], '={{ "soon" }}', '"Timeout" in item 0 must be a number of seconds'],
	])('rejects %s before any request', async (_name, statuses, timeout, message) => {
		const ticket = t.sim.staff.createManual(t.queueId);
		await t.expectRejectedBeforeSending(waitFor(ticket.id, statuses, timeout), message);
	});
});

describe('polling schedule', () => {
	/** Runs the poller with a virtual clock: `pause` advances it, the ticket follows `statuses`. */
	async function poll(statuses: string[], timeoutMs: number) {
		let now = 1_000_000;
		const sleeps: number[] = [];
		const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
		let pollTicketStatus: TicketWaiter | undefined;
		let reads = 0;
		jest.isolateModules(() => {
			jest.doMock(path.join(NODE_SHARED, 'waiting'), () => ({
				pause: async (ms: number) => {
					sleeps.push(ms);
					now += ms;
					return true;
				},
			}));
			jest.doMock(path.join(NODE_TRANSPORT, 'endpoints'), () => ({
				getPosition: async () => {
					// With a real sleep the frozen clock would never reach the deadline.
					if (reads > sleeps.length) throw new Error('the shared pause was not used');
					return { id: 'p', queue: 'q', status: statuses[Math.min(reads++, statuses.length - 1)] };
				},
			}));
			({ pollTicketStatus } = require(path.join(NODE_SHARED, 'statusWait')));
		});
		const ctx = { getNode: () => ({ name: 'Ombori Grid' }), getExecutionCancelSignal: () => undefined } as unknown as IExecuteFunctions;
		const ref = { queueId: 'q', id: 'p', resource: 'ticket' as const };
		try {
			const outcome: WaitOutcome = await pollTicketStatus!(ctx, ref, { statuses: ['notified'], deadline: now + timeoutMs }, 0);
			return { outcome, sleeps, reads };
		} finally {
			clock.mockRestore();
			jest.dontMock(path.join(NODE_SHARED, 'waiting'));
		}
	}

	it('starts at 1 s, grows ×1.5, caps at 15 s and never sleeps past the deadline', async () => {
		const { outcome, sleeps, reads } = await poll(['pending'], 60_000);
		expect(outcome).toMatchObject({ kind: 'timeout', position: { status: 'pending' } });
		expect(sleeps).toEqual([1000, 1500, 2250, 3375, 5062.5, 7593.75, 11390.625, 15000, 12828.125]);
		expect(sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(60_000);
		expect(reads).toBe(sleeps.length + 1);
	});

	it('keeps the 15 s cap on a long wait', async () => {
		const { sleeps } = await poll(['pending'], 300_000);
		expect(sleeps.slice(7, -1).every((ms) => ms === 15_000)).toBe(true);
		expect(sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(300_000);
	});

	it('stops as soon as a wanted status is read', async () => {
		const { outcome, sleeps } = await poll(['pending', 'pending', 'notified'], 60_000);
		expect(outcome).toMatchObject({ kind: 'reached', position: { status: 'notified' } });
		expect(sleeps).toEqual([1000, 1500]);
	});

	it('stops on a final status', async () => {
		const { outcome, sleeps } = await poll(['pending', 'completed'], 60_000);
		expect(outcome).toMatchObject({ kind: 'final', position: { status: 'completed' } });
		expect(sleeps).toEqual([1000]);
	});
});
