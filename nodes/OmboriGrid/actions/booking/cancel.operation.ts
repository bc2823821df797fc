import { cancelPosition } from '../../transport/endpoints';
import { positionOperation } from '../positionOperation';

/** Cancelling frees the slot's capacity; cancelling an already cancelled booking changes nothing. */
export const { description, execute } = positionOperation(
	'booking',
	'cancel',
	cancelPosition,
	'UUID of the booking to cancel; its time slot becomes free again',
);
