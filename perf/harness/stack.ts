/**
 * The whole system as separate processes, for the chaos and bench scripts: embedded PostgreSQL (postgres-process.js),
 * a Temporal dev server persisted to a file, the worker and the API, each restartable on the same ports and data.
 * Everything listens on 127.0.0.1 ports picked free at start, so it never meets `npm start` (3000/7233/8233/54329).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../../dev/ports';
import { stopProcess } from '../../dev/processes';
import { resolveTemporalCli } from '../../dev/temporal-cli';
import { loadConfig } from '../../apps/config';
import { nodeArgsFor } from '../../apps/node-args';
import { startTemporalDevServer, type TemporalDevServer } from '../../dev/temporal-server';

export type Say = (line: string) => void;

export interface StackOptions {
  dataDir: string;
  say: Say;
  /** Environment for the API and worker on top of what the stack sets (RESEND_*, EMAIL_RATE_PER_SECOND...). */
  appEnv?: NodeJS.ProcessEnv;
  /** Called when the API or worker exits without being told to: a crash the caller should report. */
  onUnexpectedExit?: (name: string, how: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A child process whose output goes to a log file in the data dir. */
function spawnLogged(
  command: string,
  args: string[],
  logFile: string,
  env?: NodeJS.ProcessEnv,
  stdout: 'pipe' | 'log' = 'log',
) {
  appendFileSync(logFile, `\n--- ${new Date().toISOString()} start ${command} ${args.join(' ')}\n`);
  const fd = openSync(logFile, 'a');
  try {
    return spawn(command, args, { env, stdio: ['ignore', stdout === 'pipe' ? 'pipe' : fd, fd] });
  } finally {
    closeSync(fd);
  }
}

export class LocalStack {
  readonly logDir: string;
  readonly adminKey = `harness-admin-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  databaseUrl = '';
  temporalAddress = '';
  apiUrl = '';
  private postgres: ChildProcess | null = null;
  private postgresPort = 0;
  private temporal: TemporalDevServer | null = null;
  private temporalPort = 0;
  private apiPort = 0;
  private api: ChildProcess | null = null;
  private worker: ChildProcess | null = null;
  private readonly expectedExits = new WeakSet<ChildProcess>();
  private workerStarts = 0;
  private stopping = false;

  private constructor(private readonly options: StackOptions) {
    this.logDir = join(options.dataDir, 'logs');
    mkdirSync(this.logDir, { recursive: true });
  }

  /** Picks the ports once: every restart uses the same ones, and the worker knows the API's public URL. */
  static async create(options: StackOptions): Promise<LocalStack> {
    const stack = new LocalStack(options);
    const ports = new Set<number>();
    while (ports.size < 3) ports.add(await freePort());
    [stack.postgresPort, stack.temporalPort, stack.apiPort] = [...ports] as [number, number, number];
    stack.apiUrl = `http://127.0.0.1:${stack.apiPort}`;
    return stack;
  }

  get workerPid(): number | undefined {
    return this.worker?.pid;
  }

  get apiPid(): number | undefined {
    return this.api?.pid;
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  // ---- PostgreSQL ----

  /** Starts postgres-process.js on the data dir (the same port on every restart) and waits for its `ready` line. */
  async startPostgres(): Promise<void> {
    const script = join(__dirname, '..', '..', 'dev', 'postgres-process.js');
    const child = spawnLogged(
      process.execPath,
      [script, this.options.dataDir, String(this.postgresPort), 'credentials'],
      join(this.logDir, 'postgres-process.log'),
      process.env,
      'pipe',
    );
    this.postgres = child;
    this.databaseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('embedded PostgreSQL did not start within 120 s')), 120_000);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (!line.startsWith('ready ')) return;
        clearTimeout(timer);
        resolve(line.slice(6));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`embedded PostgreSQL exited (code ${code}); see ${this.options.dataDir}/logs/postgres.log`));
      });
    });
  }

  /** Stops PostgreSQL (a fast shutdown: open sessions are cut) and starts it again on the same data dir and port. */
  async restartPostgres(downMs = 2000): Promise<void> {
    await this.stopPostgres();
    await sleep(downMs);
    await this.startPostgres();
  }

  async stopPostgres(): Promise<void> {
    if (this.postgres) await stopProcess(this.postgres, 30_000);
    this.postgres = null;
  }

  // ---- Temporal ----

  /** A dev server persisted to dataDir/temporal.db (as `npm start` runs it), headless, on the same port every time. */
  async startTemporal(): Promise<void> {
    this.temporal = await startTemporalDevServer({
      cli: resolveTemporalCli(process.env.TEMPORAL_CLI, this.options.say),
      port: this.temporalPort,
      dbFile: join(this.options.dataDir, 'temporal.db'),
      logFile: join(this.logDir, 'temporal.log'),
      nice: loadConfig().workerNice,
    });
    this.temporalAddress = this.temporal.address;
  }

  /** SIGTERM, wait for the exit, then start again with the same database file. */
  async restartTemporal(downMs = 1000): Promise<void> {
    await this.stopTemporal();
    await sleep(downMs);
    await this.startTemporal();
  }

  async stopTemporal(): Promise<void> {
    await this.temporal?.stop();
    this.temporal = null;
  }

  // ---- API and worker ----

  private appEnv(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PORT: String(this.apiPort),
      DATA_DIR: this.options.dataDir,
      DATABASE_URL: this.databaseUrl,
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      ADMIN_API_KEY: this.adminKey,
      PUBLIC_BASE_URL: `http://127.0.0.1:${this.apiPort}`,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      ...this.options.appEnv,
    };
  }

  private launch(name: 'api' | 'worker', script: string): ChildProcess {
    // HARNESS_WORKER_NODE_ARGS / HARNESS_API_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile one of
    // them.
    const nodeArgs = [
      ...nodeArgsFor(name),
      ...(process.env[`HARNESS_${name.toUpperCase()}_NODE_ARGS`] ?? '').split(' ').filter(Boolean),
    ];
    const child = spawnLogged(
      process.execPath,
      [...nodeArgs, join(__dirname, '..', '..', script)],
      join(this.logDir, `${name}.log`),
      this.appEnv(),
    );
    child.once('exit', (code, signal) => {
      if (this.stopping || this.expectedExits.has(child)) return;
      this.options.onUnexpectedExit?.(name, signal ?? `code ${code}`);
    });
    return child;
  }

  async startApi(): Promise<void> {
    if (this.stopping) return;
    this.api = this.launch('api', 'apps/api/main.js');
    const deadline = Date.now() + 120_000;
    while (
      !(await fetch(`${this.apiUrl}/health`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (this.api.exitCode !== null)
        throw new Error(`the API exited (code ${this.api.exitCode}); see ${this.logDir}/api.log`);
      if (Date.now() > deadline) throw new Error(`the API was not healthy within 120 s; see ${this.logDir}/api.log`);
      await sleep(250);
    }
  }

  startWorker(): void {
    if (this.stopping) return;
    this.workerStarts++;
    this.worker = this.launch('worker', 'apps/worker/main.js');
  }

  /** Kills the worker with the signal and waits until it is gone. */
  async killWorker(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const worker = this.worker;
    if (!worker || worker.exitCode !== null || worker.signalCode !== null) return;
    this.expectedExits.add(worker);
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill(signal);
    await exited;
    this.worker = null;
  }

  /** Starts the worker again when it is not running (after a kill, or a crash the caller has reported). */
  ensureWorker(): void {
    if (!this.worker || this.worker.exitCode !== null || this.worker.signalCode !== null) this.startWorker();
  }

  get workerStartCount(): number {
    return this.workerStarts;
  }

  /** API and worker first (the worker drains), then Temporal, then PostgreSQL. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const apps = [this.api, this.worker].filter((c): c is ChildProcess => c !== null);
    await Promise.all(apps.map((child) => stopProcess(child, 40_000)));
    await this.stopTemporal().catch(() => undefined);
    await this.stopPostgres().catch(() => undefined);
  }
}
