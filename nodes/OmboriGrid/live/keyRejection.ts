import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { redact } from '../transport/errors';

/** The error for an API key the live connection's negotiate refused (401/403), without the key. */
export function keyRejectedError(node: INode, error: Error, apiKey: string, itemIndex?: number): NodeApiError {
	if (error instanceof NodeApiError) return error;
	const reason = redact(error.message, apiKey);
	return new NodeApiError(node, { message: reason } as JsonObject, {
		message: 'API key rejected by Ombori Grid',
		description: `The live connection was refused (${reason}). Check the API key in the Ombori Grid credential, and that it belongs to the configured region and tenant.`,
		itemIndex,
	});
}
