/** Reading requests and writing answers on the raw `node:http` objects. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteResponse } from './router';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

export function readRawBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** A string body goes out as text (error pages, fault bodies), anything else as JSON. */
export function sendResponse(res: ServerResponse, response: RouteResponse): void {
	const isText = typeof response.body === 'string';
	const payload =
		response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body);
	sendRaw(res, response.status, payload, {
		'content-type': isText ? TEXT_TYPE : JSON_CONTENT_TYPE,
		...response.headers,
	});
}

export function sendRaw(
	res: ServerResponse,
	status: number,
	payload: string,
	headers: Record<string, string>,
): void {
	if (res.headersSent || res.destroyed) return;
	res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(payload)) });
	res.end(payload);
}

/** Timers are unref'd so a request stuck in simulated latency never keeps the process alive. */
export const delay = (ms: number): Promise<void> =>
	new Promise((resolve) => setTimeout(resolve, ms).unref());
