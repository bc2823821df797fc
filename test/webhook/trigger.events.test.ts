/**
 * Ombori Grid Trigger, driven by the simulator over real HTTP and run through n8n-core:
 * which events reach the output, in which shape, and what the filters let through.
 */
import type { Position } from '../../nodes/OmboriGrid/shared/types';
import { WEBHOOK_EVENT_TYPES } from '../../nodes/OmboriGrid/shared/types';
import type { SimulatorEvent } from '../../simulator';
import { join, request } from '../simulator/helpers';
import { driveEveryEvent, eventNames, outputs, SECRET, SECRET_HEADERS, useTriggerSuite } from './setup';

const suite = useTriggerSuite();

const webhookEvents = (events: SimulatorEvent[]) => events.filter((event) => event.type !== 'positionUpdated');
const normalized = (type: string) => (type === 'bookingRemoved' ? 'positionRemoved' : type);
const sorted = (values: string[]) => [...values].sort();

describe('every Ombori event reaches the output', () => {
	it('outputs event, message, organization and the ticket for each of the 12 types (legacy bookingRemoved as positionRemoved)', async () => {
		const { h } = suite;
		const queueId = h.newQueue();
		const hook = await suite.connect();
		const events = h.recordEvents();
		const tickets = await driveEveryEvent(h, queueId);
		await suite.settle(hook);

		const sent = webhookEvents(events);
		expect(h.sim.webhooks.deliveries.map((delivery) => delivery.status)).toEqual(sent.map(() => 200));
		expect(eventNames(hook)).toEqual(sorted(sent.map((event) => normalized(event.type))));
		expect(new Set(eventNames(hook))).toEqual(new Set(WEBHOOK_EVENT_TYPES));

		const byState = new Map(outputs(hook).map((json) => [`${(json.ticket as Position).id}@${(json.ticket as Position)._ts}`, json]));
		for (const event of sent) {
			expect(byState.get(`${event.position.id}@${event.position._ts}`)).toEqual({
				event: normalized(event.type),
				message: event.message,
				organization: h.sim.tenantId,
				ticket: event.position,
			});
		}
		const legacy = outputs(hook).filter((json) => (json.ticket as Position).id === tickets.legacy);
		expect(legacy.map((json) => json.event)).toEqual(expect.arrayContaining(['positionRemoved']));
		expect(legacy.map((json) => json.event)).not.toContain('bookingRemoved');
	});

	it('passes unknown event types and unknown fields through when no events are selected', async () => {
		const hook = await suite.endpoint();
		const envelope = {
			message: null,
			data: { position: { id: 'p-new', type: 'anonymous', status: 'pending', queue: 'q', label: 'A1', futureField: { x: 1 } } },
			type: 'positionTeleported',
			organization: 'org',
			region: 'eu',
		};
		expect((await request(hook.url, 'POST', envelope, SECRET_HEADERS)).status).toBe(200);
		await hook.idle();
		expect(outputs(hook)).toEqual([
			{ region: 'eu', event: 'positionTeleported', message: null, organization: 'org', ticket: envelope.data.position },
		]);
	});

	it('simplify gives the flat ticket fields plus event and message', async () => {
		const { h } = suite;
		const queueId = h.newQueue();
		const hook = await suite.connect({ secret: SECRET, options: { simplify: true } });
		const { body: booking } = await h.api<Position>('POST', `/queues/${queueId}/bookings`, {
			numberOfPeople: 2,
			booking: { start: '2030-03-04T10:00:00.000Z', end: '2030-03-04T10:15:00.000Z' },
			notification: { type: 'email', settings: { recipient: 'ann@example.com' } },
		});
		await suite.settle(hook);

		const [json] = outputs(hook);
		expect(Object.keys(json).sort()).toEqual(
			sorted(['event', 'message', 'id', 'label', 'status', 'type', 'queueId', 'numberInTheQueue', 'createdAt', 'bookingStart', 'bookingEnd', 'customerInfo', 'phone', 'email', 'positionUrl']),
		);
		expect(json).toMatchObject({
			event: 'bookingConfirmation',
			message: expect.stringContaining('confirmed'),
			id: booking.id,
			status: 'draft',
			type: 'booking',
			queueId,
			bookingStart: '2030-03-04T10:00:00.000Z',
			email: 'ann@example.com',
		});
	});
});

describe('filters', () => {
	it('Events: only the selected types start executions; the rest get 200', async () => {
		const { h } = suite;
		const queueId = h.newQueue();
		const hook = await suite.connect({ secret: SECRET, events: ['positionCalled', 'positionRemoved'] });
		const events = h.recordEvents();
		await driveEveryEvent(h, queueId);
		await suite.settle(hook);

		const chosen = webhookEvents(events).filter((event) => ['positionCalled', 'positionRemoved'].includes(normalized(event.type)));
		expect(eventNames(hook)).toEqual(sorted(chosen.map((event) => normalized(event.type))));
		expect(eventNames(hook)).toEqual(['positionCalled', 'positionCalled', 'positionRemoved', 'positionRemoved']);
		expect(new Set(h.sim.webhooks.deliveries.map((delivery) => delivery.status))).toEqual(new Set([200]));
		expect(hook.answers.filter((answer) => /ignored/.test(JSON.stringify(answer.body)))).toHaveLength(webhookEvents(events).length - 4);
	});

	it('Queue IDs: comma-separated, any case; other queues are ignored', async () => {
		const { h } = suite;
		const [first, second, third] = [h.newQueue(), h.newQueue(), h.newQueue()];
		const hook = await suite.connect({
			secret: SECRET,
			filters: { queueIds: ` ${first.toUpperCase()}, ${third} ,` },
		});
		const tickets = [await join(h, first), await join(h, second), await join(h, third)];
		await suite.settle(hook);

		expect(outputs(hook).map((json) => (json.ticket as Position).id).sort()).toEqual(sorted([tickets[0].id, tickets[2].id]));
	});

	it('Ticket Types: only tickets of the chosen types', async () => {
		const { h } = suite;
		const queueId = h.newQueue();
		const hook = await suite.connect({ secret: SECRET, filters: { ticketTypes: ['booking', 'manual'] } });
		const events = h.recordEvents();
		await driveEveryEvent(h, queueId);
		await suite.settle(hook);

		const chosen = webhookEvents(events).filter((event) => ['booking', 'manual'].includes(event.position.type));
		expect(chosen.length).toBeGreaterThan(0);
		expect(eventNames(hook)).toEqual(sorted(chosen.map((event) => normalized(event.type))));
		expect(new Set(outputs(hook).map((json) => (json.ticket as Position).type))).toEqual(new Set(['booking', 'manual']));
	});

	it('the legacy bookingRemoved matches a "Position Removed" selection', async () => {
		const { h } = suite;
		const queueId = h.newQueue();
		const hook = await suite.connect({ secret: SECRET, events: ['positionRemoved'] });
		const ticket = await join(h, queueId);
		h.sim.staff.reject(queueId, ticket.id, { legacy: true });
		await suite.settle(hook);

		expect(h.sim.webhooks.deliveries.map((delivery) => delivery.type)).toEqual(['positionCreated', 'bookingRemoved']);
		expect(outputs(hook)).toEqual([expect.objectContaining({ event: 'positionRemoved', ticket: expect.objectContaining({ status: 'rejected' }) })]);
	});

	it('an unknown event type is ignored once events are selected', async () => {
		const hook = await suite.endpoint({ secret: SECRET, events: ['positionCreated'] });
		const envelope = { data: { position: { id: 'p', queue: 'q', type: 'anonymous', status: 'pending' } }, type: 'positionTeleported', organization: 'o' };
		const answer = await request(hook.url, 'POST', envelope, SECRET_HEADERS);
		await hook.idle();
		expect(answer).toMatchObject({ status: 200, body: { message: 'Event ignored: event type not selected' } });
		expect(hook.executions).toEqual([]);
	});
});
