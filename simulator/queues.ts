/** Queue configuration: defaults and checks shared by `createQueue`, `PATCH /_sim/queues/{q}` and the demo. */
import { randomUUID } from 'node:crypto';
import { badRequest } from './errors';
import { DEFAULT_QUEUE_CONFIG, parseClock } from './slots';
import { SLOT_RESPONSE_SHAPES, type QueueConfig, type QueueInput, type SimQueue } from './types';
import { isObject, isUuid } from './validation';

/** Values may come from JSON, so each is checked at runtime even though the type says it is fine. */
export function checkQueueConfig(config: QueueConfig): QueueConfig {
	const hours: unknown = config.openingHours;
	const open = isObject(hours) ? parseClock(hours.start) : undefined;
	const close = isObject(hours) ? parseClock(hours.end) : undefined;
	if (open === undefined || close === undefined || close <= open) {
		throw badRequest('openingHours must be {start: "HH:MM", end: "HH:MM"} with end after start');
	}
	if (!Number.isInteger(config.slotMinutes) || config.slotMinutes < 1 || config.slotMinutes > close - open) {
		throw badRequest('slotMinutes must be a whole number of minutes that fits in the opening hours');
	}
	if (!Number.isInteger(config.capacity) || config.capacity < 0) {
		throw badRequest('capacity must be an integer >= 0');
	}
	if (!(SLOT_RESPONSE_SHAPES as readonly unknown[]).includes(config.slotResponseShape)) {
		throw badRequest(`slotResponseShape must be one of ${SLOT_RESPONSE_SHAPES.join(', ')}`);
	}
	return config;
}

/** Fields missing from `input` come from `base`; the result is checked as a whole. */
const mergeConfig = (input: Partial<QueueConfig>, base: QueueConfig): QueueConfig =>
	checkQueueConfig({
		openingHours: input.openingHours ?? base.openingHours,
		slotMinutes: input.slotMinutes ?? base.slotMinutes,
		capacity: input.capacity ?? base.capacity,
		slotResponseShape: input.slotResponseShape ?? base.slotResponseShape,
	});

const checkName = (name: unknown): string => {
	if (typeof name !== 'string') throw badRequest('name must be a string');
	return name;
};

export function buildQueue(input: QueueInput, defaultTenantId: string, fallbackName: string): SimQueue {
	const { id = randomUUID(), name = fallbackName, tenantId = defaultTenantId } = input;
	if (!isUuid(id)) throw badRequest('id must be a UUID');
	if (typeof tenantId !== 'string' || tenantId === '') throw badRequest('tenantId must be a non-empty string');
	return { id, name: checkName(name), tenantId, ...mergeConfig(input, DEFAULT_QUEUE_CONFIG) };
}

/** Id and tenant never change; name and slot settings may. */
export function patchQueue(current: SimQueue, patch: QueueInput): SimQueue {
	return { ...current, name: checkName(patch.name ?? current.name), ...mergeConfig(patch, current) };
}
