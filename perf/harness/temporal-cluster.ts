/**
 * A Temporal server as a cluster on PostgreSQL, without Docker: the server and its SQL tool built from Go modules into
 * .tools/bin, Temporal's two databases created and migrated with the tool (the postgres12 schemas shipped in the
 * server module), and the frontend, history, matching and internal worker services each started as its own process
 * with ringpop membership on 127.0.0.1 ports.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { Client } from 'pg';
import { asBackground } from '../../dev/background';
import { isPortFree } from '../../dev/ports';
import { projectRoot } from '../../dev/paths';
import { stopProcess } from '../../dev/processes';
import { goEnv, goInstallTool } from '../../dev/go-tools';
import { ensureSearchAttributes, waitForTemporal } from '../../dev/temporal-server';

export const temporalServerVersion = 'v1.29.1';
export const temporalServerModule = `go.temporal.io/server/cmd/server@${temporalServerVersion}`;
export const temporalSqlToolModule = `go.temporal.io/server/cmd/tools/sql@${temporalServerVersion}`;

/** The services, in the order they are started (and stopped in reverse). */
export const temporalServices = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalService = (typeof temporalServices)[number];

/** Where Temporal keeps its databases: a PostgreSQL server reached over TCP by a user who may create databases. */
export interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
}

const goMissing = () =>
  new Error(
    'Go is needed to build the Temporal server and its SQL tool (https://go.dev/dl); ' +
      `or run \`go install ${temporalServerModule} ${temporalSqlToolModule}\` elsewhere and put both in .tools/bin.`,
  );

/** The server and SQL tool binaries, built into .tools/bin when missing (minutes, once). */
export function resolveTemporalServerTools(log: (line: string) => void): { server: string; sqlTool: string } {
  return {
    server: goInstallTool(temporalServerModule, 'server', goMissing, log),
    sqlTool: goInstallTool(temporalSqlToolModule, 'sql', goMissing, log),
  };
}

/** The server module's postgres12 schema directories (in Go's module cache, downloaded by the build). */
export function postgresSchemaDirs(): { temporal: string; visibility: string } {
  const cache = goEnv('GOMODCACHE');
  if (!cache) throw goMissing();
  const base = join(cache, 'go.temporal.io', `server@${temporalServerVersion}`, 'schema', 'postgresql', 'v12');
  const dirs = { temporal: join(base, 'temporal', 'versioned'), visibility: join(base, 'visibility', 'versioned') };
  for (const dir of Object.values(dirs)) {
    if (!existsSync(dir))
      throw new Error(`No schema directory ${dir}: did \`go install ${temporalServerModule}\` run?`);
  }
  return dirs;
}

/** A PostgresTarget from a postgres:// URL (a Unix-socket host is replaced by 127.0.0.1: Temporal connects by TCP). */
export function postgresTargetFromUrl(url: string): PostgresTarget {
  const parsed = new URL(url);
  const host = decodeURIComponent(parsed.hostname);
  return {
    host: !host || host.startsWith('/') ? '127.0.0.1' : host,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || 'postgres'),
    password: decodeURIComponent(parsed.password),
  };
}

async function databaseExists(target: PostgresTarget, database: string): Promise<boolean> {
  const client = new Client({ ...target, database: 'postgres' });
  await client.connect();
  try {
    return ((await client.query('select 1 from pg_database where datname = $1', [database])).rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/**
 * Creates `temporal` and `temporal_visibility` when missing (create-database, then setup-schema -v 0.0) and brings
 * both up to the newest schema version (update-schema; a no-op when current). Returns what was done.
 */
export async function setupTemporalSchemas(
  sqlTool: string,
  target: PostgresTarget,
  logFile: string,
  databases = { temporal: 'temporal', visibility: 'temporal_visibility' },
): Promise<string[]> {
  const dirs = postgresSchemaDirs();
  const done: string[] = [];
  for (const kind of ['temporal', 'visibility'] as const) {
    const database = databases[kind];
    const run = (...command: string[]) => {
      const args = [
        '--plugin',
        'postgres12',
        '--endpoint',
        target.host,
        '--port',
        String(target.port),
        '--user',
        target.user,
        '--password',
        target.password,
        '--database',
        database,
        ...command,
      ];
      appendFileSync(logFile, `\n--- ${new Date().toISOString()} sql ${command.join(' ')} (${database})\n`);
      const fd = openSync(logFile, 'a');
      try {
        const result = spawnSync(sqlTool, args, { stdio: ['ignore', fd, fd] });
        if (result.status !== 0) {
          throw new Error(`sql tool ${command[0]} on ${database} failed (exit ${result.status}); see ${logFile}`);
        }
      } finally {
        closeSync(fd);
      }
    };
    if (!(await databaseExists(target, database))) {
      run('create-database');
      run('setup-schema', '-v', '0.0');
      done.push(`created ${database}`);
    }
    run('update-schema', '-d', dirs[kind]);
  }
  return done;
}

export interface TemporalClusterPorts {
  frontendGrpc: number;
  frontendHttp: number;
  membership: Record<TemporalService, number>;
  grpc: Record<Exclude<TemporalService, 'frontend'>, number>;
}

/**
 * Free 127.0.0.1 ports for every service's gRPC and membership listener (and the frontend's HTTP API), below 32768:
 * the membership table keeps a host's port in a smallint, and the ports the OS hands out (32768 and up on Linux) do
 * not fit it (the service then dies at start with "out of range for type smallint").
 */
export async function pickClusterPorts(keepIn?: string): Promise<TemporalClusterPorts> {
  // The same ports as last time when they are all free: the cluster metadata in the database names the frontend's
  // address, and keeping it saves every start an update of it.
  if (keepIn && existsSync(keepIn)) {
    const last = JSON.parse(readFileSync(keepIn, 'utf8')) as TemporalClusterPorts;
    const all = [last.frontendGrpc, last.frontendHttp, ...Object.values(last.membership), ...Object.values(last.grpc)];
    if ((await Promise.all(all.map((port) => isPortFree(port)))).every(Boolean)) return last;
  }
  const ports = await pickNewPorts();
  if (keepIn) writeFileSync(keepIn, `${JSON.stringify(ports)}\n`);
  return ports;
}

async function pickNewPorts(): Promise<TemporalClusterPorts> {
  const taken = new Set<number>();
  const next = async () => {
    for (;;) {
      const port = 20_000 + Math.floor(Math.random() * 12_000);
      if (!taken.has(port) && (await isPortFree(port))) {
        taken.add(port);
        return port;
      }
    }
  };
  return {
    frontendGrpc: await next(),
    frontendHttp: await next(),
    membership: { history: await next(), matching: await next(), frontend: await next(), worker: await next() },
    grpc: { history: await next(), matching: await next(), worker: await next() },
  };
}

/**
 * The server's configuration: persistence and visibility on postgres12, every listener on 127.0.0.1, membership
 * announced on 127.0.0.1, no metrics or pprof listeners, and the dynamic config the compose topology uses (Updates and
 * update-with-start enabled). JSON is YAML, so it is written as JSON.
 */
export function clusterConfig(options: {
  target: PostgresTarget;
  ports: TemporalClusterPorts;
  historyShards: number;
  dynamicConfigFile: string;
  logLevel: string;
}): object {
  const { target, ports } = options;
  const store = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${target.host}:${target.port}`,
      connectProtocol: 'tcp',
      user: target.user,
      password: target.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const rpc = (grpcPort: number, membershipPort: number, extra: object = {}) => ({
    rpc: { grpcPort, membershipPort, bindOnIP: '127.0.0.1', ...extra },
  });
  const frontendAddress = `127.0.0.1:${ports.frontendGrpc}`;
  return {
    log: { stdout: true, level: options.logLevel },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: options.historyShards,
      datastores: { 'postgres-default': store('temporal', 10), 'postgres-visibility': store('temporal_visibility', 4) },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: rpc(ports.frontendGrpc, ports.membership.frontend, { httpPort: ports.frontendHttp }),
      history: rpc(ports.grpc.history, ports.membership.history),
      matching: rpc(ports.grpc.matching, ports.membership.matching),
      worker: rpc(ports.grpc.worker, ports.membership.worker),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: frontendAddress,
          httpAddress: `127.0.0.1:${ports.frontendHttp}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    publicClient: { hostPort: frontendAddress },
    dynamicConfigClient: { filepath: options.dynamicConfigFile, pollInterval: '10s' },
  };
}

export interface TemporalClusterOptions {
  server: string;
  target: PostgresTarget;
  dir: string;
  logDir: string;
  historyShards?: number;
  logLevel?: string;
  /** Runs the services as background work at this niceness (see dev/background.ts); 0 or absent: as started. */
  nice?: number;
  /** Called when a service exits without being told to. */
  onUnexpectedExit?: (service: TemporalService, how: string) => void;
}

const configDir = 'temporal-config';
const configEnv = 'cluster';

/** The four services as separate processes sharing one config file; each can be killed and started again alone. */
export class TemporalCluster {
  readonly configFile: string;
  readonly address: string;
  private readonly children = new Map<TemporalService, ChildProcess>();
  private readonly expected = new WeakSet<ChildProcess>();

  constructor(
    private readonly options: TemporalClusterOptions,
    readonly ports: TemporalClusterPorts,
  ) {
    mkdirSync(join(options.dir, configDir), { recursive: true });
    mkdirSync(options.logDir, { recursive: true });
    this.configFile = join(options.dir, configDir, `${configEnv}.yaml`);
    this.address = `127.0.0.1:${ports.frontendGrpc}`;
    const config = clusterConfig({
      target: options.target,
      ports,
      historyShards: options.historyShards ?? 4,
      dynamicConfigFile: join(projectRoot(), 'deploy', 'temporal-dynamic-config.yaml'),
      logLevel: options.logLevel ?? 'warn',
    });
    writeFileSync(
      this.configFile,
      `# Written by npm run cluster on every start.\n${JSON.stringify(config, null, 2)}\n`,
    );
  }

  pid(service: TemporalService): number | undefined {
    return this.children.get(service)?.pid;
  }

  startService(service: TemporalService): void {
    const logFile = join(this.options.logDir, `temporal-${service}.log`);
    appendFileSync(logFile, `\n--- ${new Date().toISOString()} start ${service}\n`);
    const fd = openSync(logFile, 'a');
    try {
      // The server reads <root>/<config>/<env>.yaml. No authorizer: every listener is on 127.0.0.1.
      const args = ['--root', this.options.dir, '--config', configDir, '--env', configEnv, '--allow-no-auth'];
      const [command, commandArgs] = asBackground(
        this.options.server,
        [...args, 'start', '--service', service],
        this.options.nice ?? 0,
      );
      // chrt and nice exec the server: the child's pid is the service's.
      const child = spawn(command, commandArgs, { stdio: ['ignore', fd, fd] });
      child.once('exit', (code, signal) => {
        if (this.children.get(service) === child) this.children.delete(service);
        if (!this.expected.has(child)) this.options.onUnexpectedExit?.(service, signal ?? `code ${code}`);
      });
      this.children.set(service, child);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * History first, alone, until its gRPC port listens (by then it has written the cluster metadata: when the services
   * start together after the addresses changed, they race to update it and all but one exit with a version mismatch),
   * then the other three; resolves when the frontend answers.
   */
  async startAll(): Promise<void> {
    const [first, ...rest] = temporalServices;
    this.startService(first);
    const deadline = Date.now() + 120_000;
    while (await isPortFree(this.ports.grpc.history)) {
      if (!this.children.has(first)) throw new Error(`the history service exited; see ${this.options.logDir}`);
      if (Date.now() > deadline) throw new Error(`the history service did not listen within 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    for (const service of rest) this.startService(service);
    await this.waitForFrontend();
  }

  waitForFrontend(): Promise<void> {
    return waitForTemporal(this.address, 180_000, null);
  }

  /** Kills one service with the signal (SIGKILL for chaos, SIGTERM to stop) and waits for it to exit. */
  async stopService(service: TemporalService, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.children.get(service);
    this.children.delete(service);
    if (!child) return;
    this.expected.add(child);
    if (signal === 'SIGTERM') return stopProcess(child, 20_000);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  async stop(): Promise<void> {
    for (const service of [...temporalServices].reverse()) await this.stopService(service);
  }
}

/**
 * Registers the namespace when it is missing (retention in days), waits until the frontend serves it (its namespace
 * cache refreshes every few seconds), and registers our search attributes. Returns the attributes it added.
 */
export async function ensureNamespace(address: string, namespace: string, retentionDays = 3): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const exists = await connection.workflowService.describeNamespace({ namespace }).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await connection.workflowService
        .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`) })
        .catch((err: unknown) => {
          if (!/already exists/i.test(String(err))) throw err;
        });
    }
  } finally {
    await connection.close();
  }
  // DescribeNamespace reads the database, the operator calls the services' namespace cache, which refreshes every
  // few seconds: a namespace just registered is "not found" there for a while.
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await ensureSearchAttributes(address, namespace);
    } catch (err) {
      if (Date.now() > deadline || !/not found/i.test(String(err))) throw err;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
