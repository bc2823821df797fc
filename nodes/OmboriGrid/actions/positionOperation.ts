import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { idField, optionsCollection, queueIdField, sortedCollection } from '../shared/fields';
import { positionOutput } from '../shared/output';
import { readCollection } from '../shared/params';
import { idParameter, readPositionRef } from '../shared/positionRef';
import type { PositionResource } from '../shared/positionRef';
import type { Position } from '../shared/types';
import type { PositionRef } from '../transport/endpoints';
import type { RequestContext } from '../transport/request';

type PositionCall = (ctx: RequestContext, ref: PositionRef, itemIndex?: number) => Promise<Position>;
type UpdateCall<Body> = (ctx: RequestContext, ref: PositionRef, body: Body, itemIndex?: number) => Promise<Position>;

function display(resource: PositionResource, operation: string, properties: INodeProperties[]) {
	return updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, properties);
}

function idProperty(resource: PositionResource, description: string): INodeProperties {
	const [name, label] = idParameter(resource);
	return { ...idField(name, label, resource), description };
}

/**
 * An operation that only needs a queue ID and a ticket, booking or reservation ID, and outputs
 * the position the API returns (get, cancel, confirm): one definition instead of a copy per resource.
 */
export function positionOperation(
	resource: PositionResource,
	operation: string,
	call: PositionCall,
	idDescription: string,
) {
	const description = display(resource, operation, [queueIdField, idProperty(resource, idDescription), optionsCollection()]);

	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const ref = readPositionRef(this, itemIndex, resource);
		return positionOutput(this, itemIndex, await call(this, ref, itemIndex));
	}

	return { description, execute };
}

/**
 * An "update" operation: the "Update Fields" the user added become the body of `call` through
 * `build`, which validates them; an empty update is refused before any request.
 */
export function positionUpdateOperation<Fields extends object, Body extends object>(
	resource: PositionResource,
	call: UpdateCall<Body>,
	updateFields: INodeProperties[],
	build: (ctx: IExecuteFunctions, fields: Partial<Fields>, itemIndex: number) => Body,
	idDescription = `UUID of the ${resource} to update, as returned when it was created`,
) {
	const description = display(resource, 'update', [
		queueIdField,
		idProperty(resource, idDescription),
		sortedCollection('updateFields', 'Update Fields', updateFields),
		optionsCollection(),
	]);

	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const ref = readPositionRef(this, itemIndex, resource);
		const body = build(this, readCollection<Fields>(this, 'updateFields', itemIndex), itemIndex);
		if (Object.keys(body).length === 0) {
			throw new NodeOperationError(this.getNode(), `"Update Fields" in item ${itemIndex} is empty`, {
				itemIndex,
				description: 'Add at least one field to change, e.g. Customer Info or Notify By.',
			});
		}
		return positionOutput(this, itemIndex, await call(this, ref, body, itemIndex));
	}

	return { description, execute };
}
