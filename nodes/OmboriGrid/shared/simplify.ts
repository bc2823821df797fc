import type { IDataObject } from 'n8n-workflow';

import type { Position } from './types';

/** Phone and e-mail live in the notification, or in registration data (old and new shapes). */
function contact(position: Position, kind: 'phone' | 'email'): string | null {
	const settings = position.notification?.settings;
	const fromNotification = kind === 'phone' ? settings?.to : settings?.recipient;
	if (typeof fromNotification === 'string' && fromNotification) return fromNotification;
	const registration = position.registrationData;
	if (Array.isArray(registration)) {
		const field = registration.find((entry) => entry?.name === kind || entry?.type === kind);
		return typeof field?.value === 'string' ? field.value : null;
	}
	const legacy = registration?.[kind] as { value?: unknown } | undefined;
	return typeof legacy?.value === 'string' ? legacy.value : null;
}

/** The flat shape of the "Simplify" option (README "Output"). */
export function simplifyPosition(position: Position, positionUrl?: string): IDataObject {
	return {
		id: position.id,
		label: position.label ?? '',
		status: position.status,
		type: position.type,
		queueId: position.queue,
		numberInTheQueue: position.numberInTheQueue ?? null,
		createdAt: position.createdAt ?? null,
		bookingStart: position.booking?.start ?? null,
		bookingEnd: position.booking?.end ?? null,
		customerInfo: position.customerInfo ?? [],
		phone: contact(position, 'phone'),
		email: contact(position, 'email'),
		positionUrl: positionUrl ?? (position.positionUrl as string | undefined) ?? null,
	};
}
