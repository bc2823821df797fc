/** What every e2e check of one n8n version gets: the running simulator and the prepared n8n. */
import type { Simulator } from '../simulator';
import type { ExecutionRun, N8n } from '../scripts/n8n/instance';
import type { CredentialRef } from '../scripts/n8n/workflowJson';

export interface E2eContext {
	n8n: N8n;
	sim: Simulator;
	workDir: string;
	credential: CredentialRef;
	/** Demo queue the workflows act on. */
	queueId: string;
	/** Where published workflows report each execution (one ticket per run). */
	auditQueueId: string;
	/** Tomorrow (UTC, YYYY-MM-DD): slots there are always in the future. */
	day: string;
}

type Json = Record<string, unknown>;

/** The items a node output in an execution, as JSON; fails when the node did not run or failed. */
export function nodeOutput(run: ExecutionRun, node: string): Json[] {
	const runs = run.data.resultData.runData[node];
	if (!runs?.length) throw new Error(`Node "${node}" did not run`);
	const [first] = runs;
	if (first.error) throw new Error(`Node "${node}" failed: ${first.error.message}`);
	return (first.data?.main[0] ?? []).map((item) => item.json);
}

/** Customer info of the audit tickets: one `[source, ticketId, detail]` per published-workflow execution. */
export function auditEntries(ctx: E2eContext, source: string): string[][] {
	return ctx.sim.store
		.listPositions(ctx.auditQueueId)
		.map((position) => position.customerInfo ?? [])
		.filter((info) => info[0] === source);
}

/** Fresh staff tickets in the workflows' queue, so each check owns the tickets it changes. */
export const staffTickets = (ctx: Pick<E2eContext, 'sim' | 'queueId'>, label: string): string[] =>
	[1, 2].map((n) => ctx.sim.staff.createManual(ctx.queueId, { customerInfo: [`${label} ${n}`] }).id);
