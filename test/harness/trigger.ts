/**
 * Runs a trigger node the way n8n activates it: n8n-core's TriggerContext around the built node,
 * `trigger()` called on it, and the emit / emitError / saveFailedExecution callbacks recorded.
 * Every trigger started here is closed by `closeAllTriggers()` (call it in afterEach).
 */
import { ExecutionLifecycleHooks, TriggerContext } from 'n8n-core';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	ITriggerResponse,
	WorkflowActivateMode,
} from 'n8n-workflow';

import { buildAdditionalData, buildWorkflow, loadPackage, PACKAGE_NAME } from './engine';
import { CREDENTIAL_REF } from './workflows';

export const TICKET_TRIGGER = 'Ticket Trigger';

export interface StartTriggerOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Workflow static data to start from, e.g. `staticData()` of an earlier run (a restart). */
	staticData?: IDataObject;
	nodeType?: string;
	activation?: WorkflowActivateMode;
}

export interface TriggerRun {
	/** The json of every item emitted, in order. */
	readonly emitted: IDataObject[];
	readonly errors: Error[];
	readonly failedExecutions: ExecutionError[];
	readonly response: ITriggerResponse;
	/** A copy of the workflow static data as the node left it. */
	staticData(): IDataObject;
	/** Resolves with the emitted items once there are at least `count`. */
	waitForEmitted(count: number, timeoutMs?: number): Promise<IDataObject[]>;
	waitForError(timeoutMs?: number): Promise<Error>;
	close(): Promise<void>;
}

const running = new Set<TriggerRun>();

/** Polls `check` until it holds; rejects with `what` after `timeoutMs`. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

export function triggerNode(parameters: INodeParameters, nodeType = `${PACKAGE_NAME}.omboriGridTicketTrigger`): INode {
	return {
		id: 'tt',
		name: TICKET_TRIGGER,
		type: nodeType,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: CREDENTIAL_REF,
	};
}

export async function startTrigger(parameters: INodeParameters, options: StartTriggerOptions): Promise<TriggerRun> {
	const pkg = await loadPackage();
	const node = triggerNode(parameters, options.nodeType);
	const workflow = buildWorkflow(pkg, {
		name: 'trigger',
		nodes: [node],
		connections: {},
		staticData: structuredClone(options.staticData ?? {}),
	});
	const hooks = new ExecutionLifecycleHooks('trigger', '1', { id: 'test', nodes: [], connections: {} } as never);
	const emitted: IDataObject[] = [];
	const errors: Error[] = [];
	const failedExecutions: ExecutionError[] = [];
	const context = new TriggerContext(
		workflow,
		node,
		buildAdditionalData(pkg, hooks, options.credentials),
		'trigger',
		options.activation ?? 'activate',
		(data: INodeExecutionData[][]) => emitted.push(...data.flat().map((item) => item.json)),
		(error: Error) => errors.push(error),
		(error: ExecutionError) => failedExecutions.push(error),
	);
	const nodeType = pkg.nodeTypes.getByNameAndVersion(node.type, 1) as INodeType;
	const response = (await nodeType.trigger!.call(context)) ?? {};
	let closing: Promise<void> | undefined;
	const run: TriggerRun = {
		emitted,
		errors,
		failedExecutions,
		response,
		staticData: () => JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		waitForEmitted: async (count, timeoutMs) => {
			await eventually(() => emitted.length >= count, `${count} emitted item(s), got ${emitted.length}`, timeoutMs);
			return emitted;
		},
		waitForError: async (timeoutMs) => {
			await eventually(() => errors.length > 0, 'emitError', timeoutMs);
			return errors[0];
		},
		close: () => {
			running.delete(run);
			closing ??= Promise.resolve(response.closeFunction?.());
			return closing;
		},
	};
	running.add(run);
	return run;
}

export async function closeAllTriggers(): Promise<void> {
	await Promise.all([...running].map(async (run) => await run.close()));
}
