/**
 * Child processes for measurements that must not share a heap (memory, load cost): the parent forks a
 * compiled bench script with `--expose-gc`, passes its input in the environment, and gets one result
 * message back over IPC.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import v8 from 'node:v8';

const INPUT_VARIABLE = 'OMBORI_BENCH_INPUT';

export interface ChildOptions {
	execArgv?: string[];
	timeoutMs?: number;
}

/** Runs `script` (a path relative to the compiled bench/ directory, without .js) and resolves with its result. */
export function runChild<Result>(script: string, input: unknown, options: ChildOptions = {}): Promise<Result> {
	const file = path.join(__dirname, '..', `${script}.js`);
	return new Promise<Result>((resolve, reject) => {
		const child = fork(file, [], {
			execArgv: options.execArgv ?? ['--expose-gc'],
			env: { ...process.env, [INPUT_VARIABLE]: JSON.stringify(input) },
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let result: { ok: true; value: Result } | { ok: false; error: string } | undefined;
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${script} did not finish within ${options.timeoutMs ?? 120_000} ms`));
		}, options.timeoutMs ?? 120_000);
		child.on('message', (message) => {
			result = message as typeof result;
		});
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (result?.ok) resolve(result.value);
			else reject(new Error(`${script} failed (exit ${code ?? signal}): ${result?.error ?? 'no result'}`));
		});
	});
}

/** The child side: reads the input, runs `main`, reports the result and exits. */
export function childMain<Input, Result>(main: (input: Input) => Promise<Result>): void {
	const send = (message: unknown) =>
		new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
	void (async () => {
		let code = 0;
		try {
			const input = JSON.parse(process.env[INPUT_VARIABLE] ?? 'null') as Input;
			await send({ ok: true, value: await main(input) });
		} catch (error) {
			code = 1;
			await send({ ok: false, error: (error as Error).stack ?? String(error) });
		}
		// Open handles (engine singletons, SignalR timers) must not keep a finished child alive.
		process.exit(code);
	})();
}

/** Full garbage collection; needs `--expose-gc`. */
export function collectGarbage(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run with --expose-gc');
	gc();
	gc();
}

export interface MemorySample {
	rss: number;
	heapUsed: number;
	/** Heap memory V8 has reserved, used or not. */
	heapTotal: number;
	external: number;
	/** heapUsed + external: the JS memory an operation holds. */
	js: number;
}

export function memoryNow(): MemorySample {
	const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
	return { rss, heapUsed, heapTotal, external, js: heapUsed + external };
}

/**
 * Peak memory of an operation. The JS heap is at a local maximum right before each garbage
 * collection, so V8's GC profiler (heap statistics before every GC) gives the heap peak even inside
 * synchronous work or a microtask chain, where no timer can sample. RSS and external memory are
 * sampled on a 1 ms timer and by `sample()` calls; `maxRss` (the kernel's high-water mark) catches
 * RSS peaks the samples miss.
 */
export class PeakSampler {
	private readonly peak: MemorySample = memoryNow();
	private readonly timer: NodeJS.Timeout;
	private readonly profiler = new v8.GCProfiler();

	constructor(intervalMs = 1) {
		this.profiler.start();
		this.timer = setInterval(() => this.sample(), intervalMs);
	}

	sample(): void {
		this.raise(memoryNow());
	}

	stop(): MemorySample {
		clearInterval(this.timer);
		this.sample();
		for (const gc of this.profiler.stop()?.statistics ?? []) {
			const { usedHeapSize, totalHeapSize, externalMemory } = gc.beforeGC.heapStatistics;
			this.raise({ rss: 0, heapUsed: usedHeapSize, heapTotal: totalHeapSize, external: externalMemory, js: usedHeapSize + externalMemory });
		}
		return { ...this.peak };
	}

	private raise(now: MemorySample): void {
		for (const key of Object.keys(now) as (keyof MemorySample)[]) this.peak[key] = Math.max(this.peak[key], now[key]);
	}
}

/** The kernel's peak RSS of this process so far, in bytes. */
export const maxRss = (): number => process.resourceUsage().maxRSS * 1024;
