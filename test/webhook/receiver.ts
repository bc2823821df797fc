/** A bare loopback HTTP endpoint that records what the simulator delivers (no n8n involved). */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
	method: string;
	headers: IncomingHttpHeaders;
	body: unknown;
}

export interface Receiver {
	url: string;
	readonly received: ReceivedRequest[];
	/** Status for the following answers; default 200. */
	answerWith(status: number): void;
	/** Hold answers until `release()`, so a test can see a delivery still in flight. */
	hold(): void;
	release(): void;
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const received: ReceivedRequest[] = [];
	let status = 200;
	let holding = false;
	const held: Array<() => void> = [];
	const server = createServer((req, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ method: req.method ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
			const answer = (code: number) => () => res.writeHead(code).end();
			if (holding) held.push(answer(status));
			else answer(status)();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		received,
		answerWith: (code) => {
			status = code;
		},
		hold: () => {
			holding = true;
		},
		release: () => {
			holding = false;
			held.splice(0).forEach((send) => send());
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
