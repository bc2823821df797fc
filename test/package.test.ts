import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, INodeType } from 'n8n-workflow';

import { loadPackage, shutdownEngine } from './harness/engine';
import { simulatorCredential, startTestSimulator, unusedPort } from './harness/simulator';
import type { TestSimulator } from './harness/simulator';

let env: TestSimulator;
beforeAll(async () => {
	env = await startTestSimulator();
});
afterAll(async () => {
	await env.sim.close();
	shutdownEngine();
});

describe('package as n8n loads it', () => {
	it('registers the nodes and the credential under their public names', async () => {
		const pkg = await loadPackage();
		expect(pkg.packageName).toBe('n8n-nodes-ombori-grid');
		expect(pkg.nodeTypes.list()).toEqual(expect.arrayContaining(['n8n-nodes-ombori-grid.omboriGrid']));
		expect(Object.keys(pkg.credentialTypes)).toEqual(['omboriGridApi']);
		const node = pkg.nodeTypes.getByNameAndVersion('n8n-nodes-ombori-grid.omboriGrid') as INodeType;
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.credentials).toEqual([{ name: 'omboriGridApi', required: true, testedBy: 'omboriGridApiTest' }]);
	});

	it('the credential exposes the contract fields and sends the key as the ApiKey header, without expressions', async () => {
		const { credentialTypes } = await loadPackage();
		const credential = credentialTypes.omboriGridApi;
		expect(credential.properties.map((property) => property.name)).toEqual(['region', 'customUrl', 'tenantId', 'apiKey']);
		expect(credential.properties.find((property) => property.name === 'apiKey')?.typeOptions?.password).toBe(true);
		const regions = credential.properties[0].options?.map((option) => (option as { value: string }).value).sort();
		expect(regions).toEqual(['au', 'custom', 'eu', 'in', 'uae', 'us']);
		const authenticate = credential.authenticate as (c: object, r: object) => Promise<{ headers: object }>;
		const request = await authenticate({ apiKey: 'k-1' }, { url: 'https://x', headers: { Accept: 'application/json' } });
		expect(request.headers).toEqual({ Accept: 'application/json', ApiKey: 'k-1' });
	});
});

describe('credential test', () => {
	async function test(data: ICredentialDataDecryptedObject) {
		const pkg = await loadPackage();
		const node = pkg.nodeTypes.getByNameAndVersion('n8n-nodes-ombori-grid.omboriGrid') as INodeType;
		const credentialTest = node.methods!.credentialTest!.omboriGridApiTest;
		const context = new CredentialTestContext() as unknown as ICredentialTestFunctions;
		return credentialTest.call(context, { id: '1', name: 'Ombori', type: 'omboriGridApi', data });
	}

	it('accepts a valid key and tenant', async () => {
		expect(await test(simulatorCredential(env.sim))).toEqual({ status: 'OK', message: expect.stringContaining('accepted') });
	});

	it('tells a rejected key apart', async () => {
		const result = await test(simulatorCredential(env.sim, { apiKey: 'nope-nope' }));
		expect(result).toEqual({ status: 'Error', message: 'API key rejected (HTTP 401): check the API key' });
	});

	it('tells an unknown tenant apart', async () => {
		const result = await test(simulatorCredential(env.sim, { tenantId: 'no-such-tenant' }));
		expect(result.status).toBe('Error');
		expect(result.message).toBe('Tenant "no-such-tenant" not found: check the Tenant ID and the region');
	});

	it('tells an unreachable host apart', async () => {
		const port = await unusedPort();
		const result = await test(simulatorCredential(env.sim, { customUrl: `http://127.0.0.1:${port}/regions/eu/queues/v1` }));
		expect(result).toEqual({
			status: 'Error',
			message: `Cannot reach Ombori Grid at http://127.0.0.1:${port} (connection refused): check the region or the custom URL`,
		});
	});

	it('rejects a custom URL that is not http(s) without any request', async () => {
		const result = await test(simulatorCredential(env.sim, { customUrl: 'ftp://example' }));
		expect(result).toEqual({ status: 'Error', message: "The credential's Custom URL must start with http:// or https://" });
	});
});
