import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** The slice of express's Response the trigger writes to (n8n ships no express types). */
interface ResponseWriter {
	status(code: number): { json(body: unknown): unknown };
}

/**
 * Answers the request without starting an execution. n8n's own answer would be 200, so the
 * status is written here and `noWebhookResponse` tells n8n not to answer a second time.
 */
export function refuse(ctx: IWebhookFunctions, status: 400 | 401, message: string): IWebhookResponseData {
	ctx.logger.warn(`Ombori Grid Trigger answered ${status}: ${message}`, { node: ctx.getNode().name });
	const response: ResponseWriter = ctx.getResponseObject();
	response.status(status).json({ message });
	return { noWebhookResponse: true };
}

/** 200 without an execution: Ombori must not redeliver events the user chose to skip. */
export function ignore(ctx: IWebhookFunctions, reason: string): IWebhookResponseData {
	ctx.logger.debug(`Ombori Grid Trigger ignored an event: ${reason}`, { node: ctx.getNode().name });
	return { webhookResponse: { message: `Event ignored: ${reason}` } };
}
