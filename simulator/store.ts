/**
 * In-memory state: organizations, queues and their positions.
 *
 * `events` emits `'change'` for EVERY state change, after it is applied; it is the single source
 * that webhook delivery and SignalR `position-update`s subscribe to. Each write also keeps two
 * invariants consumers rely on: `_ts` (epoch seconds) strictly increases per ticket, and
 * `numberInTheQueue` is up to date for every ticket (tickets whose rank moved because of someone
 * else get their own 'positionUpdated' event).
 */
import { EventEmitter } from 'node:events';
import type { Position } from '../nodes/OmboriGrid/shared/types';
import { conflict } from './errors';
import { customerMessage } from './messages';
import type {
	CreatedCounts,
	CreationOrigin,
	SimQueue,
	SimulatorEventMap,
	SimulatorEventType,
} from './types';

/** `A` for walk-in and staff tickets, `B` for bookings once activated. */
export type LabelSeries = 'A' | 'B';

interface QueueState {
	queue: SimQueue;
	/** Insertion order doubles as the tie-break for tickets created in the same millisecond. */
	positions: Map<string, Position>;
	labels: Record<LabelSeries, number>;
}

const IN_LINE_STATUSES: readonly string[] = ['pending', 'notified'];

const noCreations = (): CreatedCounts => ({ ticket: 0, booking: 0, reservation: 0, manual: 0 });

const byPlaceInLine = (a: Position, b: Position): number =>
	(b.priority ?? 0) - (a.priority ?? 0) || (a.createdAt ?? '').localeCompare(b.createdAt ?? '');

/** Strictly increasing so two snapshots of one ticket never share a `_ts`. */
const nextTs = (previous: number | undefined): number => {
	const now = Math.floor(Date.now() / 1000);
	return previous !== undefined && now <= previous ? previous + 1 : now;
};

export class SimulatorStore {
	readonly events = new EventEmitter<SimulatorEventMap>();

	private readonly organizations = new Set<string>();
	private readonly queues = new Map<string, QueueState>();
	/** Position id → queue id, because ids are unique across queues. */
	private readonly positionOwners = new Map<string, string>();
	private createdCounts = noCreations();

	addOrganization(tenantId: string): void {
		this.organizations.add(tenantId);
	}

	hasOrganization(tenantId: string): boolean {
		return this.organizations.has(tenantId);
	}

	addQueue(queue: SimQueue): SimQueue {
		if (this.queues.has(queue.id)) throw conflict(`Queue ${queue.id} already exists`);
		this.addOrganization(queue.tenantId);
		this.queues.set(queue.id, { queue: { ...queue }, positions: new Map(), labels: { A: 0, B: 0 } });
		return this.getQueue(queue.id) as SimQueue;
	}

	/** Slot changes apply to later E4 answers and capacity checks; existing tickets stay as they are. */
	replaceQueue(queue: SimQueue): SimQueue {
		this.requireState(queue.id).queue = structuredClone(queue);
		return structuredClone(queue);
	}

	getQueue(queueId: string): SimQueue | undefined {
		const state = this.queues.get(queueId);
		return state && structuredClone(state.queue);
	}

	listQueues(): SimQueue[] {
		return [...this.queues.values()].map((state) => structuredClone(state.queue));
	}

	listPositions(queueId: string): Position[] {
		return this.readPositions(queueId).map((position) => structuredClone(position));
	}

	/** A read-only view without copying, for hot paths such as slot availability. */
	readPositions(queueId: string): readonly Readonly<Position>[] {
		return [...(this.queues.get(queueId)?.positions.values() ?? [])];
	}

	getPosition(queueId: string, positionId: string): Position | undefined {
		const position = this.queues.get(queueId)?.positions.get(positionId);
		return position && structuredClone(position);
	}

	queueOfPosition(positionId: string): string | undefined {
		return this.positionOwners.get(positionId);
	}

	nextLabel(queueId: string, series: LabelSeries): string {
		const state = this.requireState(queueId);
		state.labels[series] += 1;
		return `${series}${state.labels[series]}`;
	}

	created(): CreatedCounts {
		return { ...this.createdCounts };
	}

	/** After seeding demo data, so `created` counts only what clients did. */
	resetCreatedCounts(): void {
		this.createdCounts = noCreations();
	}

	insert(position: Position, event: SimulatorEventType, origin: CreationOrigin): Position {
		const state = this.requireState(position.queue);
		if (this.positionOwners.has(position.id)) throw conflict(`Position ${position.id} already exists`);
		const stored = structuredClone(position);
		stored._ts = nextTs(undefined);
		state.positions.set(stored.id, stored);
		this.positionOwners.set(stored.id, state.queue.id);
		this.createdCounts[origin] += 1;
		this.publish(state, stored, event);
		return structuredClone(stored);
	}

	/**
	 * Applies `mutate` to a copy of the ticket and commits it. A 'positionUpdated' write that changes
	 * nothing is dropped (no event, same `_ts`) so repeated identical requests stay invisible.
	 */
	update(
		queueId: string,
		positionId: string,
		mutate: (position: Position) => void,
		event: SimulatorEventType,
	): Position {
		const state = this.requireState(queueId);
		const current = state.positions.get(positionId);
		if (!current) throw new Error(`Position ${positionId} is not in queue ${queueId}`);
		const next = structuredClone(current);
		mutate(next);
		if (event === 'positionUpdated' && JSON.stringify(next) === JSON.stringify(current)) {
			return structuredClone(current);
		}
		next._ts = nextTs(current._ts);
		state.positions.set(positionId, next);
		this.publish(state, next, event);
		return structuredClone(next);
	}

	/** Forgets everything except the event subscribers. */
	reset(): void {
		this.organizations.clear();
		this.queues.clear();
		this.positionOwners.clear();
		this.createdCounts = noCreations();
	}

	private requireState(queueId: string): QueueState {
		const state = this.queues.get(queueId);
		if (!state) throw new Error(`Queue ${queueId} does not exist`);
		return state;
	}

	private publish(state: QueueState, subject: Position, event: SimulatorEventType): void {
		const movedOthers = this.rerank(state).filter((position) => position !== subject);
		this.emit(state, subject, event);
		for (const position of movedOthers) {
			position._ts = nextTs(position._ts);
			this.emit(state, position, 'positionUpdated');
		}
	}

	/** Recomputes every rank in the queue; returns the tickets whose rank changed. */
	private rerank(state: QueueState): Position[] {
		const inLine = [...state.positions.values()]
			.filter((position) => IN_LINE_STATUSES.includes(position.status))
			.sort(byPlaceInLine);
		const ranks = new Map(inLine.map((position, index) => [position.id, index + 1]));
		const moved: Position[] = [];
		for (const position of state.positions.values()) {
			const rank = ranks.get(position.id) ?? 0;
			if (position.numberInTheQueue !== rank) {
				position.numberInTheQueue = rank;
				moved.push(position);
			}
		}
		return moved;
	}

	private emit(state: QueueState, position: Position, type: SimulatorEventType): void {
		this.events.emit('change', {
			type,
			position: structuredClone(position),
			message: customerMessage(type, position),
			organization: state.queue.tenantId,
		});
	}
}
