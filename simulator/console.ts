/**
 * `GET /console`: the staff console of the demo, one self-contained page. It polls `/_sim/queues`
 * and drives the same `/_sim` staff routes as tests do, so a person can play the staff in front of
 * n8n: call, retry, check in, complete (check out) or reject a ticket and watch the workflows fire.
 *
 * It lives outside `/_sim` because that prefix belongs to the control router; `addStaffConsole`
 * hooks it in through `simulator.addRoute`, so only the entry points that want it (the demo, the
 * `npm run simulator` CLI) serve it. Which buttons a status offers comes from the simulator's own
 * state machine (lifecycle.ts), so the page never offers what the API would refuse.
 */
import { TICKET_STATUSES } from '../nodes/OmboriGrid/shared/types';
import { CONTROL_PREFIX } from './control';
import { isAllowed, type LifecycleAction } from './lifecycle';
import type { Simulator } from './server';

export const CONSOLE_PATH = '/console';

/** Button label → staff route, in the order staff use them. */
const ACTIONS: Array<[label: string, action: LifecycleAction]> = [
	['call', 'call'],
	['retry', 'retry'],
	['check in', 'check-in'],
	['complete', 'check-out'],
	['activate', 'activate'],
	['reject', 'reject'],
];

/** For each action, the statuses it can leave; computed once from the state machine. */
const allowedStatuses = (): Record<string, string[]> =>
	Object.fromEntries(ACTIONS.map(([, action]) => [action, TICKET_STATUSES.filter((status) => isAllowed(action, status))]));

const STYLE = `
body{font:14px system-ui,sans-serif;margin:1.5rem;color:#1b1b1f;background:#f7f7fa}
h1{font-size:1.3rem;margin:0 0 .3rem} h2{font-size:1.05rem;margin:1.4rem 0 .4rem}
p.hint{color:#555;margin:.2rem 0 1rem} #message{min-height:1.2em;color:#b00020}
table{border-collapse:collapse;background:#fff;min-width:46rem} th,td{border-bottom:1px solid #e3e3ea;padding:.35rem .6rem;text-align:left}
td.status{font-weight:600} td.custom{max-width:22rem;font:12px monospace;color:#555;overflow-wrap:anywhere} button{margin-right:.3rem;cursor:pointer}
tr.done td{color:#999}`;

/** Runs in the browser: plain DOM, no framework, re-rendered on every poll. */
const SCRIPT = `
const control = ${JSON.stringify(CONTROL_PREFIX)};
const actions = ${JSON.stringify(ACTIONS)};
const allowed = __ALLOWED__;
const text = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
const message = (m) => { document.getElementById('message').textContent = m; };

function row(queue, p) {
	const buttons = actions
		.filter(([, action]) => allowed[action].includes(p.status))
		.map(([label, action]) => '<button data-queue="' + queue.id + '" data-ticket="' + p.id + '" data-action="' + action + '">' + label + '</button>')
		.join('');
	const done = p.status === 'completed' || p.status === 'rejected' ? ' class="done"' : '';
	const who = (p.customerInfo || []).join(' ') || '—';
	const when = p.booking ? p.booking.start.slice(0, 16).replace('T', ' ') : '';
	const custom = p.customData && Object.keys(p.customData).length ? JSON.stringify(p.customData) : '';
	return '<tr data-ticket="' + p.id + '"' + done + '><td>' + text(p.label || '—') + '</td><td class="status">' + text(p.status) +
		'</td><td>' + text(p.type) + '</td><td>' + text(who) + '</td><td>' + text(p.numberInTheQueue || '') + '</td><td>' + text(when) +
		'</td><td class="custom">' + text(custom) + '</td><td>' + buttons + '</td></tr>';
}

function render(queues) {
	document.getElementById('queues').innerHTML = queues.map((q) =>
		'<h2>' + text(q.name) + ' <small>' + text(q.id) + '</small></h2><table><thead><tr><th>Number</th><th>Status</th><th>Type</th>' +
		'<th>Customer</th><th>Place</th><th>Booking (UTC)</th><th>Custom data</th><th>Staff</th></tr></thead><tbody>' +
		q.positions.map((p) => row(q, p)).join('') + '</tbody></table>').join('');
}

async function refresh() {
	try {
		const response = await fetch(control + '/queues');
		render(await response.json());
	} catch (error) {
		message('Simulator not reachable: ' + error.message);
	}
}

document.addEventListener('click', async (event) => {
	const button = event.target.closest('button[data-action]');
	if (!button) return;
	const { queue, ticket, action } = button.dataset;
	const response = await fetch(control + '/queues/' + queue + '/positions/' + ticket + '/' + action, { method: 'POST' });
	message(response.ok ? '' : action + ' refused: ' + ((await response.json().catch(() => ({}))).message || response.status));
	await refresh();
});

refresh();
setInterval(refresh, 1000);`;

function page(): string {
	const script = SCRIPT.replace('__ALLOWED__', JSON.stringify(allowedStatuses()));
	return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Ombori Grid simulator · staff console</title>
<style>${STYLE}</style>
<h1>Staff console</h1>
<p class="hint">You are the staff of the simulated Ombori Grid tenant. Every click changes the ticket as Grid Console would:
webhook events and live updates go out, and n8n workflows listening to them run.</p>
<div id="message" role="status"></div><div id="queues">Loading…</div>
<script>${script}</script></html>`;
}

/** Serves the console on `GET /console` of this simulator; returns its URL. */
export function addStaffConsole(simulator: Pick<Simulator, 'addRoute' | 'url'>): string {
	const html = page();
	simulator.addRoute('GET', new RegExp(`^${CONSOLE_PATH}/?$`), () => ({
		status: 200,
		body: html,
		headers: { 'content-type': 'text/html; charset=utf-8' },
	}));
	return `${simulator.url}${CONSOLE_PATH}`;
}
