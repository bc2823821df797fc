/**
 * n8n in queue mode: one main (`n8n start`: triggers, webhooks, enqueuing) and workers
 * (`n8n worker`: they run the executions), all sharing one user folder with the package, one
 * PostgreSQL database and one Redis. Each process gets its own task-broker port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { N8nInstall } from '../../scripts/n8n/install';
import { N8n } from '../../scripts/n8n/instance';
import { freePort } from '../../scripts/n8n/ports';
import { stopProcess, waitFor } from '../../scripts/n8n/proc';
import { DB_NAME, DB_USER } from './services';

export interface ClusterOptions {
	install: N8nInstall;
	userFolder: string;
	workDir: string;
	redisPort: number;
	postgresPort: number;
	workers: number;
}

/** What makes an n8n process part of the queue-mode cluster. */
function queueEnv(options: ClusterOptions, encryptionKey: string): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(options.redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(options.postgresPort),
		DB_POSTGRESDB_DATABASE: DB_NAME,
		DB_POSTGRESDB_USER: DB_USER,
		DB_POSTGRESDB_PASSWORD: DB_USER,
		// Workers decrypt the credential main imported: the key must not depend on who wrote the config first.
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_LOG_LEVEL: 'info',
	};
}

export class Worker {
	private child?: ChildProcess;

	constructor(
		readonly name: string,
		private readonly n8n: N8n,
		readonly logFile: string,
	) {}

	async start(): Promise<void> {
		const log = createWriteStream(this.logFile);
		const child = spawn(this.n8n.install.bin, ['worker', '--concurrency=10'], { env: this.n8n.env(), stdio: ['ignore', 'pipe', 'pipe'] });
		this.child = child;
		child.stdout.pipe(log);
		child.stderr.pipe(log);
		await waitFor(
			`${this.name} to be ready`,
			async () => {
				if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.log().slice(-3000)}`);
				return this.log().includes('n8n worker is now ready') || undefined;
			},
			120_000,
		);
	}

	/** Empty until the log file exists: the stream opens it asynchronously. */
	log(): string {
		return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
	}

	/**
	 * The pipes are closed too: a worker killed mid-start can leave its task-runner child holding
	 * them, which would keep this process alive until that child gives up.
	 */
	async stop(): Promise<void> {
		if (!this.child) return;
		await stopProcess(this.child);
		this.child.stdout?.destroy();
		this.child.stderr?.destroy();
	}
}

export class Cluster {
	readonly main: N8n;
	readonly workers: Worker[];
	private mainStarts = 0;

	private constructor(
		private readonly options: ClusterOptions,
		main: N8n,
		workers: Worker[],
	) {
		this.main = main;
		this.workers = workers;
	}

	static async create(options: ClusterOptions): Promise<Cluster> {
		const env = queueEnv(options, randomBytes(24).toString('hex'));
		const instance = async () =>
			new N8n(options.install, { userFolder: options.userFolder, port: await freePort(), brokerPort: await freePort(), env });
		const main = await instance();
		const workers: Worker[] = [];
		for (let i = 1; i <= options.workers; i++) workers.push(new Worker(`worker ${i}`, await instance(), join(options.workDir, `worker-${i}.log`)));
		return new Cluster(options, main, workers);
	}

	/** Each start writes its own log, so a restart's lines can be told from the first run's. */
	mainLogFile(start = this.mainStarts): string {
		return join(this.options.workDir, `main-${start}.log`);
	}

	mainLog(): string {
		return Array.from({ length: this.mainStarts }, (_, index) => readFileSync(this.mainLogFile(index + 1), 'utf8')).join('\n');
	}

	async startMain(): Promise<void> {
		this.mainStarts += 1;
		await this.main.start(this.mainLogFile());
	}

	async start(): Promise<void> {
		await Promise.all([this.startMain(), ...this.workers.map((worker) => worker.start())]);
	}

	async stop(): Promise<void> {
		await Promise.all([this.main.stop(), ...this.workers.map((worker) => worker.stop())]);
	}
}

/** How often a line occurs in a log. */
export const countLines = (log: string, pattern: RegExp): number => log.split('\n').filter((line) => pattern.test(line)).length;
