import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	customDataField,
	customerInfoField,
	localeField,
	notificationFields,
	numberOfPeopleField,
	tagsField,
} from './fields';
import { buildNotification } from './notification';
import { invalidParameter, readJsonObject, readStringList } from './params';
import { readTags } from './tags';
import type { PositionUpdate } from './types';
import { checkPartySize } from './validate';

/** The "Update Fields" that E10 accepts for any ticket, booking or reservation. */
export const positionUpdateFields: INodeProperties[] = [
	customDataField,
	customerInfoField,
	localeField,
	...notificationFields,
	numberOfPeopleField,
	tagsField,
];

export interface PositionUpdateInput {
	customData?: unknown;
	customerInfo?: unknown;
	locale?: string;
	notifyBy?: string;
	phone?: unknown;
	email?: unknown;
	numberOfPeople?: unknown;
	tags?: unknown;
}

/** The E10 body from the fields the user added; only those fields are sent. */
export function buildPositionUpdate(ctx: IExecuteFunctions, fields: PositionUpdateInput, itemIndex: number): PositionUpdate {
	const update: PositionUpdate = {};
	if (fields.customData !== undefined) update.customData = readJsonObject(ctx, 'Custom Data (JSON)', itemIndex, fields.customData);
	if (fields.customerInfo !== undefined) update.customerInfo = readStringList(ctx, 'Customer Info', itemIndex, fields.customerInfo);
	if (fields.locale !== undefined && fields.locale.trim() !== '') update.locale = fields.locale.trim();
	if (fields.notifyBy !== undefined) {
		const notification = buildNotification(ctx, fields, itemIndex);
		if (notification) update.notification = notification;
	}
	if (fields.numberOfPeople !== undefined) {
		const size = Number(fields.numberOfPeople);
		const problem = checkPartySize(size);
		if (problem) throw invalidParameter(ctx, 'Number of People', itemIndex, problem, fields.numberOfPeople);
		update.numberOfPeople = size;
	}
	if (fields.tags !== undefined) {
		const tags = readTags(ctx, itemIndex, fields.tags);
		if (tags) update.tags = tags;
	}
	return update;
}
