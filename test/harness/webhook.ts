/**
 * A real HTTP endpoint for the webhook trigger, doing per request what n8n's production webhook
 * service does: load the workflow with its saved static data, run the node's `webhook()` in
 * n8n-core's WebhookContext with the real request, save static data if it changed, answer, and
 * start an execution through WorkflowExecute when the node returned `workflowData`.
 *
 * Static data is kept as n8n keeps it in the database: saved JSON, reloaded for every request.
 * `savedStaticData()` plus a new server started with it is an n8n restart.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExecutionLifecycleHooks, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { buildAdditionalData, buildWorkflow, loadPackage, PACKAGE_NAME, runWorkflow } from './engine';
import type { RunResult, WorkflowJson } from './engine';

export const TRIGGER_NODE = 'Ombori Grid Trigger';
const WEBHOOK_PATH = '/webhook/test-trigger/ombori';

export interface WebhookHarnessOptions {
	/** The trigger's node parameters. */
	parameters?: INodeParameters;
	/** Static data saved by an earlier server (simulates an n8n restart). */
	staticData?: IDataObject;
	/** 'webhook' for a published workflow, 'manual' for "Listen for test event". */
	mode?: Extract<WorkflowExecuteMode, 'webhook' | 'manual'>;
	/**
	 * False models n8n 2.41, which may handle the next call before the static data changed by the
	 * previous one is saved: every call then starts from the static data the server began with.
	 */
	saveStaticData?: boolean;
}

/**
 * Each harness server stands for one n8n process. The trigger's in-process memory is keyed by
 * workflow ID, so each server gets its own ID and a "restart" starts with an empty memory.
 */
let servers = 0;

export interface WebhookAnswer {
	status: number;
	body: unknown;
}

export interface TriggerExecution {
	/** What the trigger node output in this execution. */
	items: INodeExecutionData[];
	result: RunResult;
}

export interface WebhookHarness {
	url: string;
	/** One entry per request, in the order the answers were sent. */
	readonly answers: WebhookAnswer[];
	/** Finished executions, in the order they finished. */
	readonly executions: TriggerExecution[];
	/** Static data as n8n would have it in the database now. */
	savedStaticData(): IDataObject;
	/** Waits for every execution started so far. */
	idle(): Promise<void>;
	close(): Promise<void>;
}

export function triggerWorkflow(parameters: INodeParameters, staticData?: IDataObject): WorkflowJson {
	const node: INode = {
		id: 'w',
		name: TRIGGER_NODE,
		type: `${PACKAGE_NAME}.omboriGridTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		webhookId: 'test-trigger',
	};
	return { name: 'webhook', nodes: [node], connections: {}, staticData };
}

const readBody = (req: IncomingMessage): Promise<Buffer> =>
	new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});

/** n8n's body parser: JSON content types are parsed, anything else leaves `body` empty. */
function parsedBody(req: IncomingMessage, raw: Buffer): unknown {
	if (!/\bjson\b/i.test(req.headers['content-type'] ?? '')) return {};
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		return {};
	}
}

const parseAnswer = (text: string): unknown => {
	try {
		return text ? JSON.parse(text) : undefined;
	} catch {
		return text;
	}
};

/** Writes an answer and records it as the caller sees it. */
function answer(answers: WebhookAnswer[], res: ServerResponse, status: number, payload = '', contentType?: string): void {
	if (res.writableEnded) return;
	if (contentType) res.setHeader('content-type', contentType);
	res.statusCode = status;
	answers.push({ status, body: parseAnswer(payload) });
	res.end(payload);
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** The express Response methods nodes use, over the real ServerResponse. */
function responseShim(res: ServerResponse, answers: WebhookAnswer[]) {
	let status = 200;
	const shim = {
		status(code: number) {
			status = code;
			return shim;
		},
		setHeader(name: string, value: string) {
			res.setHeader(name, value);
			return shim;
		},
		json(body: unknown) {
			answer(answers, res, status, JSON.stringify(body), JSON_TYPE);
			return shim;
		},
		send(body: unknown) {
			if (typeof body === 'object' && body !== null && !Buffer.isBuffer(body)) return shim.json(body);
			return shim.end(body === undefined ? '' : String(body));
		},
		end(body = '') {
			answer(answers, res, status, body);
			return shim;
		},
		get headersSent() {
			return res.headersSent;
		},
	};
	return shim;
}

export async function startWebhookHarness(options: WebhookHarnessOptions = {}): Promise<WebhookHarness> {
	const pkg = await loadPackage();
	const mode = options.mode ?? 'webhook';
	const json = { ...triggerWorkflow(options.parameters ?? {}), id: `webhook-process-${++servers}` };
	let saved = JSON.stringify(options.staticData ?? {});
	const answers: WebhookAnswer[] = [];
	const executions: TriggerExecution[] = [];
	const running = new Set<Promise<void>>();
	const sendJson = (res: ServerResponse, status: number, body: unknown) =>
		answer(answers, res, status, JSON.stringify(body), JSON_TYPE);

	async function callWebhook(req: IncomingMessage, res: ServerResponse): Promise<IWebhookResponseData> {
		const rawBody = await readBody(req);
		const url = new URL(req.url ?? '/', 'http://harness');
		Object.assign(req, {
			rawBody,
			_body: true,
			readRawBody: async () => undefined,
			body: parsedBody(req, rawBody),
			query: Object.fromEntries(url.searchParams),
			params: {},
		});
		const workflow = buildWorkflow(pkg, { ...json, staticData: JSON.parse(saved) as IDataObject });
		const node = workflow.getNode(TRIGGER_NODE) as INode;
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
		const hooks = new ExecutionLifecycleHooks(mode, '1', json as never);
		const additionalData = Object.assign(buildAdditionalData(pkg, hooks), { httpRequest: req, httpResponse: responseShim(res, answers) });
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: 'ombori',
			webhookDescription: nodeType.description.webhooks![0],
			workflowId: 'test',
			workflowExecuteAdditionalData: additionalData,
		};
		const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
		const result = await nodeType.webhook!.call(context);
		// n8n's saveStaticData: only when the observable static data reports a change.
		const changed = (workflow.staticData as { __dataChanged?: boolean }).__dataChanged === true;
		if (changed && options.saveStaticData !== false) saved = JSON.stringify(workflow.staticData);
		return result;
	}

	function startExecution(items: INodeExecutionData[]): void {
		const execution = runWorkflow(json, { mode, startNode: TRIGGER_NODE, startItems: items }).then((result) => {
			executions.push({ items: result.output(TRIGGER_NODE), result });
		});
		running.add(execution);
		void execution.finally(() => running.delete(execution));
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		let result: IWebhookResponseData;
		try {
			result = await callWebhook(req, res);
		} catch (error) {
			// n8n answers a throwing webhook() with 500 and starts nothing.
			return sendJson(res, 500, { message: (error as Error).message });
		}
		if (result.noWebhookResponse) {
			// A node that claims to have answered but did not would leave Ombori hanging: fail loudly.
			if (!res.writableEnded) sendJson(res, 599, { message: 'noWebhookResponse without a response' });
			return;
		}
		if (!result.workflowData) return sendJson(res, 200, result.webhookResponse ?? { message: 'Webhook call received' });
		// responseMode 'onReceived': answer first, then run.
		sendJson(res, 200, { message: 'Workflow was started' });
		startExecution(result.workflowData[0]);
	}

	const server: Server = createServer((req, res) => void handle(req, res));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${WEBHOOK_PATH}`;

	return {
		url,
		answers,
		executions,
		savedStaticData: () => JSON.parse(saved) as IDataObject,
		idle: async () => {
			while (running.size > 0) await Promise.all([...running]);
		},
		close: async () => {
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			while (running.size > 0) await Promise.all([...running]);
		},
	};
}
