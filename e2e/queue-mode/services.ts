/**
 * Redis and PostgreSQL for n8n's queue mode: installed from Debian when missing, started on free
 * loopback ports in throw-away folders, and stopped again. Nothing uses the system's own
 * instances or their default ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, runOk, say, waitFor } from '../../scripts/n8n/proc';

const POSTGRES_ROOT = '/usr/lib/postgresql';
export const DB_USER = 'n8n';
export const DB_NAME = 'postgres';

/** The newest installed PostgreSQL's bin folder, if any. */
function postgresBin(): string | undefined {
	if (!existsSync(POSTGRES_ROOT)) return undefined;
	const versions = readdirSync(POSTGRES_ROOT)
		.filter((version) => existsSync(join(POSTGRES_ROOT, version, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(POSTGRES_ROOT, versions[0], 'bin') : undefined;
}

const isRoot = () => process.getuid?.() === 0;

/** Installs what is missing with apt (CI and developers run as root); returns what was installed. */
export async function ensurePackages(): Promise<string[]> {
	const missing: string[] = [];
	if ((await run('sh', ['-c', 'command -v redis-server'])).code !== 0) missing.push('redis-server');
	if (!postgresBin()) missing.push('postgresql');
	if (missing.length === 0) return missing;
	if (!isRoot()) throw new Error(`Queue mode needs ${missing.join(' and ')}: apt-get install -y ${missing.join(' ')}`);
	say(`  installing ${missing.join(', ')} with apt`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await runOk('apt-get', ['update'], { env });
	await runOk('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
	return missing;
}

export class Service {
	constructor(
		readonly name: string,
		readonly port: number,
		private readonly child: ChildProcess,
		readonly logFile: string,
		private readonly stopSignal: NodeJS.Signals = 'SIGTERM',
		private readonly cleanup: () => void = () => {},
	) {}

	/** The service's own shutdown signal, then SIGKILL if it has not exited after a while. */
	async stop(): Promise<void> {
		const { child } = this;
		if (child.exitCode === null && child.signalCode === null) {
			await new Promise<void>((resolve) => {
				const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
				child.once('exit', () => {
					clearTimeout(kill);
					resolve();
				});
				child.kill(this.stopSignal);
			});
		}
		this.cleanup();
	}
}

function startLogged(command: string, args: string[], logFile: string): ChildProcess {
	const log = createWriteStream(logFile);
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout?.pipe(log);
	child.stderr?.pipe(log);
	return child;
}

/** Fails the wait at once, with the log, when the process died instead of getting ready. */
function aliveOrThrow(child: ChildProcess, name: string, logFile: string): void {
	if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
}

function redisAnswersPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.setTimeout(1_000, () => socket.destroy());
		socket.once('error', () => resolve(false));
		socket.once('close', () => resolve(false));
		socket.once('data', (data) => {
			resolve(data.toString().startsWith('+PONG'));
			socket.destroy();
		});
		socket.once('connect', () => socket.write('PING\r\n'));
	});
}

/** A Redis that keeps nothing on disk: the queue only has to live as long as this run. */
export async function startRedis(workDir: string, port: number): Promise<Service> {
	const logFile = join(workDir, 'redis.log');
	const child = startLogged('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', workDir], logFile);
	await waitFor(`Redis on port ${port}`, async () => (aliveOrThrow(child, 'redis-server', logFile), (await redisAnswersPing(port)) || undefined), 30_000);
	return new Service('Redis', port, child, logFile);
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user the Debian package creates. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	return isRoot() ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args]] : [command, args];
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
	const [uid, gid] = await Promise.all(['-u', '-g'].map(async (flag) => Number((await runOk('id', [flag, 'postgres'])).stdout.trim())));
	return { uid, gid };
}

/**
 * A fresh cluster in a temporary folder with trust authentication on loopback; durability is
 * switched off because the data is thrown away at the end.
 */
export async function startPostgres(workDir: string, port: number): Promise<Service> {
	const bin = postgresBin();
	if (!bin) throw new Error('PostgreSQL is not installed');
	const dataDir = mkdtempSync(join(tmpdir(), 'ombori-queue-mode-pg-'));
	if (isRoot()) {
		const { uid, gid } = await postgresIds();
		chownSync(dataDir, uid, gid);
	}
	await runOk(...asPostgresUser(join(bin, 'initdb'), ['-D', dataDir, '-U', DB_USER, '--auth=trust', '-E', 'UTF8', '--no-sync']));
	const logFile = join(workDir, 'postgres.log');
	const settings = ['listen_addresses=127.0.0.1', `unix_socket_directories=${dataDir}`, 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];
	const child = startLogged(...asPostgresUser(join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), ...settings.flatMap((setting) => ['-c', setting])]), logFile);
	await waitFor(
		`PostgreSQL on port ${port}`,
		async () => (aliveOrThrow(child, 'postgres', logFile), (await run(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)])).code === 0 || undefined),
		60_000,
	);
	// SIGINT is PostgreSQL's "fast" shutdown: it does not wait for n8n's pooled connections to go away.
	return new Service('PostgreSQL', port, child, logFile, 'SIGINT', () => rmSync(dataDir, { recursive: true, force: true }));
}

/** One SQL query through psql; rows as arrays of text. */
export async function sql(port: number, query: string): Promise<string[][]> {
	const bin = postgresBin() as string;
	const psql = existsSync(join(bin, 'psql')) ? join(bin, 'psql') : 'psql';
	const { stdout } = await runOk(psql, ['-h', '127.0.0.1', '-p', String(port), '-U', DB_USER, '-d', DB_NAME, '-tA', '-F', '\t', '-c', query]);
	return stdout
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => line.split('\t'));
}
