/**
 * Fault injection for REST requests (and routes added with `addRoute`); `/_sim` is never affected.
 *
 * Rules are tried in the order they were added; the first one whose method and path match and
 * whose dice roll succeeds fires and uses up one of its `times`. Dice come from a seeded PRNG so
 * a test run is reproducible. `path` is an unanchored regular expression on the path after
 * `/organizations/{tenantId}` (the full path for other routes), so `'/join'` is a plain substring match.
 */
import { badRequest } from './errors';
import type { RouteResponse } from './router';

export const FAULT_KINDS = [
	'status',
	'rateLimit',
	'malformedJson',
	'dropBeforeProcessing',
	'dropAfterProcessing',
	'latency',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
	id?: string;
	method?: string;
	path?: string | RegExp;
	/** How many times the rule fires; -1 (or Infinity) for ever. Default 1. */
	times?: number;
	/** 0..1, default 1. */
	probability?: number;
	kind: FaultKind;
	/** For 'status'; default 500. */
	status?: number;
	/** For 'status' and 'rateLimit'; a string is sent as text/plain. */
	body?: unknown;
	/** For 'rateLimit': seconds or an HTTP date. Default 0. */
	retryAfter?: string | number;
	/** For 'latency'. */
	latencyMs?: number;
	/** For 'status': apply the request's state change before answering with the error. Default false. */
	applyBeforeResponding?: boolean;
}

/** A rule as listed by `GET /_sim/faults`. */
export interface FaultState extends Omit<FaultRule, 'path' | 'times'> {
	id: string;
	path?: string;
	/** -1 = unlimited. */
	remaining: number;
	fired: number;
}

export interface FiredFault {
	id: string;
	kind: FaultKind;
	rule: Readonly<FaultRule>;
}

interface ActiveRule {
	id: string;
	rule: FaultRule;
	path?: RegExp;
	remaining: number;
	fired: number;
}

export const DEFAULT_SEED = 42;

/** mulberry32: tiny, fast and good enough for coin flips. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = Math.imul(state ^ (state >>> 15), state | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function compilePath(path: string | RegExp | undefined): RegExp | undefined {
	if (path === undefined || path instanceof RegExp) return path;
	if (typeof path !== 'string') throw badRequest('fault path must be a string');
	try {
		return new RegExp(path);
	} catch {
		throw badRequest(`fault path is not a valid regular expression: ${path}`);
	}
}

const isNumberIn = (value: unknown, min: number, max: number): value is number =>
	typeof value === 'number' && value >= min && value <= max;

/** Rules also arrive as JSON over `/_sim/faults`, so every field is checked at runtime. */
function checkRule(rule: FaultRule): void {
	if (!(FAULT_KINDS as readonly unknown[]).includes(rule.kind)) {
		throw badRequest(`fault kind must be one of ${FAULT_KINDS.join(', ')}`);
	}
	if (rule.times !== undefined && rule.times !== Infinity && !(Number.isInteger(rule.times) && rule.times >= -1)) {
		throw badRequest('fault times must be an integer >= -1');
	}
	if (rule.probability !== undefined && !isNumberIn(rule.probability, 0, 1)) {
		throw badRequest('fault probability must be between 0 and 1');
	}
	if (rule.status !== undefined && !(Number.isInteger(rule.status) && isNumberIn(rule.status, 100, 599))) {
		throw badRequest('fault status must be an HTTP status code');
	}
	if (rule.latencyMs !== undefined && !isNumberIn(rule.latencyMs, 0, Infinity)) {
		throw badRequest('fault latencyMs must be a number >= 0');
	}
	if (rule.method !== undefined && typeof rule.method !== 'string') throw badRequest('fault method must be a string');
	if (rule.retryAfter !== undefined && !['string', 'number'].includes(typeof rule.retryAfter)) {
		throw badRequest('fault retryAfter must be seconds or an HTTP date');
	}
	if (rule.applyBeforeResponding !== undefined && typeof rule.applyBeforeResponding !== 'boolean') {
		throw badRequest('fault applyBeforeResponding must be a boolean');
	}
}

export class FaultInjector {
	/** Added to every request that faults apply to, before any rule. */
	latencyMs = 0;

	private rules: ActiveRule[] = [];
	private random: () => number;
	private firedByKind: Partial<Record<FaultKind, number>> = {};
	private nextId = 1;

	constructor(seed = DEFAULT_SEED) {
		this.random = seededRandom(seed);
	}

	setSeed(seed: number): void {
		this.random = seededRandom(seed);
	}

	add(rules: FaultRule | FaultRule[]): FaultState[] {
		const list = Array.isArray(rules) ? rules : [rules];
		list.forEach(checkRule);
		const added = list.map((rule) => this.activate(rule));
		this.rules.push(...added);
		return added.map(describe);
	}

	/** Removes the rules; counters stay until `reset`. */
	clear(): void {
		this.rules = [];
	}

	reset(seed = DEFAULT_SEED): void {
		this.clear();
		this.latencyMs = 0;
		this.firedByKind = {};
		this.nextId = 1;
		this.setSeed(seed);
	}

	list(): FaultState[] {
		return this.rules.map(describe);
	}

	fired(): Partial<Record<FaultKind, number>> {
		return { ...this.firedByKind };
	}

	/** The fault to inject into this request, if any; counts it as fired. */
	take(method: string, path: string): FiredFault | undefined {
		const active = this.rules.find((candidate) => this.matches(candidate, method, path));
		if (!active) return undefined;
		active.remaining -= 1;
		active.fired += 1;
		this.firedByKind[active.rule.kind] = (this.firedByKind[active.rule.kind] ?? 0) + 1;
		return { id: active.id, kind: active.rule.kind, rule: active.rule };
	}

	private activate(rule: FaultRule): ActiveRule {
		const times = rule.times ?? 1;
		return {
			id: rule.id ?? `fault-${this.nextId++}`,
			rule: { ...rule },
			path: compilePath(rule.path),
			remaining: times < 0 ? Infinity : times,
			fired: 0,
		};
	}

	/** The dice are rolled last, and only for partial probabilities, so certain rules do not shift the sequence. */
	private matches(active: ActiveRule, method: string, path: string): boolean {
		const { rule } = active;
		if (active.remaining <= 0) return false;
		if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
		if (active.path && !active.path.test(path)) return false;
		const probability = rule.probability ?? 1;
		return probability >= 1 || this.random() < probability;
	}
}

function describe(active: ActiveRule): FaultState {
	const { kind, method, probability, status, body, retryAfter, latencyMs, applyBeforeResponding } = active.rule;
	return {
		kind,
		method,
		probability,
		status,
		body,
		retryAfter,
		latencyMs,
		applyBeforeResponding,
		id: active.id,
		path: active.path?.source,
		remaining: active.remaining === Infinity ? -1 : active.remaining,
		fired: active.fired,
	};
}

/** The answer of a fault that replaces the real one ('status' and 'rateLimit'). */
export function faultResponse(rule: Readonly<FaultRule>): RouteResponse {
	if (rule.kind === 'rateLimit') {
		return {
			status: 429,
			body: rule.body ?? { message: 'Rate limit exceeded' },
			headers: { 'retry-after': String(rule.retryAfter ?? 0) },
		};
	}
	const status = rule.status ?? 500;
	return { status, body: rule.body ?? { message: `Simulated fault: HTTP ${status}` } };
}

const MALFORMED_FALLBACK = '{"position": {"id": "x';

/** Cuts a JSON answer in the middle so that it no longer parses. */
export function truncateJson(body: unknown): string {
	const full = JSON.stringify(body ?? {});
	const cut = full.slice(0, Math.max(1, Math.floor(full.length / 2)));
	try {
		JSON.parse(cut);
		return MALFORMED_FALLBACK;
	} catch {
		return cut;
	}
}
