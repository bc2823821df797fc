import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { OmboriGrid } from '../../nodes/OmboriGrid/OmboriGrid.node';
import { ACTION_NODE } from '../harness/workflows';
import { at, useActionSimulator } from './setup';

const t = useActionSimulator();

/** Most requests the simulator was serving at the same moment while `work` ran. */
async function peakInFlight<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
	let inFlight = 0;
	let peak = 0;
	const onRequest = (_req: IncomingMessage, res: ServerResponse) => {
		peak = Math.max(peak, ++inFlight);
		res.once('close', () => inFlight--);
	};
	t.sim.server.on('request', onRequest);
	// Latency keeps each request open long enough for parallel ones to overlap.
	t.sim.setLatency(30);
	try {
		return { result: await work(), peak };
	} finally {
		t.sim.setLatency(0);
		t.sim.server.off('request', onRequest);
	}
}

/**
 * Runs the same items sequentially and with concurrency 10. Requests whose path contains one of
 * `slowPaths` are held back, so in the parallel run later items finish before earlier ones.
 */
async function runBoth(parameters: IDataObject, items: IDataObject[], slowPaths: string[] = []) {
	const run = (concurrency: number) =>
		peakInFlight(async () => {
			for (const path of slowPaths) t.sim.addFault({ kind: 'latency', latencyMs: 150, path, times: 1 });
			const result = await t.run({ ...parameters, options: { concurrency } }, { items });
			return result.output(ACTION_NODE).map(({ json, pairedItem }) => ({ json, pairedItem }));
		});
	const sequential = await run(1);
	const parallel = await run(10);
	return { sequential, parallel };
}

const paired = (output: { pairedItem?: unknown }[]) => output.map((item) => (item.pairedItem as { item: number }).item);

describe('bulk runs (options.concurrency)', () => {
	it('booking get: concurrency 10 gives the same items, in order and paired, as a sequential run', async () => {
		const queueId = t.newQueue({ capacity: 30 });
		const ids: string[] = [];
		for (let i = 0; i < 12; i++) {
			const [created] = await t.runOk({
				resource: 'booking',
				operation: 'create',
				queueId,
				start: at('09:00'),
				end: at('09:15'),
				numberOfPeople: 1 + (i % 3),
			});
			ids.push(created.id as string);
		}
		const { sequential, parallel } = await runBoth(
			{ resource: 'booking', operation: 'get', queueId, bookingId: '={{ $json.id }}' },
			ids.map((id) => ({ id })),
			ids.slice(0, 2),
		);
		expect(sequential.peak).toBe(1);
		expect(parallel.peak).toBeGreaterThan(1);
		expect(parallel.peak).toBeLessThanOrEqual(10);
		expect(parallel.result).toEqual(sequential.result);
		expect(parallel.result.map((item) => item.json.id)).toEqual(ids);
		expect(paired(parallel.result)).toEqual(ids.map((_id, index) => index));
	});

	it('time slot get many: each item’s slots stay together, in input order, paired to their item', async () => {
		const days = ['2027-03-05', '2027-03-01', '2027-03-04', '2027-03-02', '2027-03-03'];
		const { sequential, parallel } = await runBoth(
			{
				resource: 'timeSlot',
				operation: 'getMany',
				queueId: t.queueId,
				from: '={{ $json.day }}T09:00:00Z',
				to: '={{ $json.day }}T10:00:00Z',
				returnAll: true,
			},
			days.map((day) => ({ day })),
		);
		expect(parallel.peak).toBeGreaterThan(1);
		expect(parallel.result).toEqual(sequential.result);
		expect(paired(parallel.result)).toEqual(days.flatMap((_day, index) => [index, index, index, index]));
		expect(parallel.result.map((item) => (item.json.start as string).slice(0, 10))).toEqual(
			days.flatMap((day) => [day, day, day, day]),
		);
	});

	it('reservation create with continue on fail: a bad item becomes an error item in its place', async () => {
		const queueId = t.newQueue({ capacity: 50 });
		const items = ['09:00', '09:15', 'tomorrow', '09:30', '09:45', '10:00'].map((time) => ({
			start: time === 'tomorrow' ? time : at(time),
			end: at('10:15'),
		}));
		const before = t.sim.stats().created.reservation;
		const result = await t.run(
			{
				resource: 'reservation',
				operation: 'create',
				queueId,
				start: '={{ $json.start }}',
				end: '={{ $json.end }}',
				options: { concurrency: 10 },
			},
			{ items, continueOnFail: true },
		);
		const output = result.output(ACTION_NODE);
		expect(paired(output)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(output.map(({ json }) => (json.error ? 'error' : (json.booking as IDataObject).start))).toEqual(
			items.map(({ start }) => (start === 'tomorrow' ? 'error' : start)),
		);
		expect(output[2].json.error).toContain('"Start" in item 2 must be an ISO 8601 date and time');
		expect(t.sim.stats().created.reservation).toBe(before + 5);
	});

	it('every booking, reservation, time slot and wait-for-status operation offers the bulk options', () => {
		const { properties } = new OmboriGrid().description;
		const operations: Record<string, string[]> = {
			booking: ['create', 'get', 'update', 'cancel'],
			reservation: ['create', 'get', 'update', 'confirm', 'cancel'],
			timeSlot: ['getMany', 'getFirstAvailable'],
			ticket: ['waitForStatus'],
		};
		for (const [resource, names] of Object.entries(operations)) {
			for (const operation of names) {
				const options = properties.filter(
					(property) =>
						property.name === 'options' &&
						property.displayOptions?.show?.resource?.includes(resource) &&
						property.displayOptions?.show?.operation?.includes(operation),
				);
				expect(options).toHaveLength(1);
				const names = (options[0].options as INodeProperties[]).map((option) => option.name);
				expect({ resource, operation, names }).toEqual({
					resource,
					operation,
					names: expect.arrayContaining(['concurrency', 'requestsPerSecond', 'simplify']),
				});
			}
		}
	});
});
