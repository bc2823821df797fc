/** Building n8n workflow JSON (the import:workflow format) without repeating node boilerplate. */
import { writeFileSync } from 'node:fs';

export const NODE_PREFIX = 'n8n-nodes-ombori-grid';

/** The Ombori Grid Trigger's webhook path (fixed in its description); n8n puts the node's webhookId before it. */
export const TRIGGER_WEBHOOK_PATH = 'ombori';

/** A node before it is placed on the canvas. */
export interface NodeSpec {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	onError?: string;
}

export interface WorkflowNode extends NodeSpec {
	id: string;
	position: [number, number];
}

export interface WorkflowJson {
	id: string;
	name: string;
	active: boolean;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: Record<string, unknown>;
	[key: string]: unknown;
}

export interface CredentialRef {
	id: string;
	name: string;
}

/** Where a simulator is, as `startSimulator` reports it. */
export interface SimulatorAddress {
	apiRoot: string;
	tenantId: string;
	apiKey: string;
}

/**
 * The import:credentials file of an Ombori Grid credential pointing at a simulator (Region
 * Custom URL). The data is plaintext; n8n encrypts it with the user folder's key on import.
 */
export function simulatorCredentialFile(ref: CredentialRef, sim: SimulatorAddress) {
	return credentialFile(ref, { region: 'custom', customUrl: sim.apiRoot, tenantId: sim.tenantId, apiKey: sim.apiKey });
}

/** An Ombori Grid credential with any field values, in the import:credentials format. */
export function credentialFile(ref: CredentialRef, data: Record<string, string>) {
	return [{ ...ref, type: 'omboriGridApi', data }];
}

/** Nodes in a row, each feeding the next: the shape of every headless test workflow. */
export function chainWorkflow(id: string, name: string, nodes: NodeSpec[]): WorkflowJson {
	const placed = nodes.map((node, index) => ({ ...node, id: `${id}-${index}`, position: [index * 220, 0] as [number, number] }));
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i + 1 < placed.length; i++) {
		connections[placed[i].name] = { main: [[{ node: placed[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes: placed, connections, settings: { executionOrder: 'v1' } };
}

/** A node of this package (`omboriGrid`, `omboriGridTrigger`, ...) at version 1. */
export function packageNode(type: string, name: string, parameters: Record<string, unknown>, extra: Partial<NodeSpec> = {}): NodeSpec {
	return { name, type: `${NODE_PREFIX}.${type}`, typeVersion: 1, parameters, ...extra };
}

/** An Ombori Grid action node with its credential. */
export const actionNode = (name: string, credential: CredentialRef, parameters: Record<string, unknown>): NodeSpec =>
	packageNode('omboriGrid', name, parameters, { credentials: { omboriGridApi: credential } });

export const manualTrigger: NodeSpec = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };

/** Writes a file for import:credentials / import:workflow and returns its path. */
export function writeJson(path: string, content: unknown): string {
	writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`);
	return path;
}
