import type { ITriggerFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { TICKET_STATUSES } from '../shared/types';
import { checkUuid } from '../shared/validate';
import type { EmitOn, EmitRules } from './emitRules';
import type { ConnectionSettings } from './signalrConnection';

/** Reconnect and connect timing of live connections (README "Live ticket trigger"). */
export const LIVE_DEFAULTS: ConnectionSettings = {
	initialDelayMs: 1_000,
	maxDelayMs: 30_000,
	connectTimeoutMs: 15_000,
};

export interface TriggerSettings {
	queueId: string;
	ticketIds: string[];
	rules: EmitRules;
	simplify: boolean;
	connection: ConnectionSettings;
}

interface TriggerOptions {
	stopOnTerminal?: boolean;
	simplify?: boolean;
	reconnectDelay?: number;
	maxReconnectDelay?: number;
	connectTimeout?: number;
}

function invalid(ctx: ITriggerFunctions, label: string, expected: string, value: unknown): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `"${label}" must be ${expected}`, {
		description: `Got ${JSON.stringify(value)?.slice(0, 80) ?? 'nothing'}. Fix the value in the trigger's parameters.`,
	});
}

function readUuidList(ctx: ITriggerFunctions, raw: unknown): string[] {
	const list = typeof raw === 'string' ? raw.split(/[\s,]+/) : raw;
	const expected = 'one or more ticket UUIDs, separated by commas';
	if (!Array.isArray(list)) throw invalid(ctx, 'Ticket IDs', expected, raw);
	const ids = [...new Set(list.map((entry) => String(entry).trim()).filter((entry) => entry !== ''))];
	if (ids.length === 0 || ids.some((id) => checkUuid(id))) throw invalid(ctx, 'Ticket IDs', expected, raw);
	return ids;
}

function readPositiveMs(ctx: ITriggerFunctions, label: string, value: number | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
		throw invalid(ctx, label, 'a number of milliseconds greater than 0', value);
	}
	return value;
}

export function readTriggerSettings(ctx: ITriggerFunctions): TriggerSettings {
	const queueId = String(ctx.getNodeParameter('queueId', '')).trim();
	if (checkUuid(queueId)) throw invalid(ctx, 'Queue ID', checkUuid(queueId)!, queueId);
	const ticketIds = readUuidList(ctx, ctx.getNodeParameter('ticketIds', ''));

	const statuses = ctx.getNodeParameter('statuses', []) as string[];
	const known: readonly string[] = TICKET_STATUSES;
	if (!Array.isArray(statuses) || statuses.some((status) => !known.includes(status))) {
		throw invalid(ctx, 'Statuses', `a list of ${TICKET_STATUSES.join(', ')}`, statuses);
	}
	const emitOn = ctx.getNodeParameter('emitOn', 'statusChange') as EmitOn;
	const notifyAt = Number(ctx.getNodeParameter('notifyAtPosition', 0));
	if (!Number.isInteger(notifyAt) || notifyAt < 0) {
		throw invalid(ctx, 'Notify at Position', 'a whole number (0 for off)', notifyAt);
	}

	const options = ctx.getNodeParameter('options', {}) as TriggerOptions;
	const connection: ConnectionSettings = {
		initialDelayMs: readPositiveMs(ctx, 'Reconnect Delay', options.reconnectDelay, LIVE_DEFAULTS.initialDelayMs),
		maxDelayMs: readPositiveMs(ctx, 'Max Reconnect Delay', options.maxReconnectDelay, LIVE_DEFAULTS.maxDelayMs),
		connectTimeoutMs: readPositiveMs(ctx, 'Connect Timeout', options.connectTimeout, LIVE_DEFAULTS.connectTimeoutMs),
	};
	return {
		queueId,
		ticketIds,
		rules: {
			emitOn: emitOn === 'everyUpdate' ? 'everyUpdate' : 'statusChange',
			statuses,
			notifyAtPosition: notifyAt > 0 ? notifyAt : undefined,
			stopOnTerminal: options.stopOnTerminal ?? true,
		},
		simplify: options.simplify === true,
		connection,
	};
}
