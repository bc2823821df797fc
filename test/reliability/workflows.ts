import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from '../harness/engine';
import { ACTION_NODE, actionWorkflow, CREDENTIAL_REF } from '../harness/workflows';

/**
 * The harness's Start → Items → Ombori Grid workflow, with a second action node after the first,
 * fed by its output (error items included, as "Continue On Fail" passes them on).
 */
export function twoActionWorkflow(
	first: IDataObject,
	second: { name: string; parameters: IDataObject },
	items: IDataObject[],
): WorkflowJson {
	const workflow = actionWorkflow(first, { items, continueOnFail: true });
	const [template] = workflow.nodes.filter((node) => node.name === ACTION_NODE);
	workflow.nodes.push({
		...template,
		id: 'o2',
		name: second.name,
		position: [600, 0],
		parameters: second.parameters as INodeParameters,
		credentials: CREDENTIAL_REF,
	});
	workflow.connections[ACTION_NODE] = { main: [[{ node: second.name, type: 'main', index: 0 }]] };
	return workflow;
}
