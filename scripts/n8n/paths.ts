/** Where things live, whether this code runs from TypeScript sources or from `.build/`. */
import { homedir } from 'node:os';
import { join } from 'node:path';

import { findPackageDir, PACKAGE_NAME } from '../packageRoot';

/** The repository root, from sources or from `.build/`. */
export const repoRoot = (from: string = __dirname): string => findPackageDir(from);

/** The machine cache that survives clones (CI keeps it): n8n installs, Node 24, the demo's n8n user folder. */
export const cacheDir = (): string => process.env.OMBORI_CACHE ?? join(homedir(), '.cache', PACKAGE_NAME);

export { PACKAGE_NAME };
