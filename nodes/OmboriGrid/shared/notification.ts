import type { IExecuteFunctions } from 'n8n-workflow';

import { checkEmailAddress, checkPhone, invalidParameter } from './params';
import type { Notification } from './types';

interface NotificationInput {
	notifyBy?: string;
	phone?: unknown;
	email?: unknown;
}

/** The API's notification object from the Notify By / Phone / Email fields; undefined for none. */
export function buildNotification(
	ctx: IExecuteFunctions,
	fields: NotificationInput,
	itemIndex: number,
): Notification | undefined {
	switch (fields.notifyBy ?? 'none') {
		case 'none':
			return undefined;
		case 'phoneNumber':
			return { type: 'phoneNumber', settings: { to: checkPhone(ctx, 'Phone', itemIndex, fields.phone) } };
		case 'email':
			return { type: 'email', settings: { recipient: checkEmailAddress(ctx, 'Email', itemIndex, fields.email) } };
		default:
			throw invalidParameter(ctx, 'Notify By', itemIndex, 'SMS, E-Mail or None', fields.notifyBy);
	}
}
