import { buildPositionUpdate, positionUpdateFields } from '../../shared/positionUpdate';
import { updatePosition } from '../../transport/endpoints';
import { positionUpdateOperation } from '../positionOperation';

export const { description, execute } = positionUpdateOperation(
	'ticket',
	updatePosition,
	positionUpdateFields,
	buildPositionUpdate,
);
