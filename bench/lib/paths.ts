/** Repository paths, with no other imports: load-cost children read them before measuring. */
import path from 'node:path';

import { findPackageDir } from '../../scripts/packageRoot';

export const REPO_DIR = findPackageDir(__dirname);

export const BUILD_DIR = path.join(REPO_DIR, '.build');
export const RESULTS_FILE = path.join(REPO_DIR, 'bench', 'results.json');
