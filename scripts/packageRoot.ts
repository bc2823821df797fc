import fs from 'node:fs';
import path from 'node:path';

export const PACKAGE_NAME = 'n8n-nodes-ombori-grid';

/**
 * The repository root, found from a source file (test/…, bench/…, scripts/…) or its compiled copy
 * (.build/…): the nearest folder upwards with this package's package.json and a tsconfig.json
 * (a copy of package.json under .build/ would have no tsconfig beside it). Only node built-ins
 * are imported: benchmark children read it before measuring.
 */
export function findPackageDir(from: string): string {
	for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (
			fs.existsSync(path.join(dir, 'tsconfig.json')) &&
			fs.existsSync(manifest) &&
			(JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME
		) {
			return dir;
		}
	}
	throw new Error(`No ${PACKAGE_NAME} package.json above ${from}`);
}
