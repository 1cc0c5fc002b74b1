/**
 * The whole system as separate processes, for the chaos and bench scripts: embedded PostgreSQL (postgres-process.js),
 * Temporal (the dev server persisted to a file, or the server's four services on PostgreSQL), and one or more APIs and
 * workers, each restartable on the same ports and data. Everything listens on 127.0.0.1 ports picked free at start,
 * so it never meets `npm start` (3000/7233/8233/54329).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../../dev/ports';
import { stopProcess } from '../../dev/processes';
import { loadConfig } from '../../apps/config';
import { nodeArgsFor } from '../../apps/node-args';
import { idleWarmUpEndMessages } from '../../apps/worker/render-messages';
import { startClusterTemporal, startDevTemporal, type TemporalUnderTest } from './temporal-under-test';
import type { TemporalService } from './temporal-cluster';

export type Say = (line: string) => void;

export interface StackOptions {
  dataDir: string;
  say: Say;
  /** Environment for the APIs and workers on top of what the stack sets (RESEND_*, EMAIL_RATE_PER_SECOND...). */
  appEnv?: NodeJS.ProcessEnv;
  /** Called when an API or worker ("api-2", "worker-1") or a Temporal service exits without being told to. */
  onUnexpectedExit?: (name: string, how: string) => void;
  /** `dev`: the Temporal dev server, as `npm start` runs it; `cluster`: the server's services on PostgreSQL. */
  temporal?: 'dev' | 'cluster';
  apis?: number;
  workers?: number;
}

type AppKind = 'api' | 'worker';

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

const running = (child: ChildProcess | null | undefined): child is ChildProcess =>
  !!child && child.exitCode === null && child.signalCode === null;

export class LocalStack {
  readonly logDir: string;
  readonly adminKey = `harness-admin-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  databaseUrl = '';
  temporalAddress = '';
  apiUrls: string[] = [];
  private postgres: ChildProcess | null = null;
  private postgresPort = 0;
  private temporal: TemporalUnderTest | null = null;
  private temporalPort = 0;
  private apiPorts: number[] = [];
  private readonly apps: Record<AppKind, Array<ChildProcess | null>>;
  private readonly expectedExits = new WeakSet<ChildProcess>();
  private workerStarts = 0;
  private stopping = false;

  private constructor(private readonly options: StackOptions) {
    this.logDir = join(options.dataDir, 'logs');
    mkdirSync(this.logDir, { recursive: true });
    this.apps = {
      api: new Array<null>(options.apis ?? 1).fill(null),
      worker: new Array<null>(options.workers ?? 1).fill(null),
    };
  }

  /** Picks the ports once: every restart uses the same ones, and the workers know the first API's public URL. */
  static async create(options: StackOptions): Promise<LocalStack> {
    const stack = new LocalStack(options);
    const ports = new Set<number>();
    const wanted = 2 + stack.apps.api.length;
    while (ports.size < wanted) ports.add(await freePort());
    [stack.postgresPort, stack.temporalPort, ...stack.apiPorts] = [...ports] as [number, number, ...number[]];
    stack.apiUrls = stack.apiPorts.map((port) => `http://127.0.0.1:${port}`);
    return stack;
  }

  get apiUrl(): string {
    return this.apiUrls[0]!;
  }

  get workerPid(): number | undefined {
    return this.apps.worker[0]?.pid;
  }

  get apiPid(): number | undefined {
    return this.apps.api[0]?.pid;
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  get temporalKind(): 'dev' | 'cluster' {
    return this.options.temporal ?? 'dev';
  }

  /** Our processes and Temporal's as roots for cpuSnapshot: "api-1", "worker-2", "temporal" or "temporal-history"... */
  cpuRoots(): Record<string, number | string | undefined> {
    const roots: Record<string, number | string | undefined> = {};
    for (const kind of ['worker', 'api'] as const)
      this.apps[kind].forEach((child, i) => (roots[this.appName(kind, i)] = child?.pid));
    return { ...roots, ...this.temporal?.cpuRoots() };
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

  /** The dev server (persisted to dataDir/temporal.db) or the cluster (on this stack's PostgreSQL), then namespace. */
  async startTemporal(): Promise<void> {
    const common = { dataDir: this.options.dataDir, logDir: this.logDir, say: this.options.say };
    this.temporal =
      this.temporalKind === 'cluster'
        ? await startClusterTemporal({
            ...common,
            databaseUrl: this.databaseUrl,
            nice: loadConfig().workerNice,
            onUnexpectedExit: (service, how) => {
              if (!this.stopping) this.options.onUnexpectedExit?.(`temporal-${service}`, how);
            },
          })
        : await startDevTemporal({ ...common, port: this.temporalPort, nice: loadConfig().workerNice });
    this.temporalAddress = this.temporal.address;
  }

  /** Dev server: SIGTERM, wait for the exit, then start again on the same database file. */
  async restartTemporal(downMs = 1000): Promise<void> {
    await this.temporal?.stop();
    await sleep(downMs);
    await this.startTemporal();
  }

  /** Cluster: kills one of Temporal's services with the signal and starts it again after downMs. */
  async restartTemporalService(service: TemporalService, signal: NodeJS.Signals = 'SIGKILL', downMs = 1000) {
    if (!this.temporal?.restartService) throw new Error('only a cluster has separate Temporal services');
    await this.temporal.restartService(service, signal, downMs);
  }

  async stopTemporal(): Promise<void> {
    await this.temporal?.stop();
    this.temporal = null;
  }

  // ---- APIs and workers ----

  private appName(kind: AppKind, index: number): string {
    return `${kind}-${index + 1}`;
  }

  private appEnv(index: number): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PORT: String(this.apiPorts[index] ?? this.apiPorts[0]),
      DATA_DIR: this.options.dataDir,
      DATABASE_URL: this.databaseUrl,
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      ADMIN_API_KEY: this.adminKey,
      PUBLIC_BASE_URL: this.apiUrl,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      ...this.options.appEnv,
    };
  }

  private launch(kind: AppKind, index: number): ChildProcess {
    const name = this.appName(kind, index);
    // HARNESS_WORKER_NODE_ARGS / HARNESS_API_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile them.
    const nodeArgs = [
      ...nodeArgsFor(kind),
      ...(process.env[`HARNESS_${kind.toUpperCase()}_NODE_ARGS`] ?? '').split(' ').filter(Boolean),
    ];
    const child = spawnLogged(
      process.execPath,
      [...nodeArgs, join(__dirname, '..', '..', 'apps', kind, 'main.js')],
      join(this.logDir, `${name}.log`),
      this.appEnv(index),
    );
    child.once('exit', (code, signal) => {
      if (this.stopping || this.expectedExits.has(child)) return;
      this.options.onUnexpectedExit?.(name, signal ?? `code ${code}`);
    });
    this.apps[kind][index] = child;
    return child;
  }

  /** Starts API `index` (0-based) and waits until it reports healthy. */
  async startApi(index = 0): Promise<void> {
    if (this.stopping) return;
    const api = this.launch('api', index);
    const url = this.apiUrls[index]!;
    const log = `${this.logDir}/${this.appName('api', index)}.log`;
    const deadline = Date.now() + 120_000;
    while (
      !(await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (api.exitCode !== null) throw new Error(`the API exited (code ${api.exitCode}); see ${log}`);
      if (Date.now() > deadline) throw new Error(`the API was not healthy within 120 s; see ${log}`);
      await sleep(250);
    }
  }

  async startApis(): Promise<void> {
    await Promise.all(this.apps.api.map((_, i) => this.startApi(i)));
  }

  startWorker(index = 0): void {
    if (this.stopping) return;
    this.workerStarts++;
    this.launch('worker', index);
  }

  startWorkers(): void {
    this.apps.worker.forEach((_, i) => this.startWorker(i));
  }

  /** Kills an API or worker with the signal and waits until it is gone. */
  async kill(kind: AppKind, index = 0, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.apps[kind][index];
    if (!running(child)) return;
    this.expectedExits.add(child);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.apps[kind][index] = null;
  }

  /** Starts an API or worker again when it is not running (after a kill, or a crash the caller has reported). */
  async ensure(name: string): Promise<void> {
    const [kind, number] = name.split('-') as [AppKind, string];
    const index = Number(number) - 1;
    if (running(this.apps[kind]?.[index])) return;
    if (kind === 'worker') this.startWorker(index);
    else if (kind === 'api') await this.startApi(index);
  }

  /**
   * Waits until `renderProcesses` render processes have logged the end of their warm-up while idle (done, or stopped
   * by a failed sample). Its sample renders use a core for tens of seconds after a worker starts; a phase measured
   * meanwhile would count them as its own. False when they have not within the time (or log above info level).
   */
  async renderWarmedUp(renderProcesses: number, timeoutMs = 300_000): Promise<boolean> {
    const messages = Object.values(idleWarmUpEndMessages).map((message) => `"msg":${JSON.stringify(message)}`);
    const logs = this.apps.worker.map((_, i) => join(this.logDir, `${this.appName('worker', i)}.log`));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const count = logs.reduce((sum, log) => {
        const text = readFileSync(log, 'utf8');
        return sum + messages.reduce((found, message) => found + text.split(message).length - 1, 0);
      }, 0);
      if (count >= renderProcesses) return true;
      if (Date.now() > deadline) return false;
      await sleep(1000);
    }
  }

  get workerStartCount(): number {
    return this.workerStarts;
  }

  /** APIs and workers first (the workers drain), then Temporal, then PostgreSQL. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const apps = [...this.apps.api, ...this.apps.worker].filter(running);
    await Promise.all(apps.map((child) => stopProcess(child, 40_000)));
    await this.stopTemporal().catch(() => undefined);
    await this.stopPostgres().catch(() => undefined);
  }
}
