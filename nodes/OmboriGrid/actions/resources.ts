import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import * as ticket from './ticket';

/** The signature every `<operation>.operation.ts` exports as `execute`. */
export type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

export interface ResourceModule {
	operations: Record<string, { execute: OperationExecute }>;
	description: INodeProperties[];
}

export const resources: Record<string, ResourceModule> = { ticket };

export const resourceOptions = [{ name: 'Ticket', value: 'ticket', description: 'Walk-in tickets: join a queue, follow and cancel' }];
