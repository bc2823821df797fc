/**
 * Shapes of the Ombori Grid Queues API (see README "API coverage").
 * Every object type allows unknown extra fields: the API adds fields over time and the
 * nodes must pass them through untouched.
 */

export const TICKET_STATUSES = [
	'draft',
	'reserved',
	'pending',
	'notified',
	'fulfilled',
	'completed',
	'rejected',
] as const;

export type KnownTicketStatus = (typeof TICKET_STATUSES)[number];

/** Unknown status strings must pass through, so the type stays open. */
export type TicketStatus = KnownTicketStatus | (string & {});

export const TERMINAL_STATUSES: readonly string[] = ['completed', 'rejected'];

export type TicketType = 'anonymous' | 'booking' | 'manual' | (string & {});

export interface NotificationSettings {
	to?: string;
	recipient?: string;
	[key: string]: unknown;
}

export interface Notification {
	type: 'phoneNumber' | 'email' | 'applePass' | (string & {});
	settings: NotificationSettings;
}

export interface Tag {
	id: string;
	title: Record<string, string>;
	iconUrl?: string;
	color?: string;
}

export interface BookingSlot {
	start: string;
	end: string;
	virtualAppointment?: { isEnabled: boolean };
	appointment?: unknown;
	[key: string]: unknown;
}

export interface RegistrationField {
	name: string;
	value: unknown;
	label?: string;
	type?: string;
}

/** One model for walk-in tickets, bookings and reservations. */
export interface Position {
	id: string;
	type: TicketType;
	status: TicketStatus;
	label: string;
	queue: string;
	numberInTheQueue?: number | null;
	priority?: number;
	locale?: string;
	notification?: Notification | null;
	customerInfo?: string[];
	tags?: Tag[];
	numberOfPeople?: number;
	customData?: Record<string, unknown>;
	booking?: BookingSlot | null;
	registrationData?: Record<string, unknown> | RegistrationField[];
	location?: string | { locationName?: string; organizationTitle?: string } | null;
	createdAt?: string | null;
	calledAt?: string | null;
	fulfilledAt?: string | null;
	completedAt?: string | null;
	rejectedAt?: string | null;
	activatedAt?: string | null;
	bookingReminderAt?: string | null;
	retryCount?: number;
	_ts?: number;
	[key: string]: unknown;
}

/** E1 response: the only wrapped response. */
export interface JoinResponse {
	positionUrl: string;
	position: Position;
}

export interface JoinRequest {
	session: string;
	position?: {
		id?: string;
		customerInfo?: string[];
		tags?: Tag[];
	};
}

/** E5 body. */
export interface BookingRequest {
	locale?: string;
	notification?: Notification;
	numberOfPeople?: number;
	booking: BookingSlot;
}

/** E6 / E7 body. */
export interface ReservationRequest extends BookingRequest {
	customerInfo?: string[];
	customData?: Record<string, unknown>;
}

/** E10 body: every field optional. */
export interface PositionUpdate {
	notification?: Notification;
	customerInfo?: string[];
	tags?: Tag[];
	numberOfPeople?: number;
	booking?: BookingSlot;
	customData?: Record<string, unknown>;
	locale?: string;
}

/** E4 item. */
export interface TimeSlot {
	start: string;
	end: string;
	available?: number;
	capacity?: number;
	[key: string]: unknown;
}

export const WEBHOOK_EVENT_TYPES = [
	'positionCreated',
	'bookingConfirmation',
	'bookingActivated',
	'bookingUpdated',
	'positionRemoved',
	'positionRetry',
	'positionCalled',
	'positionFulfilled',
	'positionCompleted',
	'positionCancelled',
	'positionCancelledByStaff',
	'feedbackReceived',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Former name of `positionRemoved`, still sent by older tenants. */
export const LEGACY_EVENT_ALIASES: Readonly<Record<string, WebhookEventType>> = {
	bookingRemoved: 'positionRemoved',
};

export interface WebhookEnvelope {
	message?: string | null;
	data: { position: Position };
	type: WebhookEventType | (string & {});
	organization: string;
}

/** SignalR `position-update` argument, once parsed. */
export interface PositionUpdateMessage {
	position: Position;
}
