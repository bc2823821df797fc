/** The simulator's `/_sim` HTTP controls, used the way the demo and a person would use them. */
import type { Simulator } from '../simulator';

export async function control<T = unknown>(sim: Pick<Simulator, 'url'>, method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${sim.url}/_sim${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} /_sim${path} answered ${response.status}: ${text}`);
	return (text ? JSON.parse(text) : undefined) as T;
}

/** A staff action (call, check-in, ...) on a ticket, as the staff console sends it. */
export const staffAction = (sim: Pick<Simulator, 'url'>, queueId: string, ticketId: string, action: string) =>
	control(sim, 'POST', `/queues/${queueId}/positions/${ticketId}/${action}`);
