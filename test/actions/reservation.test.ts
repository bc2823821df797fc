import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { at, useActionSimulator } from './setup';

const t = useActionSimulator();

const reservation = t.parametersFor('reservation');
const reserve = (queueId: string, start: string, end: string, numberOfPeople = 1) =>
	t.createPosition('reservation', queueId, start, end, numberOfPeople);

const slotsOf = (queueId: string) => t.simpleSlots(queueId, at('09:00'), at('10:00'));

describe('reservation create (E6)', () => {
	it('posts the reservation body with customer info, custom data and a virtual appointment', async () => {
		const [output] = await t.runOk(
			reservation('create', {
				start: at('09:00'),
				end: at('09:30'),
				numberOfPeople: 2,
				additionalFields: {
					customerInfo: ['Jane', 'Doe'],
					customData: '{"crmId": "C-42", "source": "web"}',
					virtualAppointment: true,
					locale: 'en',
					notifyBy: 'phoneNumber',
					phone: '+46701234567',
				},
			}),
		);
		const [request] = t.requests();
		expect([request.method, request.path]).toEqual(['POST', `${t.orgPath()}/queues/${t.queueId}/reservations`]);
		expect(request.body).toEqual({
			customData: { crmId: 'C-42', source: 'web' },
			customerInfo: ['Jane', 'Doe'],
			locale: 'en',
			notification: { type: 'phoneNumber', settings: { to: '+46701234567' } },
			numberOfPeople: 2,
			booking: { start: at('09:00'), end: at('09:30'), virtualAppointment: { isEnabled: true } },
		});
		expect(output).toMatchObject({
			type: 'booking',
			status: 'reserved',
			customerInfo: ['Jane', 'Doe'],
			customData: { crmId: 'C-42', source: 'web' },
			booking: { virtualAppointment: { isEnabled: true } },
		});
	});

	it('sends virtualAppointment false when switched off, and nothing when not added', async () => {
		await t.runOk(reservation('create', { start: at('09:30'), end: at('09:45'), additionalFields: { virtualAppointment: false } }));
		await t.runOk(reservation('create', { start: at('09:45'), end: at('10:00') }));
		const [off, absent] = t.requests().map((request) => request.body as IDataObject);
		expect(off.booking).toEqual({ start: at('09:30'), end: at('09:45'), virtualAppointment: { isEnabled: false } });
		expect(absent).toEqual({ numberOfPeople: 1, booking: { start: at('09:45'), end: at('10:00') } });
	});
});

describe('reservation lifecycle', () => {
	it('reserve → update → confirm → get gives a draft booking with the changes', async () => {
		const queueId = t.newQueue();
		const created = await reserve(queueId, at('09:00'), at('09:15'));
		expect(created.status).toBe('reserved');

		const [updated] = await t.runOk(
			reservation('update', {
				queueId,
				reservationId: created.id,
				updateFields: {
					start: at('09:30'),
					end: at('09:45'),
					virtualAppointment: true,
					numberOfPeople: 2,
					customData: { note: 'wheelchair' },
				},
			}),
		);
		expect(t.requests()[0]).toMatchObject({
			method: 'PATCH',
			path: `${t.orgPath()}/queues/${queueId}/reservations/${created.id}`,
			body: {
				customData: { note: 'wheelchair' },
				numberOfPeople: 2,
				booking: { start: at('09:30'), end: at('09:45'), virtualAppointment: { isEnabled: true } },
			},
		});
		expect(updated).toMatchObject({ status: 'reserved', numberOfPeople: 2, booking: { start: at('09:30') } });

		t.sim.clearRequests();
		const [confirmed] = await t.runOk(reservation('confirm', { queueId, reservationId: created.id }));
		const [confirm] = t.requests();
		expect([confirm.method, confirm.path, confirm.body]).toEqual([
			'POST',
			`${t.orgPath()}/queues/${queueId}/reservations/${created.id}/confirm`,
			null,
		]);
		expect(confirmed).toMatchObject({ id: created.id, status: 'draft' });

		t.sim.clearRequests();
		const [got] = await t.runOk(reservation('get', { queueId, reservationId: created.id }));
		expect(t.requests()[0]).toMatchObject({ method: 'GET', path: `${t.orgPath()}/queues/${queueId}/positions/${created.id}` });
		expect(got).toMatchObject({
			id: created.id,
			status: 'draft',
			numberOfPeople: 2,
			customData: { note: 'wheelchair' },
			booking: { start: at('09:30'), end: at('09:45'), virtualAppointment: { isEnabled: true } },
		});
	});

	it('update after confirm is refused by the API (E7 works only while reserved)', async () => {
		const queueId = t.newQueue();
		const created = await reserve(queueId, at('09:00'), at('09:15'));
		await t.runOk(reservation('confirm', { queueId, reservationId: created.id }));
		t.sim.clearRequests();
		const result = await t.run(
			reservation('update', { queueId, reservationId: created.id, updateFields: { numberOfPeople: 2 } }),
		);
		expect(result.error?.message).toContain(`Ombori Grid refused the change to Reservation ${created.id} in queue ${queueId}`);
		expect(t.requests().map((request) => [request.method, request.status])).toEqual([['PATCH', 409]]);
	});

	it('reserve → cancel gives the capacity back', async () => {
		const queueId = t.newQueue({ capacity: 3 });
		const created = await reserve(queueId, at('09:15'), at('09:30'), 3);
		const held = await slotsOf(queueId);
		expect(held.find((slot) => slot.start === at('09:15'))).toEqual({ start: at('09:15'), end: at('09:30'), available: 0, capacity: 3 });

		t.sim.clearRequests();
		const [cancelled] = await t.runOk(reservation('cancel', { queueId, reservationId: created.id }));
		expect(t.requests()[0]).toMatchObject({
			method: 'PUT',
			path: `${t.orgPath()}/queues/${queueId}/positions/${created.id}/cancel-position`,
		});
		expect(cancelled).toMatchObject({ status: 'rejected' });
		const freed = await slotsOf(queueId);
		expect(freed.map((slot) => slot.available)).toEqual([3, 3, 3, 3]);
	});
});

describe('validation before any request', () => {
	const id = randomUUID();
	it.each([
		['custom data not JSON', { additionalFields: { customData: '{crmId: 42' } }, '"Custom Data (JSON)" in item 0 must be a JSON object'],
		['custom data a list', { additionalFields: { customData: '[1, 2]' } }, '"Custom Data (JSON)" in item 0 must be a JSON object'],
		['end before start', { start: at('10:00'), end: at('09:00') }, '"End" in item 0 must be later than "Start"'],
		['party of -1', { numberOfPeople: -1 }, '"Number of People" in item 0 must be a whole number of at least 1'],
	])('create: %s', async (_name, overrides, message) => {
		await t.expectRejectedBeforeSending(reservation('create', { start: at('09:00'), end: at('09:15'), ...overrides }), message);
	});

	it.each([
		['virtual appointment without a slot', { virtualAppointment: true }, '"Start" in item 0 must be given, with End, to change Virtual Appointment'],
		['start without end', { start: at('09:00') }, '"End" in item 0 must be given together with Start'],
		['bad e-mail', { notifyBy: 'email', email: 'not an address' }, '"Email" in item 0 must be an e-mail address'],
		['nothing to change', {}, '"Update Fields" in item 0 is empty'],
	])('update: %s', async (_name, updateFields, message) => {
		await t.expectRejectedBeforeSending(reservation('update', { reservationId: id, updateFields }), message);
	});

	it('confirm: a reservation ID that is not a UUID', async () => {
		await t.expectRejectedBeforeSending(reservation('confirm', { reservationId: 'R1' }), '"Reservation ID" in item 0 must be a UUID');
	});
});
