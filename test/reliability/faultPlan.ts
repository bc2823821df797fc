/**
 * The fault matrix's chaos and its bookkeeping: which faults the simulator injects, which error
 * messages a user may see, and the check that every item is either a success or an error that
 * explains itself, with never two entities created for one item.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { FaultRule, FaultState } from '../../simulator';
import { figures } from './report';

/**
 * Tried in this order for every API request (the first whose dice roll succeeds fires), so about
 * a quarter of all requests meet a fault. Retry-After is 1 s so the 429s also test that it is honoured.
 */
export function chaosRules(): FaultRule[] {
	const always = { times: -1 };
	return [
		{ ...always, kind: 'rateLimit', retryAfter: '1', probability: 0.04 },
		{ ...always, kind: 'status', status: 503, probability: 0.04 },
		{ ...always, kind: 'status', status: 500, probability: 0.03 },
		{ ...always, kind: 'status', status: 500, applyBeforeResponding: true, probability: 0.03 },
		{ ...always, kind: 'dropBeforeProcessing', probability: 0.03 },
		{ ...always, kind: 'dropAfterProcessing', probability: 0.03 },
		{ ...always, kind: 'malformedJson', probability: 0.03 },
		{ ...always, kind: 'latency', latencyMs: 600, probability: 0.03 },
	];
}

/** A fault as the summary names it: the status sent, or the kind. */
export function faultLabel(rule: Pick<FaultRule, 'kind' | 'status' | 'applyBeforeResponding'>): string {
	if (rule.kind === 'rateLimit') return '429';
	if (rule.kind === 'status') return `${rule.status ?? 500}${rule.applyBeforeResponding ? ' after processing' : ''}`;
	return rule.kind;
}

/** Every fault the matrix injects; each must have fired at least once for a run to count. */
export const INJECTED_FAULTS: string[] = chaosRules().map(faultLabel);

/** How often each fault fired, from the simulator's rule list (read before the rules are cleared). */
export function firedByFault(states: FaultState[]): Record<string, number> {
	const fired: Record<string, number> = {};
	for (const state of states) fired[faultLabel(state)] = (fired[faultLabel(state)] ?? 0) + state.fired;
	return fired;
}

/** The error messages a user may meet, by cause; anything else fails the matrix. */
const ERROR_CLASSES: Array<[string, RegExp]> = [
	['rateLimited', /^Rate limited by Ombori Grid after 5 attempts$/],
	['unavailable', /^Ombori Grid server error 503 for (Ticket|Booking|Reservation) /],
	['serverError', /^Ombori Grid server error 500 for (Ticket|Booking|Reservation) /],
	['connection', /^The connection to Ombori Grid failed for (Ticket|Booking|Reservation) .*\((connection reset|connection closed|timed out)\)/],
	['unreadable', /^Ombori Grid sent an unreadable answer for (Ticket|Booking|Reservation) /],
];

/**
 * The words that tell a user a create may have gone through although the item failed. Looked for
 * in the message: under "Continue On Fail" n8n keeps only `{error: message}` as the item's JSON.
 */
export const MAY_HAVE_PROCESSED = /not re-sent: Ombori Grid may have processed it/;
/** Causes after which the server may have acted on a request it received. */
const AFTER_SENDING = ['serverError', 'connection', 'unreadable'];
/** How a retried request's final error says it gave up. */
const RETRIES_EXHAUSTED = /Tried 5 time\(s\)|after 5 attempt\(s\)|after 5 attempts/;

export function errorClass(message: string): string | undefined {
	return ERROR_CLASSES.find(([, pattern]) => pattern.test(message))?.[0];
}

export interface ItemOutcome {
	index: number;
	ok: boolean;
	id?: string;
	message?: string;
	description?: string;
}

/**
 * Output items in input terms; `problems` lists output that breaks the one-item-per-input rule.
 * The description is read from the item's error, where n8n keeps it for the editor.
 */
export function readOutcomes(output: INodeExecutionData[], inputCount: number): { outcomes: ItemOutcome[]; problems: string[] } {
	const problems: string[] = [];
	if (output.length !== inputCount) problems.push(`${output.length} output items for ${inputCount} input items`);
	const outcomes = output.map(({ json, pairedItem, error }, position): ItemOutcome => {
		const index = (pairedItem as { item?: number } | undefined)?.item;
		if (index !== position) problems.push(`output ${position} is paired to item ${String(index)}`);
		if (typeof json.error === 'string') {
			return { index: position, ok: false, message: json.error, description: String(error?.description ?? '') };
		}
		if (typeof json.id !== 'string') problems.push(`output ${position} is neither a result with an id nor an error`);
		return { index: position, ok: true, id: json.id as string };
	});
	return { outcomes, problems };
}

export interface Accounting {
	succeeded: number;
	errored: number;
	/** Error items that say the request may have been processed. */
	mayHaveProcessed: number;
	/** ... and for which an entity does exist. */
	createdDespiteError: number;
	lost: number;
	duplicated: number;
	errorsByClass: Record<string, number>;
	problems: string[];
}

/**
 * Checks the error texts and, when `entitiesByItem` is given (create runs), that each item
 * accounts for the entities carrying its reference: a success for exactly its own one, an error
 * that says "may have been processed" for at most one, any other error for none. `safeToRepeat`
 * runs (GET, PATCH) must only fail once their retries are used up.
 */
export function account(
	outcomes: ItemOutcome[],
	inputCount: number,
	options: { entitiesByItem?: Map<number, string[]>; strayEntities?: number; safeToRepeat: boolean },
): Accounting {
	const problems: string[] = [];
	const errorsByClass: Record<string, number> = {};
	let mayHaveProcessed = 0;
	let createdDespiteError = 0;
	let duplicated = options.strayEntities ?? 0;
	const seen = new Set(outcomes.map((outcome) => outcome.index));
	const lost = Array.from({ length: inputCount }, (_, index) => index).filter((index) => !seen.has(index)).length;
	for (const outcome of outcomes) {
		const entities = options.entitiesByItem?.get(outcome.index) ?? [];
		if (entities.length > 1) duplicated += entities.length - 1;
		if (outcome.ok) {
			if (options.entitiesByItem && (entities.length !== 1 || entities[0] !== outcome.id)) {
				problems.push(`item ${outcome.index} succeeded with ${outcome.id} but its entities are [${entities.join(', ')}]`);
			}
			continue;
		}
		const kind = errorClass(outcome.message ?? '') ?? 'unclear';
		errorsByClass[kind] = (errorsByClass[kind] ?? 0) + 1;
		if (kind === 'unclear') problems.push(`item ${outcome.index}: unclear error "${outcome.message}"`);
		const explainsProcessing = MAY_HAVE_PROCESSED.test(outcome.message ?? '');
		if (explainsProcessing) mayHaveProcessed += 1;
		if (explainsProcessing !== (!options.safeToRepeat && AFTER_SENDING.includes(kind))) {
			problems.push(`item ${outcome.index}: "${outcome.message}" ${explainsProcessing ? 'wrongly says' : 'does not say'} that it may have been processed`);
		}
		if (options.safeToRepeat && !RETRIES_EXHAUSTED.test(`${outcome.message} ${outcome.description}`)) {
			problems.push(`item ${outcome.index} (safe to repeat) failed before its retries were used up: ${outcome.message}`);
		}
		if (entities.length > 0 && explainsProcessing) createdDespiteError += 1;
		if (entities.length > 0 && !explainsProcessing) {
			problems.push(`item ${outcome.index} failed with "${outcome.message}" without saying it may have been processed, yet created ${entities.join(', ')}`);
		}
	}
	return {
		succeeded: outcomes.filter((outcome) => outcome.ok).length,
		errored: outcomes.filter((outcome) => !outcome.ok).length,
		mayHaveProcessed,
		createdDespiteError,
		lost,
		duplicated,
		errorsByClass,
		problems,
	};
}

export function summaryLine(name: string, items: number, fired: Record<string, number>, result: Accounting): string {
	const total = Object.values(fired).reduce((sum, count) => sum + count, 0);
	return (
		`fault matrix [${name}]: items ${items}, faults injected ${total} (${figures(fired)}), ` +
		`succeeded ${result.succeeded}, errored ${result.errored} (${figures(result.errorsByClass)}; ` +
		`may have been processed ${result.mayHaveProcessed}, of which created ${result.createdDespiteError}), ` +
		`lost ${result.lost}, duplicated ${result.duplicated}`
	);
}
