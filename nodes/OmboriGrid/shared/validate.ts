/**
 * Pure input checks. Each returns undefined when the value is fine, or the expected form,
 * which the parameter readers turn into an error naming the parameter and the item.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Date, time and an explicit zone: a booking without a zone means different times to different servers. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkUuid(value: string): string | undefined {
	return UUID.test(value) ? undefined : 'a UUID such as 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';
}

/** Date.parse rolls 2027-02-30 over to 2 March, so the day is checked against its month as written. */
function isCalendarDay(value: string): boolean {
	const [year, month, day] = value.slice(0, 10).split('-').map(Number);
	return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function checkIsoDateTime(value: string): string | undefined {
	if (!ISO_WITH_ZONE.test(value) || Number.isNaN(Date.parse(value)) || !isCalendarDay(value)) {
		return 'an ISO 8601 date and time with a time zone, such as 2026-12-05T09:00:00Z or 2026-12-05T10:00:00+01:00';
	}
	return undefined;
}

export function checkE164(value: string): string | undefined {
	return E164.test(value) ? undefined : 'a phone number in E.164 form, such as +46701234567';
}

export function checkEmail(value: string): string | undefined {
	return EMAIL.test(value) ? undefined : 'an e-mail address such as jane@example.com';
}

export function checkPartySize(value: number): string | undefined {
	return Number.isInteger(value) && value >= 1 ? undefined : 'a whole number of at least 1';
}
