import type { IDataObject } from 'n8n-workflow';

import { simplifyPosition } from '../shared/simplify';
import type { WebhookEnvelope } from '../shared/types';

/**
 * One output item per event. `event` is the normalised type (legacy names mapped). Envelope
 * fields Ombori may add later are kept beside ours, but never replace them.
 */
export function eventItem(envelope: WebhookEnvelope, event: string, simplify: boolean): IDataObject {
	const { type: _type, data, message, organization, ...extra } = envelope as WebhookEnvelope & IDataObject;
	const position = data.position;
	if (simplify) return { event, message: message ?? null, ...simplifyPosition(position) };
	return { ...extra, event, message: message ?? null, organization: organization ?? null, ticket: position as IDataObject };
}
