import type { Position } from '../shared/types';

/** What the user chose in "Events" and "Filters"; an empty list means "any". */
export interface EventFilters {
	events: string[];
	queueIds: string[];
	ticketTypes: string[];
}

export type FilterMiss = 'event' | 'queue' | 'ticketType';

/** Queue IDs come as a list (expression) or as comma-separated text (typed in). */
export function parseList(raw: unknown): string[] {
	const entries = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : [];
	return entries
		.filter((entry): entry is string | number => typeof entry === 'string' || typeof entry === 'number')
		.map((entry) => String(entry).trim())
		.filter((entry) => entry !== '');
}

const allows = (choices: string[], value: unknown): boolean =>
	choices.length === 0 || (typeof value === 'string' && choices.includes(value));

/** The first filter the event fails, or undefined when it should start an execution. */
export function filterMiss(event: string, position: Position, filters: EventFilters): FilterMiss | undefined {
	if (!allows(filters.events, event)) return 'event';
	const queueId = typeof position.queue === 'string' ? position.queue.toLowerCase() : undefined;
	if (!allows(filters.queueIds.map((id) => id.toLowerCase()), queueId)) return 'queue';
	if (!allows(filters.ticketTypes, position.type)) return 'ticketType';
	return undefined;
}
