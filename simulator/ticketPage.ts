/** `GET /t/{positionId}`: the customer ticket page that `positionUrl` points at, so demo links open something. */
import type { Position } from '../nodes/OmboriGrid/shared/types';
import { notFound } from './errors';
import type { RouteHandler } from './router';
import type { SimulatorStore } from './store';

export const TICKET_PAGE_PATH = /^\/t\/([^/]+)$/;

const escapeHtml = (text: string): string =>
	text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function render(position: Position): string {
	const rows: Array<[string, unknown]> = [
		['Number', position.label || '—'],
		['Status', position.status],
		['Place in line', position.numberInTheQueue || '—'],
		['Booking', position.booking ? `${position.booking.start} – ${position.booking.end}` : '—'],
	];
	const cells = rows
		.map(([name, value]) => `<tr><th>${name}</th><td>${escapeHtml(String(value))}</td></tr>`)
		.join('');
	return `<!doctype html><meta charset="utf-8"><title>Ticket ${escapeHtml(position.label)}</title><table>${cells}</table>`;
}

export function createTicketPage(store: SimulatorStore): RouteHandler {
	return ({ params }) => {
		const queueId = store.queueOfPosition(params[0]);
		const position = queueId && store.getPosition(queueId, params[0]);
		if (!position) throw notFound(`Position ${params[0]} not found`);
		return { status: 200, body: render(position), headers: { 'content-type': 'text/html; charset=utf-8' } };
	};
}
