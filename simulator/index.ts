export { startSimulator } from './server';
export type { Simulator, SimulatorInfo, SimulatorOptions, SimulatorStats } from './server';
export { SimulatorStore } from './store';
export { FAULT_KINDS } from './faults';
export type { FaultKind, FaultRule, FaultState } from './faults';
export type { RequestLogEntry } from './requestLog';
export type { StaffActions, QueueWithPositions } from './control';
export type { WebhookDelivery, WebhookDispatcher, WebhookRegistration, WebhookRegistrationInput } from './webhooks';
export { HttpError } from './errors';
export type { RouteHandler, RouteRequest, RouteResponse } from './router';
export { DEMO_QUEUE_IDS } from './demo';
export type {
	CreatedCounts,
	QueueConfig,
	QueueInput,
	SimQueue,
	SimulatorEvent,
	SimulatorEventType,
	SlotResponseShape,
} from './types';
