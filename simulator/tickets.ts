/**
 * What can happen to tickets, independent of HTTP: the public API (rest.ts) and the staff side
 * (control.ts) both call these. Status changes go through lifecycle.ts, writes through the store.
 */
import type {
	BookingSlot,
	JoinRequest,
	Position,
	PositionUpdate,
	ReservationRequest,
	Tag,
} from '../nodes/OmboriGrid/shared/types';
import { randomUUID } from 'node:crypto';
import { conflict, notFound } from './errors';
import { isAllowed, planTransition, type LifecycleAction } from './lifecycle';
import { bookingInterval, findFullSlot } from './slots';
import type { SimulatorStore } from './store';
import { nowIso } from './time';
import type { CreationOrigin, SimQueue, SimulatorEventType } from './types';
import { checkBookingSlot } from './validation';

/** E7 and E10 bodies: any field may be missing, and `booking` may be partial (merged into the current one). */
export type TicketChanges = Omit<PositionUpdate, 'booking'> & { booking?: Partial<BookingSlot> };

export interface Feedback {
	rating?: number;
	comment?: string;
}

export interface ManualTicketFields {
	customerInfo?: string[];
	tags?: Tag[];
	numberOfPeople?: number;
}

const WALK_IN_PRIORITY = 0;
const BOOKING_PRIORITY = 100;

type NewTicketFields = Pick<Position, 'type' | 'status' | 'label' | 'priority'> & Partial<Position>;

/** Every field a real position carries, so clients see the same keys as from Ombori. */
function newPosition(queue: SimQueue, fields: NewTicketFields, id: string = randomUUID()): Position {
	const { type, status, label, priority, ...given } = fields;
	return {
		id,
		type,
		status,
		label,
		queue: queue.id,
		numberInTheQueue: 0,
		priority,
		locale: 'en',
		notification: null,
		customerInfo: [],
		tags: [],
		numberOfPeople: 1,
		customData: {},
		booking: null,
		registrationData: [],
		location: { locationName: queue.name, organizationTitle: queue.tenantId },
		createdAt: nowIso(),
		calledAt: null,
		fulfilledAt: null,
		completedAt: null,
		rejectedAt: null,
		activatedAt: null,
		bookingReminderAt: null,
		servedBy: null,
		station: null,
		fulfilledBy: null,
		servedById: null,
		QRCodeCheckInPositionId: JSON.stringify({ type: 'check-in-position', positionId: id }),
		retryCount: 0,
		...given,
	};
}

/** Copies only the fields that were given, so `undefined` never overwrites stored data. */
function definedFields<T extends object>(fields: T): Partial<T> {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

const sameInterval = (a: BookingSlot | null | undefined, b: BookingSlot | null | undefined): boolean =>
	a?.start === b?.start && a?.end === b?.end;

export class TicketDesk {
	constructor(private readonly store: SimulatorStore) {}

	requireQueue(queueId: string, tenantId?: string): SimQueue {
		const queue = this.store.getQueue(queueId);
		if (!queue || (tenantId !== undefined && queue.tenantId !== tenantId)) {
			throw notFound(`Queue ${queueId} not found`);
		}
		return queue;
	}

	requirePosition(queueId: string, positionId: string): Position {
		this.requireQueue(queueId);
		const position = this.store.getPosition(queueId, positionId);
		if (!position) throw notFound(`Position ${positionId} not found in queue ${queueId}`);
		return position;
	}

	/** E1. A known `position.id` updates that ticket, so a retried join never creates a second one. */
	join(queueId: string, request: JoinRequest): Position {
		const queue = this.requireQueue(queueId);
		const { id, customerInfo, tags } = request.position ?? {};
		if (id !== undefined) {
			const owner = this.store.queueOfPosition(id);
			if (owner === queueId) {
				return this.change(queueId, id, { customerInfo, tags }, 'update');
			}
			if (owner !== undefined) throw conflict(`Position ${id} belongs to another queue`);
		}
		return this.issueWalkIn(queue, 'anonymous', { customerInfo, tags }, 'ticket', id);
	}

	/** Staff-issued ticket, straight into the line. */
	createManual(queueId: string, fields: ManualTicketFields = {}): Position {
		return this.issueWalkIn(this.requireQueue(queueId), 'manual', fields, 'manual');
	}

	/** E5. */
	createBooking(queueId: string, request: ReservationRequest): Position {
		const { locale, notification, numberOfPeople, booking } = request;
		return this.book(queueId, 'draft', { locale, notification, numberOfPeople, booking }, 'booking', 'bookingConfirmation');
	}

	/** E6. No webhook event is documented for a new reservation, hence 'positionUpdated'. */
	createReservation(queueId: string, request: ReservationRequest): Position {
		const { locale, notification, numberOfPeople, booking, customerInfo, customData } = request;
		const fields = { locale, notification, numberOfPeople, booking, customerInfo, customData };
		return this.book(queueId, 'reserved', fields, 'reservation', 'positionUpdated');
	}

	/** E7. */
	updateReservation(queueId: string, positionId: string, changes: TicketChanges): Position {
		const { locale, notification, numberOfPeople, booking, customerInfo, customData } = changes;
		const fields = { locale, notification, numberOfPeople, booking, customerInfo, customData };
		return this.change(queueId, positionId, fields, 'update-reservation');
	}

	/** E10. */
	update(queueId: string, positionId: string, changes: TicketChanges): Position {
		const { notification, customerInfo, tags, numberOfPeople, booking, customData, locale } = changes;
		const fields = { notification, customerInfo, tags, numberOfPeople, booking, customData, locale };
		return this.change(queueId, positionId, fields, 'update');
	}

	/**
	 * Runs one lifecycle action. `effect` adds action-specific changes to the same write;
	 * `event` replaces the table's event type (the legacy `bookingRemoved`).
	 */
	transition(
		queueId: string,
		positionId: string,
		action: LifecycleAction,
		effect?: (position: Position) => void,
		event?: SimulatorEventType,
	): Position {
		const current = this.requirePosition(queueId, positionId);
		const plan = planTransition(action, current.status);
		if (plan === 'unchanged') return current;
		const at = nowIso();
		return this.store.update(
			queueId,
			positionId,
			(position) => {
				plan.apply(position, at);
				effect?.(position);
			},
			event ?? plan.event,
		);
	}

	retry(queueId: string, positionId: string): Position {
		return this.transition(queueId, positionId, 'retry', (position) => {
			position.retryCount = (position.retryCount ?? 0) + 1;
		});
	}

	activate(queueId: string, positionId: string): Position {
		return this.transition(queueId, positionId, 'activate', (position) => {
			position.label = this.store.nextLabel(queueId, 'B');
		});
	}

	feedback(queueId: string, positionId: string, feedback: Feedback = {}): Position {
		return this.transition(queueId, positionId, 'feedback', (position) => {
			position.customData = { ...position.customData, feedback: definedFields(feedback) };
		});
	}

	private issueWalkIn(
		queue: SimQueue,
		type: 'anonymous' | 'manual',
		fields: ManualTicketFields,
		origin: CreationOrigin,
		id?: string,
	): Position {
		const position = newPosition(
			queue,
			{
				type,
				status: 'pending',
				label: this.store.nextLabel(queue.id, 'A'),
				priority: WALK_IN_PRIORITY,
				...definedFields(fields),
			},
			id,
		);
		return this.store.insert(position, 'positionCreated', origin);
	}

	private book(
		queueId: string,
		status: 'draft' | 'reserved',
		fields: Omit<ReservationRequest, 'booking'> & { booking: BookingSlot },
		origin: CreationOrigin,
		event: SimulatorEventType,
	): Position {
		const queue = this.requireQueue(queueId);
		this.ensureCapacity(queue, fields.booking, fields.numberOfPeople ?? 1);
		const position = newPosition(queue, {
			type: 'booking',
			status,
			label: '',
			priority: BOOKING_PRIORITY,
			...definedFields(fields),
		});
		return this.store.insert(position, event, origin);
	}

	/** Shared by E1 (known id), E7 and E10: merge the given fields, re-check capacity if the booking grows or moves. */
	private change(
		queueId: string,
		positionId: string,
		changes: TicketChanges,
		action: 'update' | 'update-reservation',
	): Position {
		const queue = this.requireQueue(queueId);
		const current = this.requirePosition(queueId, positionId);
		// A ticket that may not change at all answers 409 for that, not for a capacity problem.
		planTransition(action, current.status);
		const booking = changes.booking ? checkBookingSlot({ ...current.booking, ...changes.booking }) : current.booking;
		const moved = !sameInterval(current.booking, booking);
		const people = changes.numberOfPeople ?? current.numberOfPeople ?? 1;
		if (booking && (moved || people !== current.numberOfPeople)) {
			this.ensureCapacity(queue, booking, people, positionId);
		}
		const rescheduled = action === 'update' && moved && isAllowed('reschedule', current.status);
		return this.transition(queueId, positionId, rescheduled ? 'reschedule' : action, (position) => {
			Object.assign(position, definedFields(changes), booking ? { booking } : {});
		});
	}

	private ensureCapacity(queue: SimQueue, booking: BookingSlot, people: number, excludeId?: string): void {
		const interval = bookingInterval(booking);
		if (!interval) return;
		if (findFullSlot(queue, this.store.readPositions(queue.id), interval, people, excludeId)) {
			throw conflict('No capacity left in the selected time slot');
		}
	}
}
