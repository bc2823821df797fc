import { decide, isNewer } from '../../nodes/OmboriGrid/live/emitRules';
import type { EmitRules } from '../../nodes/OmboriGrid/live/emitRules';
import { readPositionUpdate } from '../../nodes/OmboriGrid/live/positionUpdate';
import type { Position } from '../../nodes/OmboriGrid/shared/types';

const ticket = (status: string, ts: number, extra: Partial<Position> = {}): Position =>
	({ id: 't', type: 'anonymous', label: 'A1', queue: 'q', status, _ts: ts, ...extra }) as Position;
const rules: EmitRules = { emitOn: 'statusChange', statuses: [], stopOnTerminal: true };

describe('emit rules', () => {
	it('remembers the first state without emitting it', () => {
		expect(decide(undefined, ticket('pending', 1), rules)).toEqual({
			reasons: [],
			memory: { status: 'pending', ts: 1, positionReached: false },
			stopWatching: false,
		});
	});

	it('skips a snapshot that is not newer', () => {
		const memory = { status: 'notified', ts: 5 };
		expect(decide(memory, ticket('notified', 5), rules)).toBeUndefined();
		expect(decide(memory, ticket('pending', 4), rules)).toBeUndefined();
		expect(isNewer(memory, ticket('notified', 6))).toBe(true);
	});

	it('emits a status change, an update only with everyUpdate, and stops at a final status', () => {
		const memory = { status: 'pending', ts: 1 };
		expect(decide(memory, ticket('pending', 2), rules)?.reasons).toEqual([]);
		expect(decide(memory, ticket('pending', 2), { ...rules, emitOn: 'everyUpdate' })?.reasons).toEqual(['update']);
		expect(decide(memory, ticket('notified', 2), rules)?.reasons).toEqual(['statusChange']);
		expect(decide(memory, ticket('rejected', 2), rules)).toMatchObject({ reasons: ['statusChange'], stopWatching: true });
		expect(decide(memory, ticket('rejected', 2), { ...rules, stopOnTerminal: false })?.stopWatching).toBe(false);
	});

	it('applies the status filter and fires the place-in-line alert once', () => {
		const filtered = { ...rules, statuses: ['fulfilled'], notifyAtPosition: 2 };
		expect(decide({ status: 'pending', ts: 1 }, ticket('notified', 2), filtered)?.reasons).toEqual([]);
		const reached = decide({ status: 'pending', ts: 1 }, ticket('pending', 2, { numberInTheQueue: 2 }), filtered)!;
		expect(reached.reasons).toEqual(['position']);
		expect(decide(reached.memory, ticket('pending', 3, { numberInTheQueue: 1 }), filtered)?.reasons).toEqual([]);
		expect(decide({ status: 'x', ts: 1 }, ticket('fulfilled', 2, { numberInTheQueue: 0 }), filtered)?.reasons).toEqual([
			'statusChange',
		]);
	});

	it('reads the position-update argument as a JSON string or an object', () => {
		const position = ticket('notified', 3);
		expect(readPositionUpdate(JSON.stringify({ position }))).toEqual(position);
		expect(readPositionUpdate({ position })).toEqual(position);
		expect(readPositionUpdate('{"position":')).toBeUndefined();
		expect(readPositionUpdate({ position: { id: 1 } })).toBeUndefined();
		expect(readPositionUpdate(null)).toBeUndefined();
	});
});
