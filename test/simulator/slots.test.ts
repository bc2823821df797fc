import type { Position, TimeSlot } from '../../nodes/OmboriGrid/shared/types';
import { at, book, slot, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
	h = await startHarness();
});
afterAll(() => h.sim.close());

const slotsOf = (queueId: string, from = at('09:00'), to = at('10:00'), extra = '') =>
	h.api<unknown>('GET', `/queues/${queueId}/time-slots?from=${from}&to=${to}${extra}`);

const availability = async (queueId: string): Promise<number[]> =>
	((await slotsOf(queueId)).body as TimeSlot[]).map((item) => item.available as number);

describe('E4 time slots', () => {
	it('lists the slots inside the range with capacity', async () => {
		const queueId = h.newQueue({ openingHours: { start: '09:00', end: '17:00' }, slotMinutes: 30, capacity: 3 });
		const answer = await slotsOf(queueId, at('08:00'), at('10:30'), '&numberOfPeople=2');
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual([
			{ ...slot('09:00', '09:30'), available: 3, capacity: 3 },
			{ ...slot('09:30', '10:00'), available: 3, capacity: 3 },
			{ ...slot('10:00', '10:30'), available: 3, capacity: 3 },
		]);
	});

	it('spans days and skips closed hours', async () => {
		const queueId = h.newQueue({ openingHours: { start: '09:00', end: '10:00' }, slotMinutes: 60 });
		const answer = await slotsOf(queueId, at('00:00'), at('00:00', '2030-03-07'));
		expect((answer.body as TimeSlot[]).map((item) => item.start)).toEqual([
			at('09:00', '2030-03-04'),
			at('09:00', '2030-03-05'),
			at('09:00', '2030-03-06'),
		]);
	});

	it.each([
		['missing from', '?to=2030-03-04T10:00:00Z'],
		['invalid to', '?from=2030-03-04T09:00:00Z&to=later'],
		['to before from', '?from=2030-03-04T10:00:00Z&to=2030-03-04T09:00:00Z'],
		['more than 31 days', '?from=2030-03-01T00:00:00Z&to=2030-04-02T00:00:00Z'],
		['bad numberOfPeople', '?from=2030-03-04T09:00:00Z&to=2030-03-04T10:00:00Z&numberOfPeople=0'],
	])('answers 400 for %s', async (_name, query) => {
		expect((await h.api('GET', `/queues/${h.newQueue()}/time-slots${query}`)).status).toBe(400);
	});

	it.each([
		['slots', (body: Record<string, unknown>) => body.slots],
		['timeSlots', (body: Record<string, unknown>) => body.timeSlots],
		['byDate', (body: Record<string, unknown>) => body['2030-03-04']],
	] as const)('wraps the list as %s when configured', async (shape, unwrap) => {
		const queueId = h.newQueue({ slotResponseShape: shape });
		const { body } = await slotsOf(queueId);
		expect(unwrap(body as Record<string, unknown>)).toHaveLength(4);
	});

	it('switches the shape of an existing queue', async () => {
		const queueId = h.newQueue();
		expect((await h.control('PATCH', `/queues/${queueId}`, { slotResponseShape: 'slots' })).status).toBe(200);
		expect((await h.control('PATCH', `/queues/${queueId}`, { slotResponseShape: 'xml' })).status).toBe(400);
		expect((await slotsOf(queueId)).body).toHaveProperty('slots');
	});
});

describe('capacity accounting', () => {
	it('a booking takes capacity in every slot it overlaps, cancel frees it, reschedule moves it', async () => {
		const queueId = h.newQueue({ capacity: 4 });
		const { body: booking } = await book(h, queueId, slot('09:10', '09:20'), 3);
		expect(await availability(queueId)).toEqual([1, 1, 4, 4]);

		const moved = await h.api<Position>('PATCH', `/queues/${queueId}/positions/${booking.id}`, {
			booking: slot('09:45', '10:00'),
		});
		expect(moved.status).toBe(200);
		expect(await availability(queueId)).toEqual([4, 4, 4, 1]);

		await h.api('PUT', `/queues/${queueId}/positions/${booking.id}/cancel-position`);
		expect(await availability(queueId)).toEqual([4, 4, 4, 4]);
	});

	it('answers 409 when a slot is full, counting reservations and party size', async () => {
		const queueId = h.newQueue({ capacity: 4 });
		const before = h.sim.stats().created;
		expect((await book(h, queueId, slot('09:00', '09:15'), 3, 'reservations')).status).toBe(200);
		expect(await book(h, queueId, slot('09:00', '09:30'), 2)).toMatchObject({
			status: 409,
			body: { message: 'No capacity left in the selected time slot' },
		});
		expect((await book(h, queueId, slot('09:00', '09:15'), 1)).status).toBe(200);
		const after = h.sim.stats().created;
		expect([after.booking - before.booking, after.reservation - before.reservation]).toEqual([1, 1]);
	});

	it('re-checks capacity on reschedule and party-size changes, excluding the ticket itself', async () => {
		const queueId = h.newQueue({ capacity: 4 });
		await book(h, queueId, slot('10:00', '10:15'), 3);
		const { body: mine } = await book(h, queueId, slot('09:00', '09:15'), 4);
		const onItself = await h.api('PATCH', `/queues/${queueId}/positions/${mine.id}`, { booking: slot('09:00', '09:15') });
		expect(onItself.status).toBe(200);
		const intoFull = await h.api('PATCH', `/queues/${queueId}/positions/${mine.id}`, { booking: slot('10:00', '10:15') });
		expect(intoFull.status).toBe(409);
		const { body: reservation } = await book(h, queueId, slot('11:00', '11:15'), 1, 'reservations');
		const tooMany = await h.api('PATCH', `/queues/${queueId}/reservations/${reservation.id}`, { numberOfPeople: 5 });
		expect(tooMany.status).toBe(409);
		expect(h.sim.store.getPosition(queueId, reservation.id)?.numberOfPeople).toBe(1);
	});

	it('accepts a booking outside the opening hours (no slot to check)', async () => {
		const queueId = h.newQueue({ capacity: 0 });
		expect((await book(h, queueId, slot('20:00', '20:30'))).status).toBe(200);
		expect((await book(h, queueId, slot('09:00', '09:15'))).status).toBe(409);
	});
});
