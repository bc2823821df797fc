import { execFileSync } from 'node:child_process';

import { PACKAGE_DIR } from '../harness/engine';

/** Runs `body` in a fresh Node process (Jest has its own module registry) and returns its JSON output. */
function inFreshNode<T>(body: string): T {
	const script = `
		const path = require('node:path');
		const loaded = (name) => Object.keys(require.cache).some((file) => file.includes(path.join('node_modules', name, '')));
		(async () => { ${body} })().then((result) => process.stdout.write(JSON.stringify(result)));
	`;
	return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: PACKAGE_DIR, encoding: 'utf8' })) as T;
}

describe('loading the package', () => {
	it('does not load @microsoft/signalr until a live connection is made', () => {
		const result = inFreshNode<{ atStartup: boolean; wsAtStartup: boolean; afterLoad: boolean }>(`
			require('./dist/index.js');
			for (const file of require('./package.json').n8n.nodes) require(path.resolve(file));
			const atStartup = loaded('@microsoft/signalr');
			const wsAtStartup = loaded('ws');
			await require('./dist/nodes/OmboriGrid/live/signalrModule.js').loadSignalR();
			return { atStartup, wsAtStartup, afterLoad: loaded('@microsoft/signalr') };
		`);
		expect(result).toEqual({ atStartup: false, wsAtStartup: false, afterLoad: true });
	});
});
