/**
 * The ticket state machine of ombori-api.md §4, as one table. Every status change in the simulator
 * (public API and staff side) goes through `planTransition`, so the rules live only here.
 */
import type { KnownTicketStatus, Position, TicketStatus } from '../nodes/OmboriGrid/shared/types';
import { TERMINAL_STATUSES, TICKET_STATUSES } from '../nodes/OmboriGrid/shared/types';
import { conflict } from './errors';
import type { SimulatorEventType } from './types';

/** Statuses a ticket can still leave. */
export const OPEN_STATUSES: readonly KnownTicketStatus[] = TICKET_STATUSES.filter((status) => !TERMINAL_STATUSES.includes(status));

/** Named as in the `/_sim` routes and in the 409 message ("Cannot check-in a ticket in status pending"). */
export type LifecycleAction =
	| 'call'
	| 'retry'
	| 'check-in'
	| 'check-out'
	| 'reject'
	| 'activate'
	| 'staff-cancel'
	| 'feedback'
	| 'cancel'
	| 'confirm'
	| 'update'
	| 'update-reservation'
	| 'reschedule';

type TimestampField = 'calledAt' | 'fulfilledAt' | 'completedAt' | 'rejectedAt' | 'activatedAt';

interface Transition {
	from: readonly KnownTicketStatus[];
	/** Absent: the status stays as it is. */
	to?: KnownTicketStatus;
	event: SimulatorEventType;
	stamp?: TimestampField;
	/** Repeating the action in this status answers the ticket unchanged (so client retries are safe). */
	alreadyDoneIn?: KnownTicketStatus;
}

const TRANSITIONS: Record<LifecycleAction, Transition> = {
	call: { from: ['pending'], to: 'notified', event: 'positionCalled', stamp: 'calledAt' },
	retry: { from: ['notified'], to: 'pending', event: 'positionRetry' },
	'check-in': { from: ['notified'], to: 'fulfilled', event: 'positionFulfilled', stamp: 'fulfilledAt' },
	'check-out': { from: ['fulfilled'], to: 'completed', event: 'positionCompleted', stamp: 'completedAt' },
	reject: { from: OPEN_STATUSES, to: 'rejected', event: 'positionRemoved', stamp: 'rejectedAt' },
	activate: { from: ['draft'], to: 'pending', event: 'bookingActivated', stamp: 'activatedAt' },
	'staff-cancel': { from: ['draft'], to: 'rejected', event: 'positionCancelledByStaff', stamp: 'rejectedAt' },
	feedback: { from: ['completed'], event: 'feedbackReceived' },
	cancel: {
		from: OPEN_STATUSES,
		to: 'rejected',
		event: 'positionCancelled',
		stamp: 'rejectedAt',
		alreadyDoneIn: 'rejected',
	},
	confirm: { from: ['reserved'], to: 'draft', event: 'bookingConfirmation', alreadyDoneIn: 'draft' },
	update: { from: OPEN_STATUSES, event: 'positionUpdated' },
	'update-reservation': { from: ['reserved'], event: 'positionUpdated' },
	/** An E10 booking change; on other open tickets the same change is a plain 'update'. */
	reschedule: { from: ['draft', 'reserved'], event: 'bookingUpdated' },
};

export interface TransitionPlan {
	event: SimulatorEventType;
	/** Applies the status and timestamp change to a working copy of the ticket. */
	apply(position: Position, at: string): void;
}

/**
 * `'unchanged'` for an idempotent repeat; throws 409 when the action is not allowed in `status`.
 */
export function planTransition(action: LifecycleAction, status: TicketStatus): TransitionPlan | 'unchanged' {
	const transition = TRANSITIONS[action];
	if (transition.alreadyDoneIn === status) return 'unchanged';
	if (!isAllowed(action, status)) {
		throw conflict(`Cannot ${action} a ticket in status ${status}`);
	}
	return {
		event: transition.event,
		apply(position, at) {
			if (transition.to) position.status = transition.to;
			if (transition.stamp) position[transition.stamp] = at;
		},
	};
}

export const isAllowed = (action: LifecycleAction, status: TicketStatus): boolean =>
	(TRANSITIONS[action].from as readonly string[]).includes(status);
