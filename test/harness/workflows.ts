import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { PACKAGE_NAME } from './engine';
import type { WorkflowJson } from './engine';

export const ACTION_NODE = 'Ombori Grid';
export const CREDENTIAL_REF = { omboriGridApi: { id: '1', name: 'Ombori test' } };

export interface ActionWorkflowOptions {
	/** Input items for the action node; one empty item when absent. */
	items?: IDataObject[];
	continueOnFail?: boolean;
}

/** Manual Trigger → (Items) → Ombori Grid with the given parameters. */
export function actionWorkflow(parameters: Record<string, unknown>, options: ActionWorkflowOptions = {}): WorkflowJson {
	const nodes: INode[] = [
		{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	if (options.items) {
		nodes.push({
			id: 'i',
			name: 'Items',
			type: 'n8n-nodes-base.fixedItems',
			typeVersion: 1,
			position: [200, 0],
			parameters: { items: JSON.stringify(options.items) },
		});
	}
	nodes.push({
		id: 'o',
		name: ACTION_NODE,
		type: `${PACKAGE_NAME}.omboriGrid`,
		typeVersion: 1,
		position: [400, 0],
		parameters: parameters as INodeParameters,
		credentials: CREDENTIAL_REF,
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	});
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name: 'action', nodes, connections };
}
