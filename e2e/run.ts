/**
 * `npm run test:e2e [-- 2.8.4 2.41.1]`: the package in real n8n, one pinned version after the
 * other (default both: the oldest we support on Node 20 and the newest we could install, on Node 24),
 * plus the simulator's staff console in a headless browser. Needs `npm run build` first (the npm
 * script does it). Prints the timing per version and ends with "N passed, N failed".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPackage } from '../scripts/n8n/communityPackage';
import { say } from '../scripts/n8n/proc';
import { checkStaffConsole } from './checks/staffConsole';
import { runSuiteMain, Suite } from './suite';
import { runVersion, type VersionTiming } from './versionRun';

export const TESTED_VERSIONS = ['2.8.4', '2.41.1'];

async function main(): Promise<void> {
	const versions = process.argv.slice(2).filter((arg) => /^\d+\.\d+\.\d+$/.test(arg));
	const suite = new Suite();
	const packDir = mkdtempSync(join(tmpdir(), 'ombori-e2e-pack-'));
	const timings: VersionTiming[] = [];
	try {
		say('\n== simulator staff console ==');
		await suite.test('staff console: clicking call, check in and complete in headless chromium changes the ticket', checkStaffConsole);
		const tarball = await packPackage(packDir).catch((error) => suite.fail('npm pack', error));
		for (const version of versions.length ? versions : TESTED_VERSIONS) {
			if (!tarball) break;
			try {
				timings.push(await runVersion(version, tarball, suite));
			} catch (error) {
				suite.fail(`n8n ${version}`, error);
			}
		}
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
	say('\nTimings:');
	for (const t of timings) {
		const install = t.installedBefore ? 'cached' : `installed in ${t.installSeconds.toFixed(0)} s`;
		say(`  n8n ${t.version}: ${install}, tests ${t.testSeconds.toFixed(1)} s`);
	}
	say(suite.summary());
	process.exitCode = suite.ok ? 0 : 1;
}

runSuiteMain(main);
