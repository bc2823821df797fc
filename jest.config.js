/** Tests import TypeScript directly; type checking happens in `npm run lint` (tsc --noEmit). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.tools.json', isolatedModules: true, diagnostics: false }] },
	testTimeout: 30_000,
	maxWorkers: 2,
};
