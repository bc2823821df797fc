/**
 * Child process of the load-cost benchmark. Requires n8n-workflow first (n8n has it loaded long
 * before community packages), then loads every credential and node file of package.json's `n8n`
 * block the way n8n-core's loader does: `new (require(file)[ClassName])()`.
 */
import fs from 'node:fs';
import path from 'node:path';

import { childMain, collectGarbage, memoryNow } from '../lib/child';
import { REPO_DIR } from '../lib/paths';

export interface LoadChildResult {
	ms: number;
	/** CPU time (user + system) of the process meanwhile: what a contended box cannot inflate. */
	cpuMs: number;
	rss: number;
	heap: number;
	signalrLoaded: boolean;
	files: string[];
	modulesAdded: number;
	packagesAdded: string[];
}

/** `…/node_modules/@scope/name/…` or `…/node_modules/name/…` → the package name. */
function packageOf(file: string): string | undefined {
	const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file.slice(file.lastIndexOf('node_modules')));
	return match?.[1].replace(/\\/g, '/');
}

childMain<unknown, LoadChildResult>(async () => {
	require('n8n-workflow');
	const manifest = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')) as {
		n8n: { credentials: string[]; nodes: string[] };
	};
	const files = [...manifest.n8n.credentials, ...manifest.n8n.nodes];
	const before = new Set(Object.keys(require.cache));
	collectGarbage();
	const base = memoryNow();

	const cpu = process.cpuUsage();
	const start = performance.now();
	const loaded: unknown[] = [];
	for (const file of files) {
		const className = path.basename(file).split('.')[0];
		const exports = require(path.join(REPO_DIR, file)) as Record<string, new () => unknown>;
		loaded.push(new exports[className]());
	}
	const ms = performance.now() - start;
	const { user, system } = process.cpuUsage(cpu);

	collectGarbage();
	const after = memoryNow();
	const added = Object.keys(require.cache).filter((file) => !before.has(file));
	const packagesAdded = [...new Set(added.map(packageOf).filter((name): name is string => !!name))].sort();
	if (loaded.length !== files.length) throw new Error('not every class was instantiated');
	return {
		ms,
		cpuMs: (user + system) / 1000,
		rss: after.rss - base.rss,
		heap: after.heapUsed - base.heapUsed,
		signalrLoaded: Object.keys(require.cache).some((file) => packageOf(file) === '@microsoft/signalr'),
		files,
		modulesAdded: added.length,
		packagesAdded,
	};
});
