/** Every action-node operation in one manual workflow, run by `n8n execute`, checked node by node. */
import assert from 'node:assert/strict';
import { nodeOutput, type E2eContext } from '../context';
import { WORKFLOW_IDS } from '../workflows';

export async function checkAllOperations(ctx: E2eContext): Promise<void> {
	const { code, run, output } = await ctx.n8n.execute(WORKFLOW_IDS.allOperations);
	const failure = run.data.resultData.error?.message;
	assert.equal(code, 0, `n8n execute failed (${failure ?? 'no error message'}):\n${output.slice(-3000)}`);
	const out = (node: string) => nodeOutput(run, node);
	const one = (node: string) => {
		const items = out(node);
		assert.equal(items.length, 1, `${node} should output one item`);
		return items[0];
	};

	const ticket = one('Ticket Create');
	assert.equal(ticket.queue, ctx.queueId);
	assert.equal(ticket.status, 'pending');
	assert.deepEqual(ticket.customerInfo, ['E2E', 'Walk-in']);
	assert.match(String(ticket.positionUrl), /^http:\/\/127\.0\.0\.1:\d+\//);
	assert.equal(one('Ticket Get').id, ticket.id);
	assert.deepEqual(one('Ticket Update').customData, { source: 'e2e' });
	assert.equal(one('Ticket Wait').status, 'pending');
	assert.equal(one('Ticket Cancel').status, 'rejected');

	const slot = one('Slot First');
	assert.ok(String(slot.start).startsWith(ctx.day), `first slot ${String(slot.start)} should be on ${ctx.day}`);
	const booking = one('Booking Create');
	assert.deepEqual([booking.type, booking.status, booking.numberOfPeople], ['booking', 'draft', 2]);
	assert.equal((booking.booking as { start: string }).start, slot.start);
	assert.equal(one('Booking Get').id, booking.id);
	assert.equal(one('Booking Update').numberOfPeople, 3);
	assert.equal(one('Booking Cancel').status, 'rejected');

	const reservation = one('Reservation Create');
	assert.equal(reservation.status, 'reserved');
	assert.equal(one('Reservation Get').id, reservation.id);
	assert.equal(one('Reservation Update').numberOfPeople, 2);
	assert.equal(one('Reservation Confirm').status, 'draft');
	assert.equal(one('Reservation Cancel').status, 'rejected');

	const slots = out('Slot List');
	assert.ok(slots.length > 1, 'Get Many should list the slots of the window');
	assert.ok(slots.every((s) => String(s.start).startsWith(ctx.day) && typeof s.available === 'number'));

	// what n8n reported is what the simulator holds
	const stored = ctx.sim.store.getPosition(ctx.queueId, String(ticket.id));
	assert.equal(stored?.status, 'rejected');
	assert.deepEqual(stored?.customData, { source: 'e2e' });
	assert.equal(ctx.sim.store.getPosition(ctx.queueId, String(reservation.id))?.status, 'rejected');
}
