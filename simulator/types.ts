/**
 * Shapes that exist only in the simulator (queue configuration, change events, counters).
 * API shapes live in ../nodes/OmboriGrid/shared/types and are imported from there.
 */
import type { Position, WebhookEventType } from '../nodes/OmboriGrid/shared/types';

export const SLOT_RESPONSE_SHAPES = ['array', 'slots', 'timeSlots', 'byDate'] as const;

/** How E4 wraps its slot list, so the client's defensive parsing can be exercised. */
export type SlotResponseShape = (typeof SLOT_RESPONSE_SHAPES)[number];

/** 'HH:MM' in UTC, the same every day. */
export interface OpeningHours {
	start: string;
	end: string;
}

export interface QueueConfig {
	openingHours: OpeningHours;
	slotMinutes: number;
	/** People per slot. */
	capacity: number;
	slotResponseShape: SlotResponseShape;
}

export interface SimQueue extends QueueConfig {
	id: string;
	name: string;
	tenantId: string;
}

/** What `createQueue` and `POST /_sim/queues` accept; everything has a default. */
export interface QueueInput extends Partial<QueueConfig> {
	id?: string;
	name?: string;
	tenantId?: string;
}

/**
 * `bookingRemoved` is the legacy name of `positionRemoved` (staff reject with `legacy: true`);
 * `positionUpdated` marks a change that has no webhook event (only a SignalR update).
 */
export type SimulatorEventType = WebhookEventType | 'bookingRemoved' | 'positionUpdated';

export interface SimulatorEvent {
	type: SimulatorEventType;
	/** A deep copy: listeners may keep or mutate it. */
	position: Position;
	/** Customer text for the event, as the webhook `message` carries it. */
	message: string | null;
	organization: string;
}

export interface SimulatorEventMap {
	change: [SimulatorEvent];
}

/** Tickets created since start or reset, by kind; demo data is not counted. */
export interface CreatedCounts {
	ticket: number;
	booking: number;
	reservation: number;
	manual: number;
}

export type CreationOrigin = keyof CreatedCounts;
