import type { IDataObject } from 'n8n-workflow';

import type { TicketMemory } from './emitRules';

type Memories = Record<string, TicketMemory>;

/**
 * What the trigger remembers per ticket, kept in the node's workflow static data so that a restart
 * (or a reactivation) does not emit a state again. n8n notices changes to static data only through
 * assignments to the object it handed out, so the record is assigned back after each change
 * (copying it instead would make a burst of 500 updates quadratic).
 */
export class TicketStore {
	constructor(private readonly holder: IDataObject) {}

	get(ticketId: string): TicketMemory | undefined {
		return this.memories()[ticketId];
	}

	set(ticketId: string, memory: TicketMemory): void {
		const memories = this.memories();
		memories[ticketId] = memory;
		this.holder.tickets = memories as unknown as IDataObject;
	}

	/** Forgets tickets the node no longer watches. */
	retain(ticketIds: readonly string[]): void {
		const kept = Object.entries(this.memories()).filter(([id]) => ticketIds.includes(id));
		if (kept.length !== Object.keys(this.memories()).length) {
			this.holder.tickets = Object.fromEntries(kept) as unknown as IDataObject;
		}
	}

	private memories(): Memories {
		return (this.holder.tickets ?? {}) as unknown as Memories;
	}
}
