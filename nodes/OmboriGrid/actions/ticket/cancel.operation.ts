import { cancelPosition } from '../../transport/endpoints';
import { positionOperation } from '../positionOperation';

/** Cancelling sets the status to rejected; cancelling an already cancelled ticket changes nothing. */
export const { description, execute } = positionOperation(
	'ticket',
	'cancel',
	cancelPosition,
	'UUID of the ticket to cancel; the customer leaves the queue',
);
