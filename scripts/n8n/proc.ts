/** Child processes for the n8n tooling: one place that knows how to run, capture and stop them. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface RunResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs a command to completion and captures its output; rejects only if it cannot start. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.once('error', reject);
		child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
	});
}

/** Like `run`, but a non-zero exit is an error that carries the command's own words. */
export async function runOk(command: string, args: string[], options: SpawnOptions = {}): Promise<RunResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		const output = `${result.stderr}\n${result.stdout}`.trim().split('\n').slice(-30).join('\n');
		throw new Error(`${command} ${args.join(' ')} exited with ${result.code}:\n${output}`);
	}
	return result;
}

/** SIGTERM, then SIGKILL if the process is still alive after `graceMs`; resolves once it exited. */
export function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(kill);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns a value other than `undefined`, or fails with `what` after
 * `timeoutMs`. An error thrown by `probe` ends the wait at once: probes catch their own transient errors.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 250): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await sleep(everyMs);
	}
}

/** Output without `console` (the lint config forbids it outside tests). */
export const say = (line: string): void => void process.stdout.write(`${line}\n`);
