import { randomUUID } from 'node:crypto';

import { at, useActionSimulator } from './setup';

const t = useActionSimulator();

const booking = t.parametersFor('booking');
const createBooking = (queueId: string, start: string, end: string, numberOfPeople = 1) =>
	t.createPosition('booking', queueId, start, end, numberOfPeople);

/** Free places per slot start on the test day. */
async function freePlaces(queueId: string): Promise<Record<string, unknown>> {
	const slots = await t.simpleSlots(queueId, at('09:00'), at('12:00'));
	return Object.fromEntries(slots.map((slot) => [slot.start, slot.available]));
}

describe('booking create (E5)', () => {
	it('posts the booking body and outputs the draft booking', async () => {
		const [output] = await t.runOk(
			booking('create', {
				start: at('09:00'),
				end: at('09:15'),
				numberOfPeople: 2,
				additionalFields: { locale: 'sv', notifyBy: 'email', email: 'jane@example.com' },
			}),
		);
		const [request] = t.requests();
		expect([request.method, request.path]).toEqual(['POST', `${t.orgPath()}/queues/${t.queueId}/bookings`]);
		expect(request.body).toEqual({
			locale: 'sv',
			notification: { type: 'email', settings: { recipient: 'jane@example.com' } },
			numberOfPeople: 2,
			booking: { start: at('09:00'), end: at('09:15') },
		});
		expect(output).toMatchObject({
			type: 'booking',
			status: 'draft',
			label: '',
			queue: t.queueId,
			numberOfPeople: 2,
			booking: { start: at('09:00'), end: at('09:15') },
			notification: { type: 'email', settings: { recipient: 'jane@example.com' } },
		});
	});

	it('sends only the slot and party size when no additional field is given, and simplifies', async () => {
		const [output] = await t.runOk(
			booking('create', { start: at('09:15'), end: at('09:30'), options: { simplify: true } }),
		);
		expect(t.requests()[0].body).toEqual({ numberOfPeople: 1, booking: { start: at('09:15'), end: at('09:30') } });
		expect(output).toMatchObject({ status: 'draft', type: 'booking', bookingStart: at('09:15'), bookingEnd: at('09:30') });
		expect(output).not.toHaveProperty('booking');
	});

	it('a full slot is refused by the API with an actionable message', async () => {
		const queueId = t.newQueue({ capacity: 2 });
		const result = await t.run(booking('create', { queueId, start: at('10:00'), end: at('10:15'), numberOfPeople: 3 }));
		expect(result.error?.message).toContain('Ombori Grid refused the change');
		expect(result.error?.message).toContain('No capacity left');
	});
});

describe('booking get, update, cancel (E2, E10, E9)', () => {
	it('gets a booking', async () => {
		const created = await createBooking(t.queueId, at('11:00'), at('11:15'));
		const [output] = await t.runOk(booking('get', { bookingId: created.id }));
		expect(output).toMatchObject({ id: created.id, status: 'draft', booking: { start: at('11:00') } });
		const [request] = t.requests();
		expect([request.method, request.path, request.body]).toEqual([
			'GET',
			`${t.orgPath()}/queues/${t.queueId}/positions/${created.id}`,
			null,
		]);
	});

	it('updates party size and notification without touching the slot', async () => {
		const created = await createBooking(t.queueId, at('11:15'), at('11:30'));
		const [output] = await t.runOk(
			booking('update', {
				bookingId: created.id,
				updateFields: { numberOfPeople: 3, notifyBy: 'phoneNumber', phone: '+46701234567' },
			}),
		);
		const [request] = t.requests();
		expect([request.method, request.path]).toEqual(['PATCH', `${t.orgPath()}/queues/${t.queueId}/positions/${created.id}`]);
		expect(request.body).toEqual({ numberOfPeople: 3, notification: { type: 'phoneNumber', settings: { to: '+46701234567' } } });
		expect(output).toMatchObject({ numberOfPeople: 3, booking: { start: at('11:15'), end: at('11:30') } });
	});

	it('book → reschedule → cancel moves and then frees the capacity', async () => {
		const queueId = t.newQueue();
		const created = await createBooking(queueId, at('10:00'), at('10:15'), 3);
		expect(await freePlaces(queueId)).toMatchObject({ [at('10:00')]: 1, [at('11:00')]: 4 });

		t.sim.clearRequests();
		const [moved] = await t.runOk(
			booking('update', { queueId, bookingId: created.id, updateFields: { start: at('11:00'), end: at('11:15') } }),
		);
		expect(t.requests()[0]).toMatchObject({
			method: 'PATCH',
			path: `${t.orgPath()}/queues/${queueId}/positions/${created.id}`,
			body: { booking: { start: at('11:00'), end: at('11:15') } },
		});
		expect(moved).toMatchObject({ id: created.id, status: 'draft', booking: { start: at('11:00'), end: at('11:15') } });
		expect(await freePlaces(queueId)).toMatchObject({ [at('10:00')]: 4, [at('11:00')]: 1 });

		t.sim.clearRequests();
		const [cancelled] = await t.runOk(booking('cancel', { queueId, bookingId: created.id }));
		const [request] = t.requests();
		expect([request.method, request.path, request.body]).toEqual([
			'PUT',
			`${t.orgPath()}/queues/${queueId}/positions/${created.id}/cancel-position`,
			null,
		]);
		expect(cancelled).toMatchObject({ id: created.id, status: 'rejected' });
		expect(await freePlaces(queueId)).toMatchObject({ [at('10:00')]: 4, [at('11:00')]: 4 });
	});
});

describe('validation before any request', () => {
	const id = randomUUID();
	it.each([
		['start without a zone', { start: '2027-03-01T09:00:00', end: at('09:15') }, '"Start" in item 0 must be an ISO 8601 date and time with a time zone'],
		['end from an empty expression', { start: at('09:00'), end: '={{ "" }}' }, '"End" in item 0 must be an ISO 8601'],
		['end before start', { start: at('09:15'), end: at('09:00') }, `"End" in item 0 must be later than "Start" (${at('09:15')})`],
		['end equal to start', { start: at('09:15'), end: at('09:15') }, '"End" in item 0 must be later than "Start"'],
		['party of 0', { start: at('09:00'), end: at('09:15'), numberOfPeople: 0 }, '"Number of People" in item 0 must be a whole number of at least 1'],
		['party of 1.5', { start: at('09:00'), end: at('09:15'), numberOfPeople: 1.5 }, '"Number of People" in item 0 must be a whole number'],
		['phone not E.164', { start: at('09:00'), end: at('09:15'), additionalFields: { notifyBy: 'phoneNumber', phone: '070-123 45 67' } }, '"Phone" in item 0 must be a phone number in E.164 form'],
		['bad e-mail', { start: at('09:00'), end: at('09:15'), additionalFields: { notifyBy: 'email', email: 'jane@' } }, '"Email" in item 0 must be an e-mail address'],
		['queue ID', { queueId: 'queue-1', start: at('09:00'), end: at('09:15') }, '"Queue ID" in item 0 must be a UUID'],
	])('create: %s', async (_name, overrides, message) => {
		await t.expectRejectedBeforeSending(booking('create', overrides), message);
	});

	it.each([
		['only a new start', { start: at('10:00') }, '"End" in item 0 must be given together with Start'],
		['only a new end', { end: at('10:15') }, '"Start" in item 0 must be given together with End'],
		['new end before new start', { start: at('10:15'), end: at('10:00') }, '"End" in item 0 must be later than "Start"'],
		['nothing to change', {}, '"Update Fields" in item 0 is empty'],
	])('update: %s', async (_name, updateFields, message) => {
		await t.expectRejectedBeforeSending(booking('update', { bookingId: id, updateFields }), message);
	});

	it('get: a booking ID that is not a UUID', async () => {
		await t.expectRejectedBeforeSending(booking('get', { bookingId: 'B12' }), '"Booking ID" in item 0 must be a UUID');
	});
});
