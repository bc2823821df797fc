import { getPosition } from '../../transport/endpoints';
import { positionOperation } from '../positionOperation';

export const { description, execute } = positionOperation(
	'booking',
	'get',
	getPosition,
	'UUID of the booking, as returned by Booking → Create',
);
