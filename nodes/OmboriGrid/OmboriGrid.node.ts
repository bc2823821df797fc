import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceOptions, resources } from './actions/resources';
import { router } from './actions/router';
import { omboriGridApiTest } from './transport/credentialTest';

export class OmboriGrid implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ombori Grid',
		name: 'omboriGrid',
		icon: { light: 'file:ombori.svg', dark: 'file:ombori.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Ombori Grid virtual queues: walk-in tickets, bookings, time-slot reservations and available time slots',
		defaults: { name: 'Ombori Grid' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'omboriGridApi', required: true, testedBy: 'omboriGridApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resourceOptions,
				default: 'ticket',
			},
			...Object.values(resources).flatMap((resource) => resource.description),
		],
	};

	methods = { credentialTest: { omboriGridApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
