/** Where things live, whether this code runs from TypeScript sources or from `.build/`. */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'n8n-nodes-ombori-grid';

/**
 * The repository root: the nearest folder upwards with this package's package.json and its
 * tsconfig (`.build/` holds a copy of package.json, because tests import it, but no tsconfig).
 */
export function repoRoot(from: string = __dirname): string {
	for (let dir = from; ; dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(join(dir, 'tsconfig.json')) && existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) {
			return dir;
		}
		if (dirname(dir) === dir) throw new Error(`No ${PACKAGE_NAME} package.json above ${from}`);
	}
}

/** The machine cache that survives clones (CI keeps it): n8n installs, Node 24, the demo's n8n user folder. */
export const cacheDir = (): string => process.env.OMBORI_CACHE ?? join(homedir(), '.cache', PACKAGE_NAME);

export { PACKAGE_NAME };
