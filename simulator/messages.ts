/**
 * The customer text (SMS / e-mail) that goes with each event, as the webhook `message` field.
 * Ombori lets tenants edit these; the simulator uses one fixed English text per event.
 */
import type { Position } from '../nodes/OmboriGrid/shared/types';
import type { SimulatorEventType } from './types';

type MessageTemplate = (position: Position) => string | null;

const bookingTime = (position: Position): string =>
	position.booking?.start ? ` for ${position.booking.start}` : '';

const MESSAGES: Record<SimulatorEventType, MessageTemplate> = {
	positionCreated: (p) => `You are in the queue. Your number is ${p.label}.`,
	bookingConfirmation: (p) => `Your booking${bookingTime(p)} is confirmed.`,
	bookingActivated: (p) => `Your booking is active. Your number is ${p.label}.`,
	bookingUpdated: (p) => `Your booking has been moved${bookingTime(p)}.`,
	positionRemoved: () => 'Your ticket has been removed by the staff.',
	bookingRemoved: () => 'Your ticket has been removed by the staff.',
	positionRetry: () => 'We missed you. You are back in the queue.',
	positionCalled: () => 'It is your turn now.',
	positionFulfilled: () => 'You are checked in.',
	positionCompleted: () => 'Thank you for your visit.',
	positionCancelled: () => 'Your ticket has been cancelled.',
	positionCancelledByStaff: () => 'Your booking has been cancelled by the staff.',
	feedbackReceived: () => 'Thank you for your feedback.',
	positionUpdated: () => null,
};

export const customerMessage = (type: SimulatorEventType, position: Position): string | null =>
	MESSAGES[type](position);
