import { getPosition } from '../../transport/endpoints';
import { positionOperation } from '../positionOperation';

export const { description, execute } = positionOperation(
	'reservation',
	'get',
	getPosition,
	'UUID of the reservation, as returned by Reservation → Create',
);
