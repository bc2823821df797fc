import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'omboriGridApi';

/** The header that carries the organisation's API key (Ombori's documentation). */
export const API_KEY_HEADER = 'ApiKey';

export const REGIONS = ['eu', 'us', 'in', 'au', 'uae'] as const;

export interface OmboriCredentials {
	region: (typeof REGIONS)[number] | 'custom';
	customUrl?: string;
	tenantId: string;
	apiKey: string;
}

export function toOmboriCredentials(data: ICredentialDataDecryptedObject): OmboriCredentials {
	return {
		region: String(data.region ?? 'eu') as OmboriCredentials['region'],
		customUrl: typeof data.customUrl === 'string' ? data.customUrl : undefined,
		tenantId: String(data.tenantId ?? ''),
		apiKey: String(data.apiKey ?? ''),
	};
}

/** Problem with the credential's address fields, or undefined when they are usable. */
export function describeAddressProblem(credentials: OmboriCredentials): string | undefined {
	if (!credentials.tenantId.trim()) return 'The credential has no Tenant ID';
	if (credentials.region !== 'custom') {
		return (REGIONS as readonly string[]).includes(credentials.region)
			? undefined
			: `Unknown region "${credentials.region}"`;
	}
	const url = credentials.customUrl?.trim() ?? '';
	if (!/^https?:\/\/[^\s/]+/i.test(url)) {
		return 'The credential\'s Custom URL must start with http:// or https://';
	}
	return undefined;
}

/**
 * [decision] A custom region replaces everything up to `/queues/v1`; the organisation part is
 * always appended, so one field serves staging hosts and the local simulator alike.
 */
export function apiRoot(credentials: OmboriCredentials): string {
	if (credentials.region === 'custom') return (credentials.customUrl ?? '').trim().replace(/\/+$/, '');
	return `https://api.omborigrid.com/regions/${credentials.region}/queues/v1`;
}

export function organizationUrl(credentials: OmboriCredentials): string {
	return `${apiRoot(credentials)}/organizations/${encodeURIComponent(credentials.tenantId.trim())}`;
}

/** Host the API key may be sent to; nothing else ever receives it. */
export function apiOrigin(credentials: OmboriCredentials): string {
	return new URL(apiRoot(credentials)).origin;
}
