/**
 * The example workflows import into real n8n and every node in them, like every node of the e2e
 * workflows, is of a type and version this n8n knows: read back from n8n itself
 * (`export:workflow --all` for what was stored, `export:nodes` for the loaded node types).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleWorkflows, examplesDir } from '../../scripts/n8n/examples';
import type { WorkflowJson } from '../../scripts/n8n/workflowJson';
import type { E2eContext } from '../context';

export async function importExamples(ctx: E2eContext): Promise<void> {
	await ctx.n8n.cli(['import:workflow', '--separate', `--input=${examplesDir()}`]);
}

interface NodeTypeEntry {
	name: string;
	version: number | number[];
}

export async function checkExamples(ctx: E2eContext): Promise<void> {
	const storedFile = join(ctx.workDir, 'stored-workflows.json');
	const typesFile = join(ctx.workDir, 'node-types.json');
	await ctx.n8n.cli(['export:workflow', '--all', `--output=${storedFile}`]);
	await ctx.n8n.cli(['export:nodes', `--output=${typesFile}`]);
	const stored = JSON.parse(readFileSync(storedFile, 'utf8')) as WorkflowJson[];
	const known = new Map<string, number[]>();
	for (const entry of JSON.parse(readFileSync(typesFile, 'utf8')) as NodeTypeEntry[]) {
		known.set(entry.name, [...(known.get(entry.name) ?? []), ...[entry.version].flat()]);
	}

	const examples = exampleWorkflows();
	assert.ok(examples.length >= 5, 'at least five example workflows');
	const storedIds = new Set(stored.map((workflow) => workflow.id));
	assert.deepEqual(examples.filter((example) => !storedIds.has(example.id)).map((example) => example.name), [], 'examples not imported');

	const unknown = stored.flatMap((workflow) =>
		workflow.nodes
			.filter((node) => !known.get(node.type)?.includes(node.typeVersion))
			.map((node) => `${workflow.name} › ${node.name}: ${node.type} v${node.typeVersion} (known: ${known.get(node.type)?.join(', ') ?? 'none'})`),
	);
	assert.deepEqual(unknown, [], 'node types or versions this n8n does not know');
}
