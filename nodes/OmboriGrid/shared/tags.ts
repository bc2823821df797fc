import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidParameter } from './params';
import type { Tag } from './types';
import { checkUuid } from './validate';

const EXPECTED = 'a JSON list of tags such as [{"id": "<tag UUID>", "title": {"en": "VIP"}}]';

function isTag(value: unknown): value is Tag {
	const tag = value as Tag;
	return (
		!!tag &&
		typeof tag === 'object' &&
		typeof tag.id === 'string' &&
		!checkUuid(tag.id) &&
		!!tag.title &&
		typeof tag.title === 'object' &&
		Object.values(tag.title).every((text) => typeof text === 'string')
	);
}

/** Tags from JSON text or a list; undefined when empty so the API keeps the current tags. */
export function readTags(ctx: IExecuteFunctions, itemIndex: number, raw: unknown): Tag[] | undefined {
	if (raw === undefined || raw === null) return undefined;
	let value = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return undefined;
		try {
			value = JSON.parse(raw);
		} catch {
			throw invalidParameter(ctx, 'Tags (JSON)', itemIndex, EXPECTED, raw);
		}
	}
	if (!Array.isArray(value) || !value.every(isTag)) throw invalidParameter(ctx, 'Tags (JSON)', itemIndex, EXPECTED, raw);
	return value.length ? value : undefined;
}
