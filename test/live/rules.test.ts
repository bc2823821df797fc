import { startTrigger } from '../harness/trigger';
import { newTicket, statusesOf, useLiveEnv, watching } from './setup';

const env = useLiveEnv();

describe('live ticket trigger: what starts an execution', () => {
	it('watches 20 tickets at once, one connection each, and emits each change once', async () => {
		const tickets = Array.from({ length: 20 }, () => newTicket(env));
		const run = await startTrigger(watching(env, tickets), { credentials: env.credentials });
		await env.hub.waitForConnections(20);
		expect(new Set(env.hub.connections().map((connection) => connection.positionId))).toEqual(new Set(tickets.map((t) => t.id)));

		for (const ticket of tickets) env.sim.staff.call(env.queueId, ticket.id);
		await run.waitForEmitted(20);
		// Calling a ticket moves the others up the line: those updates are not status changes.
		for (const ticket of tickets) env.sim.staff.checkIn(env.queueId, ticket.id);
		await run.waitForEmitted(40);
		const byTicket = new Map(tickets.map((ticket) => [ticket.id, [] as unknown[]]));
		for (const item of run.emitted) byTicket.get(item.id as string)!.push(item.status);
		for (const statuses of byTicket.values()) expect(statuses).toEqual(['notified', 'fulfilled']);
		expect(run.emitted).toHaveLength(40);
	});

	it('filters by status', async () => {
		const ticket = newTicket(env);
		const run = await startTrigger(watching(env, [ticket], { statuses: ['fulfilled', 'completed'] }), {
			credentials: env.credentials,
		});
		await env.hub.waitForConnections(1, ticket.id);
		env.sim.staff.call(env.queueId, ticket.id);
		env.sim.staff.checkIn(env.queueId, ticket.id);
		await run.waitForEmitted(1);
		env.sim.staff.checkOut(env.queueId, ticket.id);
		await run.waitForEmitted(2);
		expect(statusesOf(run.emitted)).toEqual(['fulfilled', 'completed']);
	});

	it('notifies once when the ticket reaches the given place in line', async () => {
		const [first, second, mine] = [newTicket(env), newTicket(env), newTicket(env)];
		const run = await startTrigger(watching(env, [mine], { notifyAtPosition: 2 }), { credentials: env.credentials });
		await env.hub.waitForConnections(1, mine.id);

		const leave = (id: string) => ['call', 'checkIn'].forEach((step) => env.sim.staff[step as 'call'](env.queueId, id));
		leave(first.id);
		await run.waitForEmitted(1);
		expect(run.emitted[0]).toMatchObject({ id: mine.id, status: 'pending', numberInTheQueue: 2 });
		leave(second.id); // now first in line: no second notification
		env.sim.staff.call(env.queueId, mine.id);
		await run.waitForEmitted(2);
		expect(run.emitted.map((item) => [item.status, item.numberInTheQueue])).toEqual([
			['pending', 2],
			['notified', 1],
		]);
	});
});
