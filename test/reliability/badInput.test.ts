/**
 * Bad-input catalogue: invalid values for every operation, typed in or produced by an expression
 * of the wrong type. Each must fail before any request, with an error that names the parameter
 * and the item. Two items run per case (Continue On Fail), so "the item" is checked for each.
 * Empty required fields come from expressions: n8n itself refuses to start a workflow whose
 * required parameter is literally empty, so only data can make one empty at run time.
 */
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow, shutdownEngine } from '../harness/engine';
import { apiRequests, type TestSimulator } from '../harness/simulator';
import { ACTION_NODE, actionWorkflow } from '../harness/workflows';
import { report } from './report';
import { Evidence, expectNoLeaks, startCanarySimulator } from './secrets';

const ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const START = '2027-03-01T10:00:00Z';
const END = '2027-03-01T10:15:00Z';

/** Valid parameters per operation; a case replaces some of them with its bad values. */
const VALID: Record<string, IDataObject> = {
	'ticket.create': {},
	'ticket.get': { ticketId: ID },
	'ticket.update': { ticketId: ID, updateFields: { locale: 'sv' } },
	'ticket.cancel': { ticketId: ID },
	'ticket.waitForStatus': { ticketId: ID, statuses: ['notified'], timeout: 1 },
	'booking.create': { start: START, end: END, numberOfPeople: 2 },
	'booking.get': { bookingId: ID },
	'booking.update': { bookingId: ID, updateFields: { numberOfPeople: 3 } },
	'booking.cancel': { bookingId: ID },
	'reservation.create': { start: START, end: END, numberOfPeople: 1 },
	'reservation.get': { reservationId: ID },
	'reservation.update': { reservationId: ID, updateFields: { numberOfPeople: 2 } },
	'reservation.confirm': { reservationId: ID },
	'reservation.cancel': { reservationId: ID },
	'timeSlot.getMany': { from: START, to: END, returnAll: false, limit: 10 },
	'timeSlot.getFirstAvailable': { from: START, to: END, numberOfPeople: 1 },
};

/** [operation, what is wrong, bad parameters, the parameter the error must name] */
type Case = [string, string, IDataObject, string];

const CASES: Case[] = [
	['ticket.create', 'queue ID not a UUID', { queueId: 'front-desk' }, 'Queue ID'],
	['ticket.create', 'queue ID from a field the item lacks', { queueId: '={{ $json.queueId }}' }, 'Queue ID'],
	['ticket.create', 'queue ID from an expression giving a number', { queueId: '={{ 5 }}' }, 'Queue ID'],
	['ticket.create', 'ticket ID to update not a UUID', { additionalFields: { ticketId: '12345' } }, 'Ticket ID'],
	['ticket.create', 'tags not JSON', { additionalFields: { tags: '[{"id": ' } }, 'Tags (JSON)'],
	['ticket.create', 'tag ID not a UUID', { additionalFields: { tags: '[{"id": "vip", "title": {"en": "VIP"}}]' } }, 'Tags (JSON)'],
	['ticket.create', 'customer info from an expression giving an object', { additionalFields: { customerInfo: '={{ { name: "Ann" } }}' } }, 'Customer Info'],
	['ticket.get', 'ticket ID from an expression giving a number', { ticketId: '={{ 5 }}' }, 'Ticket ID'],
	['ticket.get', 'ticket ID from an expression giving empty text', { ticketId: '={{ "" }}' }, 'Ticket ID'],
	['ticket.get', 'ticket ID one character short', { ticketId: ID.slice(0, -1) }, 'Ticket ID'],
	['ticket.update', 'nothing to update', { updateFields: {} }, 'Update Fields'],
	['ticket.update', 'SMS to a phone number not in E.164 form', { updateFields: { notifyBy: 'phoneNumber', phone: '0701234567' } }, 'Phone'],
	['ticket.update', 'SMS without a phone number', { updateFields: { notifyBy: 'phoneNumber' } }, 'Phone'],
	['ticket.update', 'e-mail address without @', { updateFields: { notifyBy: 'email', email: 'jane.example.com' } }, 'Email'],
	['ticket.update', 'party size 0', { updateFields: { numberOfPeople: 0 } }, 'Number of People'],
	['ticket.update', 'party size 2.5', { updateFields: { numberOfPeople: 2.5 } }, 'Number of People'],
	['ticket.update', 'custom data not JSON', { updateFields: { customData: '{"a": ' } }, 'Custom Data (JSON)'],
	['ticket.update', 'custom data from an expression giving a list', { updateFields: { customData: '={{ [1, 2] }}' } }, 'Custom Data (JSON)'],
	['ticket.cancel', 'ticket ID not a UUID', { ticketId: 'ticket-42' }, 'Ticket ID'],
	['ticket.waitForStatus', 'statuses from an expression giving an empty list', { statuses: '={{ [] }}' }, 'Statuses'],
	['ticket.waitForStatus', 'unknown status', { statuses: ['served'] }, 'Statuses'],
	['ticket.waitForStatus', 'timeout 0', { timeout: 0 }, 'Timeout'],
	['booking.create', 'start from a field the item lacks', { start: '={{ $json.start }}' }, 'Start'],
	['booking.create', 'start without a time zone', { start: '2027-03-01T10:00:00' }, 'Start'],
	['booking.create', 'start on a day that does not exist', { start: '2027-02-30T10:00:00Z', end: '2027-02-30T10:15:00Z' }, 'Start'],
	['booking.create', 'start from an expression giving an object', { start: '={{ {} }}' }, 'Start'],
	['booking.create', 'end before start', { end: '2027-03-01T09:45:00Z' }, 'End'],
	['booking.create', 'end equal to start', { end: START }, 'End'],
	['booking.create', 'party size 0', { numberOfPeople: 0 }, 'Number of People'],
	['booking.create', 'party size from an expression giving text', { numberOfPeople: '={{ "two" }}' }, 'Number of People'],
	['booking.get', 'booking ID not a UUID', { bookingId: 'abc' }, 'Booking ID'],
	['booking.update', 'new start without an end', { updateFields: { start: START } }, 'End'],
	['booking.update', 'new end without a start', { updateFields: { end: END } }, 'Start'],
	['booking.cancel', 'booking ID from an expression giving a number', { bookingId: '={{ 5 }}' }, 'Booking ID'],
	['reservation.create', 'phone number without country code', { additionalFields: { notifyBy: 'phoneNumber', phone: '+0123' } }, 'Phone'],
	['reservation.create', 'custom data not JSON', { additionalFields: { customData: 'source=web' } }, 'Custom Data (JSON)'],
	['reservation.create', 'end in month 13', { end: '2027-13-01T10:15:00Z' }, 'End'],
	['reservation.update', 'virtual appointment changed without a slot', { updateFields: { virtualAppointment: true } }, 'Start'],
	['reservation.get', 'reservation ID with trailing text', { reservationId: `${ID}x` }, 'Reservation ID'],
	['reservation.confirm', 'reservation ID blank', { reservationId: '={{ "   " }}' }, 'Reservation ID'],
	['reservation.cancel', 'reservation ID from an expression giving an object', { reservationId: '={{ { id: 1 } }}' }, 'Reservation ID'],
	['timeSlot.getMany', 'window ends before it starts', { from: END, to: START }, 'To'],
	['timeSlot.getMany', 'from from an expression giving an object', { from: '={{ {} }}' }, 'From'],
	['timeSlot.getMany', 'limit 0', { limit: 0 }, 'Limit'],
	['timeSlot.getMany', 'party size -1', { options: { numberOfPeople: -1 } }, 'Number of People'],
	['timeSlot.getFirstAvailable', 'to not a date', { to: 'tomorrow' }, 'To'],
	['timeSlot.getFirstAvailable', 'party size 0', { numberOfPeople: 0 }, 'Number of People'],
];

let env: TestSimulator;
const evidence = new Evidence();
/** Requests of the valid runs, kept because the log is cleared before every test. */
const sentByValidRuns: unknown[] = [];

beforeAll(async () => {
	env = await startCanarySimulator();
});
beforeEach(() => env.sim.clearRequests());
afterAll(async () => {
	await env?.sim.close();
	shutdownEngine();
});

function parametersFor(operation: string, bad: IDataObject = {}): IDataObject {
	const [resource, name] = operation.split('.');
	return { resource, operation: name, queueId: env.queueId, ...VALID[operation], ...bad };
}

const run = (parameters: IDataObject) =>
	runWorkflow(actionWorkflow(parameters, { items: [{ n: 0 }, { n: 1 }], continueOnFail: true }), { credentials: env.credentials });

describe(`bad-input catalogue (${CASES.length} invalid inputs)`, () => {
	it('covers every operation with at least 30 cases', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(30);
		expect(new Set(CASES.map(([operation]) => operation))).toEqual(new Set(Object.keys(VALID)));
		report(`bad-input catalogue: ${CASES.length} invalid inputs over ${Object.keys(VALID).length} operations`);
	});

	// The control: without the bad values each operation does reach the API, so "no request" below means something.
	it.each(Object.keys(VALID))('%s with valid values sends its request', async (operation) => {
		evidence.add('runs', (await run(parametersFor(operation))).run);
		expect(apiRequests(env.sim).length).toBeGreaterThan(0);
		sentByValidRuns.push(...apiRequests(env.sim));
	});

	it.each(CASES)('%s, %s: fails naming the parameter and the item, and sends nothing', async (operation, _what, bad, label) => {
		const result = await run(parametersFor(operation, bad));
		evidence.add('runs', result.run);
		const output = result.output(ACTION_NODE);
		expect(output).toHaveLength(2);
		output.forEach((item, index) => {
			expect(item.json.error).toEqual(expect.stringContaining(`"${label}" in item ${index}`));
			expect(item.pairedItem).toEqual({ item: index });
		});
		expect(apiRequests(env.sim)).toEqual([]);
	});

	it('leaves the API key in no output, error or log line', () => {
		expectNoLeaks('bad-input catalogue', evidence, sentByValidRuns);
	});
});
