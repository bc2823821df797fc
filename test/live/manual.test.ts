import { runWorkflow } from '../harness/engine';
import { TICKET_TRIGGER, triggerNode } from '../harness/trigger';
import { newTicket, useLiveEnv, watching } from './setup';

const env = useLiveEnv();

describe('live ticket trigger: Listen for test event', () => {
	it('waits for the next update of a watched ticket, emits it, and closes its connection', async () => {
		const tickets = [newTicket(env), newTicket(env)];
		const workflow = { name: 'listen', nodes: [triggerNode(watching(env, tickets))], connections: {} };
		const execution = runWorkflow(workflow, { credentials: env.credentials, mode: 'manual' });

		await env.hub.waitForConnections(2);
		env.sim.staff.call(env.queueId, tickets[1].id);
		const result = await execution;

		expect(result.error).toBeUndefined();
		expect(result.output(TICKET_TRIGGER).map((item) => item.json)).toEqual([
			expect.objectContaining({ id: tickets[1].id, status: 'notified' }),
		]);
		await env.hub.waitFor(() => env.hub.connections().length === 0, 'the test listener to disconnect');
	});
});
