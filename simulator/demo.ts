/**
 * Demo data for `npm run simulator` and the web console: two queues with fixed ids (so credentials
 * and workflows keep working across restarts) and tickets in most statuses.
 */
import type { StaffActions } from './control';
import type { TicketDesk } from './tickets';
import { DAY_MS, startOfUtcDay, toIso } from './time';
import type { QueueInput, SimQueue } from './types';

export const DEMO_QUEUE_IDS = {
	frontDesk: '11111111-1111-4111-8111-111111111111',
	pharmacy: '22222222-2222-4222-8222-222222222222',
} as const;

const DEMO_CONFIG = {
	openingHours: { start: '09:00', end: '17:00' },
	slotMinutes: 15,
	capacity: 4,
} as const;

/** A slot tomorrow (UTC) so demo bookings are always in the future. */
function tomorrowAt(hour: number, minutes = 30): { start: string; end: string } {
	const start = startOfUtcDay(Date.now()) + DAY_MS + hour * 3_600_000;
	return { start: toIso(start), end: toIso(start + minutes * 60_000) };
}

export interface DemoTarget {
	createQueue(input: QueueInput): SimQueue;
	staff: StaffActions;
}

export function seedDemo(target: DemoTarget, desk: TicketDesk): void {
	const frontDesk = target.createQueue({ ...DEMO_CONFIG, id: DEMO_QUEUE_IDS.frontDesk, name: 'Front Desk' }).id;
	const pharmacy = target.createQueue({ ...DEMO_CONFIG, id: DEMO_QUEUE_IDS.pharmacy, name: 'Pharmacy' }).id;
	const walkIn = (queueId: string, ...customerInfo: string[]) =>
		desk.join(queueId, { session: 'demo', position: { customerInfo } }).id;
	const { staff } = target;

	const served = walkIn(frontDesk, 'Ada', 'Lovelace');
	staff.call(frontDesk, served);
	staff.checkIn(frontDesk, served);
	staff.checkOut(frontDesk, served);
	const atDesk = walkIn(frontDesk, 'Alan', 'Turing');
	staff.call(frontDesk, atDesk);
	staff.checkIn(frontDesk, atDesk);
	staff.call(frontDesk, walkIn(frontDesk, 'Grace', 'Hopper'));
	walkIn(frontDesk, 'Linus', 'Torvalds');
	walkIn(frontDesk, 'Margaret', 'Hamilton');
	desk.createBooking(frontDesk, { numberOfPeople: 2, booking: tomorrowAt(10) });

	staff.createManual(pharmacy, { customerInfo: ['Walk-up at counter'] });
	staff.reject(pharmacy, walkIn(pharmacy, 'Changed', 'Mind'));
	desk.createBooking(pharmacy, { booking: tomorrowAt(14), locale: 'sv' });
	desk.createReservation(pharmacy, {
		booking: tomorrowAt(11),
		customerInfo: ['Edsger', 'Dijkstra'],
		customData: { source: 'demo' },
	});
}
