/** A pinned n8n from the machine cache, installed on first use by scripts/install-n8n.sh. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, repoRoot } from './paths';
import { say } from './proc';

export interface N8nInstall {
	version: string;
	/** The `n8n` executable (a `#!/usr/bin/env node` script). */
	bin: string;
	/** Folder to put first on PATH so `node` is the version this n8n needs (Node 24 for n8n >= 2.36). */
	nodeBinDir?: string;
}

export const isInstalled = (version: string): boolean => existsSync(join(cacheDir(), `n8n-${version}`, '.installed'));

/**
 * Installs `version` unless the cache has it. The install takes minutes and prints little, so a
 * heartbeat line every 20 s shows it is alive; the script's own messages go to stderr as they come.
 */
export function installN8n(version: string): Promise<N8nInstall> {
	const fresh = !isInstalled(version);
	const started = Date.now();
	const heartbeat = fresh
		? setInterval(() => say(`  … still installing n8n ${version} (${Math.round((Date.now() - started) / 1000)} s)`), 20_000)
		: undefined;
	return new Promise<N8nInstall>((resolve, reject) => {
		const child = spawn('bash', [join(repoRoot(), 'scripts', 'install-n8n.sh'), version], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.once('error', reject);
		child.once('close', (code) => {
			if (code !== 0) return reject(new Error(`scripts/install-n8n.sh ${version} exited with ${code}`));
			const [home, nodeBinDir] = stdout.trim().split('\n');
			resolve({ version, bin: join(home, 'node_modules', '.bin', 'n8n'), nodeBinDir: nodeBinDir || undefined });
		});
	}).finally(() => clearInterval(heartbeat));
}
