import type { IAllExecuteFunctions, IDataObject, IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pause } from '../shared/waiting';

import {
	CREDENTIAL_TYPE,
	apiOrigin,
	describeAddressProblem,
	organizationUrl,
	toOmboriCredentials,
} from './baseUrl';
import type { ApiSubject } from './errors';
import { apiFailure } from './errors';
import type { Outcome } from './retryPolicy';
import { MAX_ATTEMPTS, MAX_RETRY_AFTER_MS, REQUEST_TIMEOUT_MS, isRetryable, retryDelayMs } from './retryPolicy';

export type RequestContext = IAllExecuteFunctions;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Relative to the organisation URL, e.g. `/queues/{queueId}/join`. */
	path: string;
	qs?: IDataObject;
	body?: object;
	subject: ApiSubject;
	itemIndex?: number;
	/**
	 * Whether sending the request twice is harmless. Defaults to true for everything but POST;
	 * a POST that updates by ID (E1 with a ticket ID) may say so explicitly.
	 */
	safeToRepeat?: boolean;
	/** Stops the request and any retry pause; defaults to the execution's cancel signal. */
	abortSignal?: AbortSignal;
}

/** The system error code; n8n's NodeApiError keeps it in `httpCode` when there was no response. */
function errorCode(error: unknown): string {
	const { code, cause, httpCode } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown }; httpCode?: unknown };
	const found = [cause?.code, code, httpCode].find((value) => typeof value === 'string' && /^E[A-Z_]+$/.test(value));
	// Unknown failures count as "sent": the safe assumption for a POST.
	return (found as string | undefined) ?? 'ECONNRESET';
}

/** A JSON body, or `malformed` when the server said JSON and sent something else. */
function readBody(response: IN8nHttpFullResponse): { body: unknown } | 'malformed' {
	const { body } = response;
	if (typeof body !== 'string' && !Buffer.isBuffer(body)) return { body };
	const text = body.toString();
	if (text.trim() === '') return { body: undefined };
	try {
		return { body: JSON.parse(text) };
	} catch {
		const type = String(response.headers?.['content-type'] ?? '');
		return type.includes('json') || response.statusCode < 300 ? 'malformed' : { body: text };
	}
}

/**
 * The one caller of `httpRequestWithAuthentication`: builds the URL from the credential,
 * retries what is safe to retry (see retryPolicy.ts) and turns failures into errors a user can act on.
 */
export async function omboriRequest<T>(ctx: RequestContext, request: ApiRequest): Promise<T> {
	const { method, path, qs, body, subject, itemIndex } = request;
	const credentials = toOmboriCredentials(await ctx.getCredentials(CREDENTIAL_TYPE, itemIndex));
	const addressProblem = describeAddressProblem(credentials);
	if (addressProblem) {
		throw new NodeOperationError(ctx.getNode(), addressProblem, {
			itemIndex,
			description: 'Open the Ombori Grid credential and complete the region, tenant and URL fields.',
		});
	}
	const safeToRepeat = request.safeToRepeat ?? method !== 'POST';
	const abortSignal = request.abortSignal ?? ('getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined);
	const url = `${organizationUrl(credentials)}${path}`;

	for (let attempt = 1; ; attempt++) {
		let outcome: Outcome;
		let responseBody: unknown;
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, {
				method,
				url,
				qs,
				body,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: REQUEST_TIMEOUT_MS,
				abortSignal,
			})) as IN8nHttpFullResponse;
			const parsed = readBody(response);
			if (parsed !== 'malformed') responseBody = parsed.body;
			if (parsed !== 'malformed' && response.statusCode < 300) return parsed.body as T;
			outcome =
				parsed === 'malformed' && response.statusCode < 300
					? { kind: 'malformed' }
					: {
							kind: 'status',
							status: response.statusCode,
							retryAfter: response.headers?.['retry-after'] as string | undefined,
						};
		} catch (error) {
			outcome = { kind: 'network', code: errorCode(error) };
		}

		const delay = retryDelayMs(attempt, outcome.kind === 'status' ? outcome.retryAfter : undefined);
		const retry = attempt < MAX_ATTEMPTS && delay <= MAX_RETRY_AFTER_MS && isRetryable(outcome, safeToRepeat);
		ctx.logger.debug('Ombori Grid request failed', {
			method,
			path,
			outcome: outcome.kind === 'status' ? outcome.status : outcome.kind === 'network' ? outcome.code : 'malformed',
			attempt,
			retryInMs: retry ? delay : undefined,
		});
		if (!retry) {
			throw apiFailure(outcome, responseBody, {
				node: ctx.getNode(),
				subject,
				origin: apiOrigin(credentials),
				attempts: attempt,
				safeToRepeat,
				itemIndex,
				secret: credentials.apiKey,
			});
		}
		if (!(await pause(delay, abortSignal))) {
			throw new NodeOperationError(ctx.getNode(), 'Stopped while waiting to retry an Ombori Grid request', { itemIndex });
		}
	}
}
