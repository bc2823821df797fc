import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkE164, checkEmail, checkIsoDateTime, checkPartySize, checkUuid } from './validate';

/**
 * Typed readers for node parameters. They run before any request, so a bad value never
 * reaches the API, and every error names the parameter, the item and the expected form.
 */

function describeValue(value: unknown): string {
	if (value === undefined || value === null || value === '') return 'nothing';
	if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`;
	return `${Array.isArray(value) ? 'a list' : typeof value} (${JSON.stringify(value)?.slice(0, 60)})`;
}

export function invalidParameter(
	ctx: IExecuteFunctions,
	label: string,
	itemIndex: number,
	expected: string,
	value: unknown,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `"${label}" in item ${itemIndex} must be ${expected}`, {
		itemIndex,
		description: `Got ${describeValue(value)}. Fix the value, or the expression that produces it.`,
	});
}

/** A required text parameter that must pass `check` (which returns the expected form, or undefined). */
function readCheckedString(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	check: (value: string) => string | undefined,
): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (typeof raw !== 'string') throw invalidParameter(ctx, label, itemIndex, 'text', raw);
	const trimmed = raw.trim();
	const problem = check(trimmed);
	if (problem) throw invalidParameter(ctx, label, itemIndex, problem, raw);
	return trimmed;
}

export const readUuid = (ctx: IExecuteFunctions, name: string, label: string, itemIndex: number) =>
	readCheckedString(ctx, name, label, itemIndex, checkUuid);

export const readDateTime = (ctx: IExecuteFunctions, name: string, label: string, itemIndex: number) =>
	readCheckedString(ctx, name, label, itemIndex, checkIsoDateTime);

/** Check a value taken from a collection, with the same error form as the readers. */
export function checkValue(
	ctx: IExecuteFunctions,
	label: string,
	itemIndex: number,
	value: unknown,
	check: (value: string) => string | undefined,
): string {
	if (typeof value !== 'string') throw invalidParameter(ctx, label, itemIndex, check('') ?? 'text', value);
	const problem = check(value.trim());
	if (problem) throw invalidParameter(ctx, label, itemIndex, problem, value);
	return value.trim();
}

/** An optional text value taken from a collection already read; '' when absent or blank. */
export function optionalText(
	ctx: IExecuteFunctions,
	label: string,
	itemIndex: number,
	value: unknown,
	check?: (value: string) => string | undefined,
): string {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return '';
	return check ? checkValue(ctx, label, itemIndex, value, check) : checkValue(ctx, label, itemIndex, value, () => undefined);
}

export function checkPhone(ctx: IExecuteFunctions, label: string, itemIndex: number, value: unknown) {
	return checkValue(ctx, label, itemIndex, value, checkE164);
}

export function checkEmailAddress(ctx: IExecuteFunctions, label: string, itemIndex: number, value: unknown) {
	return checkValue(ctx, label, itemIndex, value, checkEmail);
}

export function readPartySize(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number, fallback = 1): number {
	const raw = ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	const problem = typeof value === 'number' ? checkPartySize(value) : checkPartySize(NaN);
	if (problem) throw invalidParameter(ctx, label, itemIndex, problem, raw);
	return value as number;
}

/** A JSON object given as an object or as JSON text (both happen with expressions). */
export function readJsonObject(ctx: IExecuteFunctions, label: string, itemIndex: number, raw: unknown): IDataObject {
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			throw invalidParameter(ctx, label, itemIndex, 'a JSON object such as {"source": "web"}', raw);
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw invalidParameter(ctx, label, itemIndex, 'a JSON object such as {"source": "web"}', raw);
	}
	return value as IDataObject;
}

/** A list of strings given as a list, or as comma-separated text. */
export function readStringList(ctx: IExecuteFunctions, label: string, itemIndex: number, raw: unknown): string[] {
	const list = typeof raw === 'string' ? raw.split(',') : raw;
	if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string' && typeof entry !== 'number')) {
		throw invalidParameter(ctx, label, itemIndex, 'a list of text values, or comma-separated text', raw);
	}
	return list.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

export function readCollection<T extends object>(ctx: IExecuteFunctions, name: string, itemIndex: number): Partial<T> {
	return (ctx.getNodeParameter(name, itemIndex, {}) ?? {}) as Partial<T>;
}

export interface TimeRange {
	start: string;
	end: string;
}

/** Two date-times that must both be valid and in order; the error names the later parameter. */
export function checkTimeRange(
	ctx: IExecuteFunctions,
	itemIndex: number,
	[startLabel, endLabel]: [string, string],
	start: unknown,
	end: unknown,
): TimeRange {
	const range = {
		start: checkValue(ctx, startLabel, itemIndex, start, checkIsoDateTime),
		end: checkValue(ctx, endLabel, itemIndex, end, checkIsoDateTime),
	};
	if (Date.parse(range.end) <= Date.parse(range.start)) {
		throw invalidParameter(ctx, endLabel, itemIndex, `later than "${startLabel}" (${range.start})`, end);
	}
	return range;
}

/** A start/end (or from/to) parameter pair, checked with `checkTimeRange`. */
export function readTimeRange(
	ctx: IExecuteFunctions,
	itemIndex: number,
	[startName, endName]: [string, string],
	labels: [string, string],
): TimeRange {
	const start = ctx.getNodeParameter(startName, itemIndex, '') as unknown;
	const end = ctx.getNodeParameter(endName, itemIndex, '') as unknown;
	return checkTimeRange(ctx, itemIndex, labels, start, end);
}
