import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplifyPosition } from './simplify';
import type { Position } from './types';

/** A position as the node outputs it: as returned (plus positionUrl when known), or simplified. */
export function positionOutput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	position: Position,
	positionUrl?: string,
): IDataObject {
	if (ctx.getNodeParameter('options.simplify', itemIndex, false) === true) {
		return simplifyPosition(position, positionUrl);
	}
	return (positionUrl === undefined ? position : { ...position, positionUrl }) as IDataObject;
}
