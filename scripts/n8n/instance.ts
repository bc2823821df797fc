/**
 * One n8n user folder driven headlessly through the n8n CLI, as measured in the research notes:
 * import:credentials / import:workflow, `execute --id --rawOutput` for manual workflows,
 * publish:workflow + `start` for trigger workflows. Nothing here needs an owner account or API key.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import type { N8nInstall } from './install';
import { run, runOk, stopProcess, waitFor, type RunResult } from './proc';

export interface N8nOptions {
	userFolder: string;
	port: number;
	/** The task broker listens too; it must differ from `port` and from any other n8n's broker. */
	brokerPort: number;
	/** Host name n8n puts in the URLs it shows (default 127.0.0.1); it always listens on loopback only. */
	host?: string;
	env?: NodeJS.ProcessEnv;
}

/** What `n8n execute --rawOutput` prints: the run data of the execution. */
export interface ExecutionRun {
	status?: string;
	data: {
		resultData: {
			error?: { message: string };
			runData: Record<string, Array<{ error?: { message: string }; data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>>;
		};
	};
}

/**
 * `--rawOutput` still prints log lines (task broker, Python runner warning) before the JSON, which
 * is pretty-printed: it starts at a line that is exactly `{` and ends at the next line that is `}`.
 */
export function parseRawOutput(stdout: string): ExecutionRun {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start);
	if (start < 0 || end < 0) throw new Error(`No execution JSON in n8n output:\n${stdout.slice(-2000)}`);
	return JSON.parse(lines.slice(start, end + 1).join('\n')) as ExecutionRun;
}

export class N8n {
	private server?: ChildProcess;
	readonly host: string;

	constructor(
		readonly install: N8nInstall,
		readonly options: N8nOptions,
	) {
		this.host = options.host ?? '127.0.0.1';
	}

	/** Where n8n listens: always the IPv4 loopback, so callers never depend on how "localhost" resolves. */
	get url(): string {
		return `http://127.0.0.1:${this.options.port}`;
	}

	/** The same server as n8n names it in its own URLs (editor, form and webhook links). */
	get publicUrl(): string {
		return `http://${this.host}:${this.options.port}`;
	}

	/** Production URL of a trigger node's webhook: n8n puts the node's webhookId before the path. */
	webhookUrl(webhookId: string, path: string): string {
		return `${this.url}/webhook/${webhookId}/${path}`;
	}

	env(): NodeJS.ProcessEnv {
		const { nodeBinDir } = this.install;
		return {
			...process.env,
			PATH: nodeBinDir ? `${nodeBinDir}${delimiter}${process.env.PATH ?? ''}` : process.env.PATH,
			N8N_USER_FOLDER: this.options.userFolder,
			N8N_PORT: String(this.options.port),
			N8N_RUNNERS_BROKER_PORT: String(this.options.brokerPort),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: this.host,
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			DB_SQLITE_POOL_SIZE: '2',
			...this.options.env,
		};
	}

	cli(args: string[]): Promise<RunResult> {
		return runOk(this.install.bin, args, { env: this.env() });
	}

	/** Plaintext credential data is encrypted with this user folder's key on import. */
	importCredentials(file: string): Promise<RunResult> {
		return this.cli(['import:credentials', `--input=${file}`]);
	}

	/** A JSON file holding one workflow or an array of them. */
	importWorkflows(file: string): Promise<RunResult> {
		return this.cli(['import:workflow', `--input=${file}`]);
	}

	/** Takes effect at the next `start`. */
	publish(workflowId: string): Promise<RunResult> {
		return this.cli(['publish:workflow', `--id=${workflowId}`]);
	}

	/** Runs a Manual Trigger workflow in its own process; a failed workflow is returned, not thrown. */
	async execute(workflowId: string): Promise<{ code: number; run: ExecutionRun; output: string }> {
		const result = await run(this.install.bin, ['execute', `--id=${workflowId}`, '--rawOutput'], { env: this.env() });
		const output = `${result.stdout}\n${result.stderr}`;
		return { code: result.code, run: parseRawOutput(result.stdout), output };
	}

	/** Starts the server with its log in `logFile` and resolves once /healthz/readiness answers 200. */
	async start(logFile: string, readyTimeoutMs = 120_000): Promise<void> {
		const log = createWriteStream(logFile);
		const server = spawn(this.install.bin, ['start'], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
		this.server = server;
		server.stdout.pipe(log);
		server.stderr.pipe(log);
		await waitFor(
			`n8n ${this.install.version} to be ready on ${this.url}`,
			async () => {
				if (server.exitCode !== null) {
					throw new Error(`n8n exited with ${server.exitCode}:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
				}
				const response = await fetch(`${this.url}/healthz/readiness`).catch(() => undefined);
				return response?.ok ? true : undefined;
			},
			readyTimeoutMs,
		).catch((error: Error) => {
			// a start that failed must not leave a server behind
			void stopProcess(server);
			throw error;
		});
	}

	get running(): boolean {
		return this.server !== undefined && this.server.exitCode === null && this.server.signalCode === null;
	}

	/** Resolves when the server process exited (e.g. after Ctrl-C reached it too). */
	exited(): Promise<void> {
		const server = this.server;
		if (!server || !this.running) return Promise.resolve();
		return new Promise((resolve) => server.once('exit', () => resolve()));
	}

	async stop(): Promise<void> {
		if (this.server) await stopProcess(this.server);
		this.server = undefined;
	}
}
