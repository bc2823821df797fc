/**
 * The example workflows in examples/: what the demo imports and publishes, and what the e2e
 * imports, checks and runs the same way, so the demo's clicks are tested on every n8n version.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';
import type { CredentialRef, WorkflowJson, WorkflowNode } from './workflowJson';

export const examplesDir = (): string => join(repoRoot(), 'examples');

/** The credential every example refers to, so the examples run as soon as they are imported. */
export const EXAMPLE_CREDENTIAL: CredentialRef = { id: 'omboriGridDemo01', name: 'Ombori Grid simulator' };

/** The examples that run without outside services, by workflow id. */
export const EXAMPLE_IDS = {
	form: 'exJoinQueueForm1',
	live: 'exNotifyCalled01',
	webhook: 'exQueueEventsHook',
	reserve: 'exReserveConfirm',
} as const;

export function exampleWorkflows(): WorkflowJson[] {
	return readdirSync(examplesDir())
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => JSON.parse(readFileSync(join(examplesDir(), name), 'utf8')) as WorkflowJson);
}

export function exampleWorkflow(id: string): WorkflowJson {
	const workflow = exampleWorkflows().find((candidate) => candidate.id === id);
	if (!workflow) throw new Error(`No example workflow with id ${id} in ${examplesDir()}`);
	return workflow;
}

/** The first node whose type ends with `suffix` (e.g. `.formTrigger`). */
export function nodeOfType(workflow: WorkflowJson, suffix: string): WorkflowNode {
	const node = workflow.nodes.find((candidate) => candidate.type.endsWith(suffix));
	if (!node) throw new Error(`${workflow.name} has no ${suffix} node`);
	return node;
}

/** "Notify when a ticket is called" watching the given tickets (the file holds a placeholder ID). */
export function liveExampleWatching(ticketIds: string[]): WorkflowJson {
	const workflow = exampleWorkflow(EXAMPLE_IDS.live);
	const trigger = nodeOfType(workflow, '.omboriGridTicketTrigger');
	trigger.parameters = { ...trigger.parameters, ticketIds: ticketIds.join(', ') };
	return workflow;
}

/** Where the published examples listen, relative to n8n's URL. */
export function examplePaths(): { form: string; reserve: string; webhookId: string } {
	const form = nodeOfType(exampleWorkflow(EXAMPLE_IDS.form), '.formTrigger').parameters.options as { path: string };
	const reserve = nodeOfType(exampleWorkflow(EXAMPLE_IDS.reserve), 'n8n-nodes-base.webhook').parameters.path as string;
	const webhookId = nodeOfType(exampleWorkflow(EXAMPLE_IDS.webhook), '.omboriGridTrigger').webhookId as string;
	return { form: `/form/${form.path}`, reserve: `/webhook/${reserve}`, webhookId };
}
