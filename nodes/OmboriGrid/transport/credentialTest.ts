import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { API_KEY_HEADER, apiOrigin, describeAddressProblem, organizationUrl, toOmboriCredentials } from './baseUrl';
import { describeNetworkCode, isUnknownTenant, serverMessage } from './errors';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const PROBE_TIMEOUT_MS = 10_000;

function failureReason(error: unknown): string {
	const { cause, name } = (error ?? {}) as { cause?: { code?: string; message?: string }; name?: string };
	if (name === 'TimeoutError') return 'timed out';
	return cause?.code ? describeNetworkCode(cause.code) : (cause?.message ?? 'network error');
}

/**
 * [decision] The API has no "who am I" endpoint, so the test reads a ticket that cannot exist:
 * 401/403 means the key was rejected, a 404 that names the organisation means an unknown tenant,
 * any other 404 means key and tenant were accepted. The credential test context offers only the
 * deprecated `request` helper, so this uses fetch, never follows redirects (the key stays on the
 * API host) and sends nothing but the probe.
 */
export async function omboriGridApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = toOmboriCredentials(credential.data ?? {});
	const problem = describeAddressProblem(credentials);
	if (problem) return { status: 'Error', message: problem };
	if (!credentials.apiKey) return { status: 'Error', message: 'The credential has no API key' };

	let response: Response;
	try {
		response = await fetch(`${organizationUrl(credentials)}/queues/${NIL_UUID}/positions/${NIL_UUID}`, {
			headers: { [API_KEY_HEADER]: credentials.apiKey, Accept: 'application/json' },
			redirect: 'manual',
			signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
		});
	} catch (error) {
		return {
			status: 'Error',
			message: `Cannot reach Ombori Grid at ${apiOrigin(credentials)} (${failureReason(error)}): check the region or the custom URL`,
		};
	}
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// A plain-text error body is fine: serverMessage reads text too.
	}
	const detail = serverMessage(body, credentials.apiKey);

	if (response.status === 401 || response.status === 403) {
		return { status: 'Error', message: `API key rejected (HTTP ${response.status}): check the API key` };
	}
	if (isUnknownTenant(response.status, detail)) {
		return { status: 'Error', message: `Tenant "${credentials.tenantId}" not found: check the Tenant ID and the region` };
	}
	if (response.status === 404 || response.ok) {
		return { status: 'OK', message: 'Connection successful: API key and tenant accepted' };
	}
	return {
		status: 'Error',
		message: `Unexpected answer from Ombori Grid (HTTP ${response.status}${detail ? `: ${detail}` : ''}): check the region or the custom URL`,
	};
}
