import type { JoinResponse, Position } from '../../nodes/OmboriGrid/shared/types';
import { book, join, request, slot, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
	h = await startHarness();
});
afterAll(() => h.sim.close());

const UNKNOWN = '99999999-9999-4999-8999-999999999999';

describe('authentication and addressing', () => {
	it('rejects a missing or wrong ApiKey with 401', async () => {
		const queueId = h.newQueue();
		const missing = await request(`${h.sim.orgUrl}/queues/${queueId}/positions/${UNKNOWN}`, 'GET');
		const wrong = await h.api('GET', `/queues/${queueId}/positions/${UNKNOWN}`, undefined, { ApiKey: 'nope' });
		for (const answer of [missing, wrong]) {
			expect(answer.status).toBe(401);
			expect(answer.body).toEqual({ message: 'Unauthorized: invalid API key' });
			expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
		}
	});

	it('answers 404 for an unknown region, tenant, queue and position', async () => {
		const queueId = h.newQueue();
		const region = await request(
			`${h.sim.url}/regions/mars/queues/v1/organizations/${h.sim.tenantId}/queues/${queueId}/positions/${UNKNOWN}`,
			'GET',
			undefined,
			{ ApiKey: h.sim.apiKey },
		);
		expect(region.status).toBe(404);
		const tenant = await request(
			`${h.sim.apiRoot}/organizations/nobody/queues/${queueId}/positions/${UNKNOWN}`,
			'GET',
			undefined,
			{ ApiKey: h.sim.apiKey },
		);
		expect(tenant).toMatchObject({ status: 404, body: { error: 'Organization nobody not found' } });
		expect(await h.api('GET', `/queues/${UNKNOWN}/positions/${UNKNOWN}`)).toMatchObject({
			status: 404,
			body: { message: `Queue ${UNKNOWN} not found` },
		});
		expect(await h.api('GET', `/queues/${queueId}/positions/${UNKNOWN}`)).toMatchObject({
			status: 404,
			body: { message: `Position ${UNKNOWN} not found in queue ${queueId}` },
		});
	});

	it('serves every region of the list', async () => {
		const queueId = h.newQueue();
		const ticket = await join(h, queueId);
		const answer = await request(
			`${h.sim.url}/regions/uae/queues/v1/organizations/${h.sim.tenantId}/queues/${queueId}/positions/${ticket.id}`,
			'GET',
			undefined,
			{ ApiKey: h.sim.apiKey },
		);
		expect(answer.status).toBe(200);
	});

	it('answers 400 for non-UUID ids and bodies that are not JSON', async () => {
		const queueId = h.newQueue();
		expect((await h.api('GET', `/queues/not-a-uuid/positions/${UNKNOWN}`)).status).toBe(400);
		expect(await h.api('POST', `/queues/${queueId}/join`, '{"session": ')).toMatchObject({
			status: 400,
			body: { message: 'Invalid JSON body' },
		});
		expect((await h.api('POST', `/queues/${queueId}/join`, { position: {} })).status).toBe(400);
	});

	it('does not find a queue through another tenant', async () => {
		const queueId = h.newQueue({ tenantId: 'other-tenant' });
		expect((await h.api('GET', `/queues/${queueId}/positions/${UNKNOWN}`)).status).toBe(404);
	});
});

describe('E1 join', () => {
	it('creates a walk-in ticket with the documented fields', async () => {
		const queueId = h.newQueue({ name: 'Desk' });
		const answer = await h.api<JoinResponse>('POST', `/queues/${queueId}/join`, {
			session: 's',
			position: { customerInfo: ['Jane', 'Doe'] },
		});
		expect(answer.status).toBe(200);
		const { position, positionUrl } = answer.body;
		expect(positionUrl).toBe(`${h.sim.url}/t/${position.id}`);
		expect(position).toMatchObject({
			type: 'anonymous',
			status: 'pending',
			label: 'A1',
			queue: queueId,
			priority: 0,
			numberInTheQueue: 1,
			retryCount: 0,
			registrationData: [],
			customerInfo: ['Jane', 'Doe'],
			location: { locationName: 'Desk', organizationTitle: h.sim.tenantId },
		});
		expect(JSON.parse(position.QRCodeCheckInPositionId as string)).toEqual({
			type: 'check-in-position',
			positionId: position.id,
		});
		expect(Number.isInteger(position._ts)).toBe(true);
		const second = await join(h, queueId);
		expect(second).toMatchObject({ label: 'A2', numberInTheQueue: 2 });
		const page = await request(positionUrl, 'GET');
		expect(page.status).toBe(200);
		expect(page.text).toContain('A1');
	});

	it('creates with a given id, then updates that ticket instead of creating another', async () => {
		const queueId = h.newQueue();
		const id = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
		const before = h.sim.stats().created.ticket;
		const created = await join(h, queueId, { id });
		const again = await join(h, queueId, { id });
		expect(again).toEqual(created);
		const updated = await join(h, queueId, { id, customerInfo: ['New'] });
		expect(updated).toMatchObject({ id, label: 'A1', customerInfo: ['New'] });
		expect(updated._ts).toBeGreaterThan(created._ts as number);
		expect(h.sim.stats().created.ticket - before).toBe(1);
	});
});

describe('E2 get and E9 cancel', () => {
	it('returns the bare position, cancels it idempotently and refuses to cancel a completed ticket', async () => {
		const queueId = h.newQueue();
		const ticket = await join(h, queueId);
		expect((await h.api<Position>('GET', `/queues/${queueId}/positions/${ticket.id}`)).body).toEqual(ticket);
		const cancelled = await h.api<Position>('PUT', `/queues/${queueId}/positions/${ticket.id}/cancel-position`);
		expect(cancelled.body).toMatchObject({ status: 'rejected', numberInTheQueue: 0 });
		expect(cancelled.body.rejectedAt).toEqual(expect.any(String));
		const again = await h.api<Position>('PUT', `/queues/${queueId}/positions/${ticket.id}/cancel-position`);
		expect(again).toMatchObject({ status: 200, body: cancelled.body });

		const served = await join(h, queueId);
		for (const step of ['call', 'checkIn', 'checkOut'] as const) h.sim.staff[step](queueId, served.id);
		expect(await h.api('PUT', `/queues/${queueId}/positions/${served.id}/cancel-position`)).toMatchObject({
			status: 409,
			body: { message: 'Cannot cancel a ticket in status completed' },
		});
	});
});

describe('E5 bookings', () => {
	it('creates a draft booking with priority 100 and no label', async () => {
		const queueId = h.newQueue();
		const answer = await h.api<Position>('POST', `/queues/${queueId}/bookings`, {
			locale: 'sv',
			numberOfPeople: 2,
			notification: { type: 'email', settings: { recipient: 'a@example.com' } },
			booking: slot('10:00', '10:15'),
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({
			type: 'booking',
			status: 'draft',
			label: '',
			priority: 100,
			numberInTheQueue: 0,
			locale: 'sv',
			numberOfPeople: 2,
			booking: slot('10:00', '10:15'),
		});
	});

	it.each([
		['missing booking', {}],
		['invalid start', { booking: { start: 'soon', end: '2030-03-04T10:15:00Z' } }],
		['end before start', { booking: slot('10:15', '10:00') }],
		['zero people', { numberOfPeople: 0, booking: slot('10:00', '10:15') }],
	])('answers 400 for %s', async (_name, body) => {
		expect((await h.api('POST', `/queues/${h.newQueue()}/bookings`, body)).status).toBe(400);
	});
});

describe('E6–E8 reservations', () => {
	it('creates, updates, confirms (idempotently) and then refuses E7 on a draft', async () => {
		const queueId = h.newQueue();
		const created = await h.api<Position>('POST', `/queues/${queueId}/reservations`, {
			customerInfo: ['Jo'],
			customData: { crm: 7 },
			booking: { ...slot('11:00', '11:15'), virtualAppointment: { isEnabled: true } },
		});
		expect(created.body).toMatchObject({
			type: 'booking',
			status: 'reserved',
			customData: { crm: 7 },
			booking: { virtualAppointment: { isEnabled: true } },
		});
		const id = created.body.id;
		const patched = await h.api<Position>('PATCH', `/queues/${queueId}/reservations/${id}`, {
			customerInfo: ['Jo', 'Smith'],
			booking: slot('12:00', '12:15'),
		});
		expect(patched.body).toMatchObject({
			status: 'reserved',
			customerInfo: ['Jo', 'Smith'],
			booking: { ...slot('12:00', '12:15'), virtualAppointment: { isEnabled: true } },
		});
		const confirmed = await h.api<Position>('POST', `/queues/${queueId}/reservations/${id}/confirm`);
		expect(confirmed.body.status).toBe('draft');
		const again = await h.api<Position>('POST', `/queues/${queueId}/reservations/${id}/confirm`);
		expect(again).toMatchObject({ status: 200, body: confirmed.body });
		expect((await h.api('PATCH', `/queues/${queueId}/reservations/${id}`, { customerInfo: [] })).status).toBe(409);
	});
});

describe('E10 update', () => {
	it('merges the given fields, ignores others and bumps _ts strictly', async () => {
		const queueId = h.newQueue();
		const ticket = await join(h, queueId);
		const answer = await h.api<Position>('PATCH', `/queues/${queueId}/positions/${ticket.id}`, {
			tags: [{ id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', title: { en: 'VIP' } }],
			customData: { a: 1 },
			status: 'completed',
		});
		expect(answer.body).toMatchObject({ status: 'pending', customData: { a: 1 }, label: 'A1' });
		expect(answer.body._ts).toBeGreaterThan(ticket._ts as number);
		expect((await h.api('PATCH', `/queues/${queueId}/positions/${ticket.id}`, { customerInfo: 'x' })).status).toBe(400);
	});

	it('refuses to update a terminal ticket', async () => {
		const queueId = h.newQueue();
		const ticket = await join(h, queueId);
		h.sim.staff.reject(queueId, ticket.id);
		expect((await h.api('PATCH', `/queues/${queueId}/positions/${ticket.id}`, { locale: 'de' })).status).toBe(409);
	});

	it('reschedules a draft booking with a bookingUpdated event', async () => {
		const queueId = h.newQueue();
		const { body: booking } = await book(h, queueId, slot('10:00', '10:15'));
		const events = h.recordEvents();
		const moved = await h.api<Position>('PATCH', `/queues/${queueId}/positions/${booking.id}`, {
			booking: slot('13:00', '13:15'),
		});
		expect(moved.body.booking).toEqual(slot('13:00', '13:15'));
		expect(events.map((event) => event.type)).toEqual(['bookingUpdated']);
	});
});
