import type { Position } from '../../nodes/OmboriGrid/shared/types';
import { book, join, slot, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
	h = await startHarness();
});
afterAll(() => h.sim.close());

const staffAction = (queueId: string, positionId: string, action: string, body?: object) =>
	h.control<Position>('POST', `/queues/${queueId}/positions/${positionId}/${action}`, body);

describe('walk-in lifecycle over /_sim', () => {
	it('call → retry → call → check-in → check-out → feedback, with one event each', async () => {
		const queueId = h.newQueue();
		const ticket = await join(h, queueId);
		const events = h.recordEvents();

		const called = await staffAction(queueId, ticket.id, 'call');
		expect(called.body).toMatchObject({ status: 'notified', calledAt: expect.any(String) });
		const retried = await staffAction(queueId, ticket.id, 'retry');
		expect(retried.body).toMatchObject({ status: 'pending', retryCount: 1 });
		await staffAction(queueId, ticket.id, 'call');
		const checkedIn = await staffAction(queueId, ticket.id, 'check-in');
		expect(checkedIn.body).toMatchObject({ status: 'fulfilled', fulfilledAt: expect.any(String) });
		const completed = await staffAction(queueId, ticket.id, 'check-out');
		expect(completed.body).toMatchObject({ status: 'completed', completedAt: expect.any(String), numberInTheQueue: 0 });
		const rated = await staffAction(queueId, ticket.id, 'feedback', { rating: 5, comment: 'Quick' });
		expect(rated.body).toMatchObject({ status: 'completed', customData: { feedback: { rating: 5, comment: 'Quick' } } });

		expect(events.map((event) => event.type)).toEqual([
			'positionCalled',
			'positionRetry',
			'positionCalled',
			'positionFulfilled',
			'positionCompleted',
			'feedbackReceived',
		]);
		expect(events[0]).toMatchObject({
			message: 'It is your turn now.',
			organization: h.sim.tenantId,
			position: { id: ticket.id, status: 'notified' },
		});
		const stamps = events.map((event) => event.position._ts as number);
		stamps.forEach((stamp, index) => index > 0 && expect(stamp).toBeGreaterThan(stamps[index - 1]));
	});

	it.each([
		['call', 'notified'],
		['check-in', 'pending'],
		['check-out', 'pending'],
		['retry', 'pending'],
		['activate', 'pending'],
		['staff-cancel', 'pending'],
		['feedback', 'pending'],
	])('refuses %s on a %s ticket with 409', async (action, status) => {
		const queueId = h.newQueue();
		const ticket = await join(h, queueId);
		if (status === 'notified') h.sim.staff.call(queueId, ticket.id);
		expect(await staffAction(queueId, ticket.id, action)).toMatchObject({
			status: 409,
			body: { message: `Cannot ${action} a ticket in status ${status}` },
		});
	});

	it('rejects with positionRemoved, or bookingRemoved when legacy', async () => {
		const queueId = h.newQueue();
		const [a, b] = [await join(h, queueId), await join(h, queueId)];
		const events = h.recordEvents();
		expect((await staffAction(queueId, a.id, 'reject')).body).toMatchObject({ status: 'rejected' });
		await staffAction(queueId, b.id, 'reject', { legacy: true });
		expect(events.filter((event) => event.position.status === 'rejected').map((event) => event.type)).toEqual([
			'positionRemoved',
			'bookingRemoved',
		]);
		expect((await staffAction(queueId, a.id, 'reject')).status).toBe(409);
	});

	it('answers 404 for an unknown action, queue or position', async () => {
		const queueId = h.newQueue();
		const ticket = await join(h, queueId);
		expect((await staffAction(queueId, ticket.id, 'teleport')).status).toBe(404);
		expect((await staffAction(queueId, 'nope', 'call')).status).toBe(404);
		expect((await staffAction('nope', ticket.id, 'call')).status).toBe(404);
	});
});

describe('bookings on the staff side', () => {
	it('activates a draft booking: label B1, ahead of walk-ins, others re-ranked', async () => {
		const queueId = h.newQueue();
		const walkIn = await join(h, queueId);
		const { body: booking } = await book(h, queueId, slot('09:00', '09:15'));
		const events = h.recordEvents();
		const active = h.sim.staff.activate(queueId, booking.id);
		expect(active).toMatchObject({ status: 'pending', label: 'B1', numberInTheQueue: 1, activatedAt: expect.any(String) });
		expect(events.map((event) => [event.type, event.position.id])).toEqual([
			['bookingActivated', booking.id],
			['positionUpdated', walkIn.id],
		]);
		expect(events[1].position.numberInTheQueue).toBe(2);
		expect(events[1].message).toBeNull();
	});

	it('staff-cancels a draft booking', async () => {
		const queueId = h.newQueue();
		const { body: booking } = await book(h, queueId, slot('09:00', '09:15'));
		const events = h.recordEvents();
		expect(h.sim.staff.staffCancel(queueId, booking.id)).toMatchObject({ status: 'rejected' });
		expect(events.map((event) => event.type)).toEqual(['positionCancelledByStaff']);
	});

	it('creates manual tickets in line', async () => {
		const queueId = h.newQueue();
		const answer = await h.control<Position>('POST', `/queues/${queueId}/positions`, { customerInfo: ['Desk'] });
		expect(answer).toMatchObject({ status: 201, body: { type: 'manual', status: 'pending', label: 'A1', numberInTheQueue: 1 } });
		expect(h.sim.staff.createManual(queueId)).toMatchObject({ label: 'A2', numberInTheQueue: 2 });
	});
});

describe('change events', () => {
	it('emits positionCreated, bookingConfirmation and positionUpdated on creation, with deep copies', async () => {
		const queueId = h.newQueue();
		const events = h.recordEvents();
		const ticket = await join(h, queueId);
		await book(h, queueId, slot('09:00', '09:15'));
		await book(h, queueId, slot('09:00', '09:15'), 1, 'reservations');
		expect(events.map((event) => event.type)).toEqual(['positionCreated', 'bookingConfirmation', 'positionUpdated']);
		events[0].position.status = 'tampered';
		expect(h.sim.store.getPosition(queueId, ticket.id)?.status).toBe('pending');
	});

	it('re-ranks the tickets behind one that leaves the line', async () => {
		const queueId = h.newQueue();
		const [first, second, third] = [await join(h, queueId), await join(h, queueId), await join(h, queueId)];
		const events = h.recordEvents();
		await h.api('PUT', `/queues/${queueId}/positions/${first.id}/cancel-position`);
		expect(events.map((event) => [event.type, event.position.id, event.position.numberInTheQueue])).toEqual([
			['positionCancelled', first.id, 0],
			['positionUpdated', second.id, 1],
			['positionUpdated', third.id, 2],
		]);
		expect(events[1].position._ts).toBeGreaterThan(second._ts as number);
	});

	it('emits nothing for a cancel of a rejected ticket or an update that changes nothing', async () => {
		const queueId = h.newQueue();
		const ticket = await join(h, queueId, { customerInfo: ['Same'] });
		const events = h.recordEvents();
		await h.api('PATCH', `/queues/${queueId}/positions/${ticket.id}`, { customerInfo: ['Same'] });
		await h.api('PUT', `/queues/${queueId}/positions/${ticket.id}/cancel-position`);
		await h.api('PUT', `/queues/${queueId}/positions/${ticket.id}/cancel-position`);
		expect(events.map((event) => event.type)).toEqual(['positionCancelled']);
	});
});
