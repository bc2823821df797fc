/**
 * Readers for request bodies and query strings. Each returns a typed value or throws a 400,
 * so handlers never touch `unknown`. The simulator checks types and dates only: formats such as
 * e-mail or phone numbers are the client's job and are stored as sent.
 */
import type { BookingSlot, Notification, Tag } from '../nodes/OmboriGrid/shared/types';
import { badRequest } from './errors';
import { MAX_RANGE_DAYS } from './slots';
import { DAY_MS, parseIsoDate } from './time';

export type JsonObject = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

export const isObject = (value: unknown): value is JsonObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringArray = (value: unknown): value is string[] =>
	Array.isArray(value) && value.every(isString);
const isTagArray = (value: unknown): value is Tag[] =>
	Array.isArray(value) && value.every((tag) => isObject(tag) && isString(tag.id) && isObject(tag.title));
const isNotification = (value: unknown): value is Notification =>
	isObject(value) && isString(value.type) && isObject(value.settings);
export const isPositiveInteger = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 1;

export function requireObject(value: unknown, name = 'Request body'): JsonObject {
	if (!isObject(value)) throw badRequest(`${name} must be a JSON object`);
	return value;
}

function optional<T>(
	source: JsonObject,
	key: string,
	check: (value: unknown) => value is T,
	expected: string,
): T | undefined {
	const value = source[key];
	if (value === undefined) return undefined;
	if (!check(value)) throw badRequest(`${key} must be ${expected}`);
	return value;
}

export const optionalString = (source: JsonObject, key: string) =>
	optional(source, key, isString, 'a string');
export const optionalStringArray = (source: JsonObject, key: string) =>
	optional(source, key, isStringArray, 'an array of strings');
export const optionalTags = (source: JsonObject, key: string) =>
	optional(source, key, isTagArray, 'an array of tags ({id, title})');
export const optionalNotification = (source: JsonObject, key: string) =>
	optional(source, key, isNotification, 'an object {type, settings}');
export const optionalPositiveInteger = (source: JsonObject, key: string) =>
	optional(source, key, isPositiveInteger, 'an integer of at least 1');
export const optionalObject = (source: JsonObject, key: string) =>
	optional(source, key, isObject, 'a JSON object');

/** A complete slot: both ends valid ISO dates, `end` after `start`, at most MAX_RANGE_DAYS long. */
export function checkBookingSlot(value: unknown): BookingSlot {
	const booking = requireObject(value, 'booking');
	const start = parseIsoDate(booking.start);
	const end = parseIsoDate(booking.end);
	if (start === undefined) throw badRequest('booking.start must be an ISO 8601 date-time');
	if (end === undefined) throw badRequest('booking.end must be an ISO 8601 date-time');
	if (end <= start) throw badRequest('booking.end must be after booking.start');
	if (end - start > MAX_RANGE_DAYS * DAY_MS) {
		throw badRequest(`A booking cannot be longer than ${MAX_RANGE_DAYS} days`);
	}
	return booking as BookingSlot;
}

/** For updates: any subset of a slot; the merged result is checked with `checkBookingSlot`. */
export const optionalPartialBooking = (source: JsonObject, key: string) =>
	optional(source, key, isObject, 'a JSON object {start, end}') as Partial<BookingSlot> | undefined;
