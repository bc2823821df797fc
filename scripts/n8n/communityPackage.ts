/**
 * Puts this package into an n8n user folder the way n8n's own "Install community node" does
 * (n8n's CommunityPackagesService): the `npm pack` tarball unpacked into
 * `.n8n/nodes/node_modules/<name>`, dev/peer/optional dependencies dropped from its package.json,
 * then only its runtime dependencies installed inside it. Loaded from there, node types keep their
 * real names (`n8n-nodes-ombori-grid.omboriGrid`), unlike N8N_CUSTOM_EXTENSIONS (`CUSTOM.*`).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_NAME, repoRoot } from './paths';
import { runOk } from './proc';

/**
 * `npm pack` of the built repository (run `npm run build` first); returns the tarball's path.
 * Fails when a node or credential file that package.json names is missing from the tarball: n8n
 * would only log that it could not load the package, and every later check would fail obscurely.
 */
export async function packPackage(destination: string): Promise<string> {
	mkdirSync(destination, { recursive: true });
	const { stdout } = await runOk('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: repoRoot() });
	const tarball = join(destination, stdout.trim().split('\n').pop() as string);
	const listed = new Set((await runOk('tar', ['-tzf', tarball])).stdout.split('\n').map((line) => line.replace(/^package\//, '')));
	const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	const missing = [...manifest.n8n.nodes, ...manifest.n8n.credentials].filter((file) => !listed.has(file));
	if (missing.length) throw new Error(`The packed package lacks ${missing.join(', ')}: run \`npm run build\` (and let a build in progress finish)`);
	return tarball;
}

export const packageDir = (userFolder: string): string => join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);

export async function installCommunityPackage(tarball: string, userFolder: string): Promise<string> {
	const dest = packageDir(userFolder);
	rmSync(dest, { recursive: true, force: true });
	mkdirSync(dest, { recursive: true });
	await runOk('tar', ['-xzf', tarball, '-C', dest, '--strip-components=1']);

	const manifestPath = join(dest, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
	for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete manifest[key];
	writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

	await runOk(
		'npm',
		['install', '--omit=dev', '--ignore-scripts', '--install-strategy=shallow', '--package-lock=false', '--no-audit', '--no-fund', '--loglevel=error'],
		{ cwd: dest },
	);
	return dest;
}
