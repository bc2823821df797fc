// Flat config mirroring `n8n-node lint` (see README "Development"), minus the rules that
// forbid the one runtime dependency we need (@microsoft/signalr) and the n8n-Cloud-only rules:
// this package is for self-hosted n8n.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const communityRules = { ...communityNodes.configs.recommendedWithoutN8nCloudSupport.rules };
delete communityRules['@n8n/community-nodes/no-runtime-dependencies'];

export default tseslint.config(
	{ ignores: ['dist/**', '.build/**', 'node_modules/**', 'coverage/**', '.cache/**', 'gulpfile.js'] },
	...[js.configs.recommended, ...tseslint.configs.recommended].map((config) => ({ ...config, files: ['**/*.ts'] })),
	{
		files: ['**/*.ts'],
		plugins: { '@n8n/community-nodes': communityNodes },
		rules: {
			'no-console': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts', 'index.ts'],
		rules: {
			...communityRules,
			// The package runs against the host's n8n-workflow (peer "*"); these exports exist in the
			// 2.8 we build with but are gone from later 2.x releases such as 2.41.
			'no-restricted-syntax': [
				'error',
				{
					selector:
						"ImportDeclaration[source.value='n8n-workflow'] ImportSpecifier[imported.name=/^(sleepWithAbort|createDeferredPromise)$/]",
					message: 'Not exported by newer n8n-workflow releases: use shared/waiting.ts or a local helper.',
				},
			],
		},
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser },
		plugins: { '@n8n/community-nodes': communityNodes, 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.community.rules,
			...Object.fromEntries(
				Object.entries(communityRules).filter(([name]) => !name.includes('credential') && !name.includes('node-')),
			),
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		files: ['simulator/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'e2e/**/*.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
	},
);
