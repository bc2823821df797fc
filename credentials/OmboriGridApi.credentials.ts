import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { API_KEY_HEADER } from '../nodes/OmboriGrid/transport/baseUrl';

export class OmboriGridApi implements ICredentialType {
	name = 'omboriGridApi';

	displayName = 'Ombori Grid API';

	icon: Icon = { light: 'file:../nodes/OmboriGrid/ombori.svg', dark: 'file:../nodes/OmboriGrid/ombori.dark.svg' };

	documentationUrl = 'https://github.com/ombori-grid/n8n-nodes-ombori-grid#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'Australia (AU)', value: 'au' },
				{ name: 'Custom URL', value: 'custom', description: 'A staging host or the local simulator' },
				{ name: 'Europe (EU)', value: 'eu' },
				{ name: 'India (IN)', value: 'in' },
				{ name: 'United Arab Emirates (UAE)', value: 'uae' },
				{ name: 'United States (US)', value: 'us' },
			],
			default: 'eu',
			description: 'The data region your Ombori Grid tenant lives in',
		},
		{
			displayName: 'Custom URL',
			name: 'customUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:4010/regions/eu/queues/v1',
			description:
				'Root URL that replaces https://api.omborigrid.com/regions/{region}/queues/v1; /organizations/{tenant ID} is appended to it',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. ombori',
			description: 'The tenant identifier shown in Grid Console',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Organisation-level API key issued by Ombori',
		},
	];

	/**
	 * A function, not a generic `={{$credentials.apiKey}}` header: n8n 2.41 evaluates such
	 * expressions in an isolate that exists only during an execution or activation, so the live
	 * trigger's re-reads after a reconnect would fail there.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return { ...requestOptions, headers: { ...requestOptions.headers, [API_KEY_HEADER]: String(credentials.apiKey ?? '') } };
	}
}
