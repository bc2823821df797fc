import { confirmReservation } from '../../transport/endpoints';
import { positionOperation } from '../positionOperation';

/** Confirming an already confirmed reservation returns it unchanged, so a re-run is harmless. */
export const { description, execute } = positionOperation(
	'reservation',
	'confirm',
	confirmReservation,
	'UUID of the reservation to confirm; it becomes a booking (status draft) and keeps its time slot',
);
