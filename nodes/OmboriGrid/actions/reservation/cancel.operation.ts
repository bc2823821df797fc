import { cancelPosition } from '../../transport/endpoints';
import { positionOperation } from '../positionOperation';

export const { description, execute } = positionOperation(
	'reservation',
	'cancel',
	cancelPosition,
	'UUID of the reservation to cancel; the capacity it held in its time slot is released',
);
