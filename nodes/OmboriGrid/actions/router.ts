import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runItems } from './itemPool';
import { resources } from './resources';

const MAX_CONCURRENCY = 20;

function readLimits(ctx: IExecuteFunctions) {
	const concurrency = Number(ctx.getNodeParameter('options.concurrency', 0, 1)) || 1;
	const perSecond = Number(ctx.getNodeParameter('options.requestsPerSecond', 0, 0)) || 0;
	return { concurrency: Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(concurrency))), perSecond: Math.max(0, perSecond) };
}

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * Owns the item loop for every operation: picks the operation, keeps output in input order with
 * `pairedItem`, honours the bulk options, and turns a failed item into an error item under
 * "Continue On Fail" so the other items are never lost.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.operations[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	}

	const outputs: INodeExecutionData[][] = new Array(items.length);
	await runItems(items.length, readLimits(this), async (itemIndex) => {
		try {
			const result = await handler.execute.call(this, itemIndex);
			const list: IDataObject[] = Array.isArray(result) ? result : [result];
			outputs[itemIndex] = list.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			// n8n keeps only {error: message} as the JSON of an item carrying `error`, so everything a
			// workflow must be able to branch on is in the message itself.
			outputs[itemIndex] = [{ json: { error: nodeError.message }, error: nodeError, pairedItem: { item: itemIndex } }];
		}
	});
	return [outputs.flat()];
}
