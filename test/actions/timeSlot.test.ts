import { parseSlots } from '../../nodes/OmboriGrid/actions/timeSlot/slots';
import { at, useActionSimulator } from './setup';

const t = useActionSimulator();

const MINUTE = 60_000;
const DAY_MS = 24 * 60 * MINUTE;

const slots = t.parametersFor('timeSlot');

/** The slots the simulator's default queue has (09:00–17:00 UTC, 15 minutes) wholly inside [from, to]. */
function expectedStarts(from: string, to: string, minutes = 15, open = 9 * 60, close = 17 * 60): string[] {
	const [start, end] = [Date.parse(from), Date.parse(to)];
	const starts: string[] = [];
	for (let day = Math.floor(start / DAY_MS) * DAY_MS; day < end; day += DAY_MS) {
		for (let slot = day + open * MINUTE; slot + minutes * MINUTE <= day + close * MINUTE; slot += minutes * MINUTE) {
			if (slot >= start && slot + minutes * MINUTE <= end) starts.push(new Date(slot).toISOString());
		}
	}
	return starts;
}

async function book(queueId: string, start: string, numberOfPeople: number) {
	await t.createPosition('booking', queueId, start, new Date(Date.parse(start) + 15 * MINUTE).toISOString(), numberOfPeople);
}

describe('parseSlots (E4 answer shapes)', () => {
	const a = { start: '2027-03-01T09:00:00Z', end: '2027-03-01T09:15:00Z', available: 2 };
	const b = { start: '2027-03-01T09:30:00+01:00', end: '2027-03-01T09:45:00+01:00' };
	const c = { start: '2027-03-02T09:00:00Z', end: '2027-03-02T09:15:00Z', capacity: 4, note: 'kept' };

	it.each([
		['a bare array', [c, a, b]],
		['{slots}', { slots: [c, b, a] }],
		['{timeSlots}', { timeSlots: [a, c, b] }],
		['an object keyed by date', { '2027-03-02': [c], '2027-03-01': [b, a], total: 3 }],
	])('reads %s and sorts by start instant', (_name, body) => {
		expect(parseSlots(body)).toEqual([b, a, c]);
	});

	it('skips entries without a readable start and end, and reads an empty answer as no slots', () => {
		expect(parseSlots([a, { start: 'soon', end: 'later' }, { start: a.start }, null, 'x'])).toEqual([a]);
		expect(parseSlots(undefined)).toEqual([]);
		expect(parseSlots({})).toEqual([]);
	});

	it('returns undefined for an answer of none of the known forms', () => {
		expect(parseSlots({ total: 3, next: null })).toBeUndefined();
		expect(parseSlots('09:00-09:15')).toBeUndefined();
	});
});

describe('time slot get many (E4)', () => {
	it('sends from, to and party size, and outputs one item per slot, all paired to the input item', async () => {
		const result = await t.run(
			slots('getMany', { from: at('09:00'), to: at('10:00'), returnAll: true, options: { numberOfPeople: 2 } }),
		);
		expect(result.error).toBeUndefined();
		const [request] = t.requests();
		expect([request.method, request.path]).toEqual(['GET', `${t.orgPath()}/queues/${t.queueId}/time-slots`]);
		expect(request.query).toEqual({ from: at('09:00'), to: at('10:00'), numberOfPeople: '2' });
		const output = result.output('Ombori Grid');
		expect(output.map((item) => item.pairedItem)).toEqual([0, 0, 0, 0].map((item) => ({ item })));
		expect(output.map((item) => item.json)).toEqual(
			['09:00', '09:15', '09:30', '09:45'].map((time, index) => ({
				start: at(time),
				end: at(['09:15', '09:30', '09:45', '10:00'][index]),
				available: 4,
				capacity: 4,
			})),
		);
	});

	it('returns all 2,000+ slots of a 70-day window, 31 days per request, none lost at the borders', async () => {
		// Not on a slot border, so the borders between requests cut through slots.
		const from = '2027-01-04T09:07:00Z';
		const to = '2027-03-15T09:07:00Z';
		const output = await t.runOk(slots('getMany', { from, to, returnAll: true, options: { simplify: true } }));
		const expected = expectedStarts(from, to);
		expect(expected.length).toBeGreaterThan(2000);
		expect(output.map((slot) => slot.start)).toEqual(expected);
		expect(Object.keys(output[0]).sort()).toEqual(['available', 'capacity', 'end', 'start']);

		const windows = t.requests().map(({ query }) => [Date.parse(query.from), Date.parse(query.to)]);
		expect(windows.length).toBe(3);
		expect(windows[0][0]).toBe(Date.parse(from));
		expect(windows[windows.length - 1][1]).toBe(Date.parse(to));
		for (const [start, end] of windows) expect(end - start).toBeLessThanOrEqual(31 * DAY_MS);
		for (let i = 1; i < windows.length; i++) expect(windows[i][0]).toBeLessThan(windows[i - 1][1]);
	});

	it('handles 10,000 slots in one run', async () => {
		const queueId = t.newQueue({ openingHours: { start: '00:00', end: '24:00' }, slotMinutes: 5 });
		const from = '2027-05-01T00:00:00Z';
		const to = '2027-06-05T00:00:00Z';
		const output = await t.runOk(slots('getMany', { queueId, from, to, returnAll: true, options: { simplify: true } }));
		expect(output).toHaveLength(35 * 288);
		expect(output[0].start).toBe('2027-05-01T00:00:00.000Z');
		expect(output[output.length - 1].end).toBe('2027-06-05T00:00:00.000Z');
		expect(new Set(output.map((slot) => slot.start)).size).toBe(output.length);
	});

	it('Limit 5 returns the first five slots and stops after the first request', async () => {
		const from = '2027-01-04T00:00:00Z';
		const output = await t.runOk(slots('getMany', { from, to: '2027-03-15T00:00:00Z', returnAll: false, limit: 5 }));
		expect(output.map((slot) => slot.start)).toEqual(expectedStarts(from, '2027-01-05T00:00:00Z').slice(0, 5));
		expect(t.requests()).toHaveLength(1);
	});

	it('Only Available leaves out slots without room for the party', async () => {
		const queueId = t.newQueue();
		await book(queueId, at('09:15'), 3);
		const window = { queueId, from: at('09:00'), to: at('10:00'), returnAll: true };
		const all = await t.runOk(slots('getMany', { ...window, options: { numberOfPeople: 2 } }));
		expect(all.map((slot) => slot.available)).toEqual([4, 1, 4, 4]);
		const fitting = await t.runOk(slots('getMany', { ...window, options: { numberOfPeople: 2, onlyAvailable: true } }));
		expect(fitting.map((slot) => slot.start)).toEqual([at('09:00'), at('09:30'), at('09:45')]);
		const forOne = await t.runOk(slots('getMany', { ...window, options: { onlyAvailable: true } }));
		expect(forOne).toHaveLength(4);
	});

	it.each(['slots', 'timeSlots', 'byDate'] as const)('reads a queue that answers in the %s form', async (shape) => {
		const queueId = t.newQueue({ slotResponseShape: shape });
		const output = await t.runOk(
			slots('getMany', { queueId, from: at('16:00'), to: at('10:00', '2027-03-02'), returnAll: true }),
		);
		expect(output.map((slot) => slot.start)).toEqual([
			...['16:00', '16:15', '16:30', '16:45'].map((time) => at(time)),
			...['09:00', '09:15', '09:30', '09:45'].map((time) => at(time, '2027-03-02')),
		]);
	});

	it('an answer of an unknown form is an error naming the queue', async () => {
		const queueId = t.newQueue();
		t.sim.addRoute('GET', new RegExp(`/queues/${queueId}/time-slots$`), () => ({ status: 200, body: { total: 0 } }));
		const result = await t.run(slots('getMany', { queueId, from: at('09:00'), to: at('10:00'), returnAll: true }));
		expect(result.error?.message).toBe(`Ombori Grid answered the time slots of queue ${queueId} in an unknown form`);
	});
});

describe('time slot get first available (E4)', () => {
	it('returns the earliest slot with room for the party', async () => {
		const queueId = t.newQueue({ capacity: 2 });
		await book(queueId, at('09:00'), 2);
		await book(queueId, at('09:15'), 1);
		const window = { queueId, from: at('09:00'), to: at('12:00') };

		const [forTwo] = await t.runOk(slots('getFirstAvailable', { ...window, numberOfPeople: 2 }));
		expect(forTwo).toEqual({ start: at('09:30'), end: at('09:45'), available: 2, capacity: 2 });
		expect(t.requests()[0].query).toEqual({ from: at('09:00'), to: at('12:00'), numberOfPeople: '2' });

		const [forOne] = await t.runOk(slots('getFirstAvailable', { ...window, numberOfPeople: 1, options: { simplify: true } }));
		expect(forOne).toEqual({ start: at('09:15'), end: at('09:30'), available: 1, capacity: 2 });
	});

	it('starts at From, and reads only as far as needed in a long window', async () => {
		const [first] = await t.runOk(
			slots('getFirstAvailable', { from: at('09:05'), to: '2027-06-01T00:00:00Z', numberOfPeople: 1 }),
		);
		expect(first.start).toBe(at('09:15'));
		expect(t.requests()).toHaveLength(1);
	});

	it('fails with the window and party size when nothing fits, after reading the whole window', async () => {
		const queueId = t.newQueue({ capacity: 0 });
		const from = '2027-04-01T00:00:00Z';
		const to = '2027-05-11T00:00:00Z';
		const result = await t.run(slots('getFirstAvailable', { queueId, from, to, numberOfPeople: 3 }));
		expect(result.error?.message).toBe(`No time slot with room for 3 people in queue ${queueId} between ${from} and ${to}`);
		expect(t.requests()).toHaveLength(2);
	});
});

describe('validation before any request', () => {
	it.each([
		['to before from', 'getMany', { from: at('10:00'), to: at('09:00') }, `"To" in item 0 must be later than "From" (${at('10:00')})`],
		['from without a zone', 'getMany', { from: '2027-03-01 09:00', to: at('10:00') }, '"From" in item 0 must be an ISO 8601 date and time with a time zone'],
		['limit 0', 'getMany', { from: at('09:00'), to: at('10:00'), limit: 0 }, '"Limit" in item 0 must be a whole number of at least 1'],
		['party size 0 (get many)', 'getMany', { from: at('09:00'), to: at('10:00'), options: { numberOfPeople: 0 } }, '"Number of People" in item 0 must be a whole number of at least 1'],
		['party size 0 (first available)', 'getFirstAvailable', { from: at('09:00'), to: at('10:00'), numberOfPeople: 0 }, '"Number of People" in item 0 must be a whole number of at least 1'],
		['queue ID', 'getFirstAvailable', { queueId: 'front-desk', from: at('09:00'), to: at('10:00') }, '"Queue ID" in item 0 must be a UUID'],
	])('%s', async (_name, operation, parameters, message) => {
		await t.expectRejectedBeforeSending(slots(operation, parameters), message);
	});
});
