/**
 * In-process n8n: loads this package from its package.json `n8n` block (the built dist/) with
 * n8n-core's PackageDirectoryLoader and runs workflows through n8n-core's WorkflowExecute.
 * Modelled on n8n's own NodeTestHarness, which is not published.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// InstanceSettings, created lazily by n8n-core, writes <N8N_USER_FOLDER>/.n8n/config.
process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ombori-test-'));

import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';

import { installCapturingLogger } from './logs';
import { PACKAGE_NAME, findPackageDir } from '../../scripts/packageRoot';

export { PACKAGE_NAME };
export const PACKAGE_DIR = findPackageDir(__dirname);

/** Stand-in for n8n-nodes-base.manualTrigger, so the registry holds only our nodes. */
class ManualTrigger implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: '',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as unknown as INodeType['description'];

	async trigger(this: import('n8n-workflow').ITriggerFunctions) {
		const emit = (data: INodeExecutionData[][]) => this.emit(data);
		return { manualTriggerFunction: async () => emit([[{ json: {} }]]) };
	}
}

/** Stand-in for a Set/Code node: outputs the items given in its `items` parameter. */
class FixedItems implements INodeType {
	description = {
		displayName: 'Fixed Items',
		name: 'fixedItems',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions) {
		const raw = this.getNodeParameter('items', 0) as unknown;
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}

class NodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType | IVersionedNodeType> = {};

	add(fullType: string, type: INodeType | IVersionedNodeType) {
		this.types[fullType] = type;
	}

	getByName(nodeType: string) {
		return this.get(nodeType);
	}

	getByNameAndVersion(nodeType: string, version?: number) {
		return NodeHelpers.getVersionedNodeType(this.get(nodeType), version);
	}

	getKnownTypes() {
		return {};
	}

	list() {
		return Object.keys(this.types);
	}

	private get(nodeType: string) {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}
}

/** Applies a credential's generic `authenticate` block, as n8n's CredentialsHelper does. */
class CredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes() {
		return [];
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: any) {
		const auth = this.credentialTypes[typeName]?.authenticate;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		if (auth?.type === 'generic') {
			const resolve = (value: unknown) => {
				if (typeof value !== 'string' || !value.startsWith('=')) return value;
				const match = /^=\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(value);
				if (!match) throw new Error(`Harness cannot resolve credential expression ${value}`);
				return String(credentials[match[1]] ?? '');
			};
			for (const [where, entries] of Object.entries(auth.properties)) {
				requestOptions[where] = { ...(requestOptions[where] ?? {}) };
				for (const [key, value] of Object.entries(entries as IDataObject)) requestOptions[where][key] = resolve(value);
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getCredentialsProperties() {
		return [];
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}

	async getCredentials(): Promise<never> {
		throw new Error('not supported in the harness');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getOAuth2Options() {
		return undefined;
	}

	isCredentialUsableByNode() {
		return true;
	}
}

export interface LoadedPackage {
	nodeTypes: NodeTypes;
	credentialTypes: Record<string, ICredentialType>;
	packageName: string;
}

let loaded: Promise<LoadedPackage> | undefined;

/** The built package, loaded once per test file. Run `npm run build` first (npm test does). */
export function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		installCapturingLogger();
		const loader = new PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
		const nodeTypes = new NodeTypes();
		nodeTypes.add('n8n-nodes-base.manualTrigger', new ManualTrigger());
		nodeTypes.add('n8n-nodes-base.fixedItems', new FixedItems());
		for (const [name, { type }] of Object.entries(loader.nodeTypes)) nodeTypes.add(`${loader.packageName}.${name}`, type);
		const credentialTypes: Record<string, ICredentialType> = {};
		for (const [name, { type }] of Object.entries(loader.credentialTypes)) credentialTypes[name] = type;
		return { nodeTypes, credentialTypes, packageName: loader.packageName };
	})();
	return loaded;
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: INode[];
	connections: Workflow['connectionsBySourceNode'];
	settings?: IDataObject;
	staticData?: IDataObject;
}

export interface RunOptions {
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	mode?: WorkflowExecuteMode;
}

export function buildAdditionalData(
	pkg: LoadedPackage,
	hooks: ExecutionLifecycleHooks,
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
): IWorkflowExecuteAdditionalData {
	const unavailable = async () => {
		throw new Error('not available in the harness');
	};
	return {
		executionId: '1',
		hooks,
		credentialsHelper: new CredentialsHelper(pkg.credentialTypes, credentials),
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
		userId: 'test',
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		startRunnerTask: unavailable,
		executeWorkflow: unavailable,
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function buildWorkflow(pkg: LoadedPackage, json: WorkflowJson): Workflow {
	return new Workflow({
		id: json.id ?? 'test',
		name: json.name,
		nodes: json.nodes,
		connections: json.connections,
		settings: json.settings,
		staticData: json.staticData,
		active: false,
		nodeTypes: pkg.nodeTypes,
	});
}

export interface RunResult {
	run: IRun;
	/** Output items of a node's first run, first output. */
	output(nodeName: string): INodeExecutionData[];
	error: IRun['data']['resultData']['error'];
}

/** Runs a workflow from its first node (or the given start items) to the end. */
export async function runWorkflow(json: WorkflowJson, options: RunOptions & { startNode?: string; startItems?: INodeExecutionData[] } = {}): Promise<RunResult> {
	const pkg = await loadPackage();
	const mode = options.mode ?? 'manual';
	const workflow = buildWorkflow(pkg, json);
	const hooks = new ExecutionLifecycleHooks(mode, '1', { id: 'test', nodes: [], connections: {} } as never);
	const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
	const startNode = options.startNode ? workflow.getNode(options.startNode) : workflow.getStartNode();
	if (!startNode) throw new Error('workflow has no start node');
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			metadata: {},
			contextData: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: startNode, data: { main: [options.startItems ?? [{ json: {} }]] }, source: null }],
		},
	} as unknown as IRunExecutionData;
	const execute = new WorkflowExecute(buildAdditionalData(pkg, hooks, options.credentials), mode, runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await finished;
	return {
		run,
		error: run.data.resultData.error,
		output: (nodeName) => run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
	};
}

/** Stops the timers n8n-core singletons start lazily, so jest exits on its own. */
export function shutdownEngine(): void {
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
	if (Container.has(SSHClientsManager)) Container.get<{ onShutdown(): void }>(SSHClientsManager).onShutdown();
}
