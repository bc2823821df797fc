/**
 * The e2e's own tiny test runner: the steps share one n8n process per version and must run in
 * order, which a jest file per step would not give. It ends with the "N passed, N failed" line CI reads.
 */
import { say } from '../scripts/n8n/proc';

export class Suite {
	private passed = 0;
	private failed: string[] = [];

	/** Runs one check; a failure is recorded and reported, and the next check still runs. */
	async test(name: string, body: () => Promise<void>): Promise<boolean> {
		const started = Date.now();
		try {
			await body();
			this.passed++;
			say(`  ✓ ${name} (${seconds(started)})`);
			return true;
		} catch (error) {
			this.failed.push(name);
			say(`  ✗ ${name} (${seconds(started)})\n${indent((error as Error).stack ?? String(error))}`);
			return false;
		}
	}

	/** A failed step that later checks depend on: recorded, and those checks are skipped by the caller. */
	fail(name: string, error: unknown): undefined {
		this.failed.push(name);
		say(`  ✗ ${name}\n${indent((error as Error).stack ?? String(error))}`);
	}

	get failures(): number {
		return this.failed.length;
	}

	get ok(): boolean {
		return this.failed.length === 0;
	}

	summary(): string {
		const lines = this.failed.map((name) => `  failed: ${name}`);
		return [...lines, `${this.passed} passed, ${this.failed.length} failed`].join('\n');
	}
}

export const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

const indent = (text: string): string =>
	text
		.split('\n')
		.map((line) => `      ${line}`)
		.join('\n');

/**
 * Runs a suite's entry point: its exit code follows the suite, and a crash before the suite
 * could count still ends with the closing line CI reads.
 */
export function runSuiteMain(main: () => Promise<void>): void {
	main().catch((error: Error) => {
		say(error.stack ?? String(error));
		say('0 passed, 1 failed');
		process.exitCode = 1;
	});
}
