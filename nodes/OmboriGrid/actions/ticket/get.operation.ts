import { getPosition } from '../../transport/endpoints';
import { positionOperation } from '../positionOperation';

export const { description, execute } = positionOperation(
	'ticket',
	'get',
	getPosition,
	'UUID of the ticket, as returned by Create (join)',
);
