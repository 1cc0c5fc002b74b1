/**
 * `npm run cluster`: the system on a real Temporal cluster, without Docker. PostgreSQL (DATABASE_URL's server, or the
 * embedded one under DATA_DIR), Temporal's databases and schemas, the frontend, history, matching and worker services
 * as separate processes, then two API processes and two worker processes of ours. Everything listens on 127.0.0.1
 * ports picked free at start. Ctrl-C or SIGTERM stops it all, ours first, PostgreSQL last.
 *
 * DATA_DIR (default .data/cluster) keeps the embedded PostgreSQL, logs and the generated server config.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { nodeArgsFor } from '../apps/node-args';
import { migrate } from '../apps/migrate/migrate';
import { localAdminKey } from '../dev/admin-key';
import { projectRoot } from '../dev/paths';
import { freePort } from '../dev/ports';
import { stopProcess } from '../dev/processes';
import { seedDemoData } from '../dev/seed';
import { postgresTargetFromUrl } from './harness/temporal-cluster';
import { startClusterTemporal } from './harness/temporal-under-test';

const say = (line: string) => console.log(`[cluster] ${line}`);
const stops: Array<() => Promise<void>> = [];
let stopping: Promise<void> | null = null;

/** Stops everything once, in reverse order of starting; a second call (a step failing mid-stop) waits for the first. */
async function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    say('stopping...');
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => say(`while stopping: ${String(err)}`));
    say('stopped');
  })();
  await stopping;
  process.exit(code);
}

function unexpectedExit(name: string, how: string): void {
  if (stopping) return;
  say(`${name} exited (${how}); stopping everything`);
  void shutdown(1);
}

function spawnLogged(command: string, args: string[], logFile: string, env: NodeJS.ProcessEnv, pipe = false) {
  appendFileSync(logFile, `\n--- ${new Date().toISOString()} start ${args.join(' ')}\n`);
  const fd = openSync(logFile, 'a');
  try {
    return spawn(command, args, { env, stdio: ['ignore', pipe ? 'pipe' : fd, fd] });
  } finally {
    closeSync(fd);
  }
}

async function startEmbeddedPostgres(dataDir: string, logDir: string): Promise<string> {
  const port = await freePort();
  const child = spawnLogged(
    process.execPath,
    [join(__dirname, '..', 'dev', 'postgres-process.js'), dataDir, String(port), 'credentials'],
    join(logDir, 'postgres-process.log'),
    process.env,
    true,
  );
  stops.push(() => stopProcess(child, 30_000));
  return new Promise<string>((resolvePromise, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('ready ')) resolvePromise(line.slice(6));
    });
    child.once('exit', (code) => {
      reject(new Error(`embedded PostgreSQL exited (code ${code}); see ${logDir}/postgres.log`));
      unexpectedExit('PostgreSQL', `code ${code}`);
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (code ${child.exitCode})`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not report healthy within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  const dataDir = resolve(process.env.DATA_DIR ?? join(projectRoot(), '.data', 'cluster'));
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    say(`starting embedded PostgreSQL under ${dataDir}/postgres`);
    databaseUrl = await startEmbeddedPostgres(dataDir, logDir);
  }
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const temporal = await startClusterTemporal({
    dataDir,
    logDir,
    say,
    nice: 0,
    databaseUrl,
    namespace,
    onUnexpectedExit: (service, how) => unexpectedExit(service, how),
  });
  stops.push(() => temporal.stop());
  const { cluster } = temporal;
  const target = postgresTargetFromUrl(databaseUrl);

  const applied = await migrate(databaseUrl);
  say(applied.length ? `applied migrations ${applied.join(', ')}` : 'database schema is up to date');
  if (await seedDemoData(databaseUrl)) say('seeded demo data');

  const adminKey = localAdminKey(dataDir, process.env.ADMIN_API_KEY);
  const apiPorts = [await freePort(), await freePort()];
  const apiUrls = apiPorts.map((port) => `http://127.0.0.1:${port}`);
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: cluster.address,
    TEMPORAL_NAMESPACE: namespace,
    ADMIN_API_KEY: adminKey,
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? apiUrls[0],
  };
  const launch = (name: string, kind: 'api' | 'worker', extraEnv: NodeJS.ProcessEnv = {}) => {
    if (stopping) throw new Error('stopping');
    const child = spawnLogged(
      process.execPath,
      [...nodeArgsFor(kind), join(__dirname, '..', 'apps', kind, 'main.js')],
      join(logDir, `${name}.log`),
      { ...env, ...extraEnv },
    );
    child.once('exit', (code, signal) => unexpectedExit(name, signal ?? `code ${code}`));
    stops.push(() => stopProcess(child, 40_000));
    return child;
  };
  launch('worker-1', 'worker');
  launch('worker-2', 'worker');
  const apis = apiPorts.map((port, i) => launch(`api-${i + 1}`, 'api', { PORT: String(port) }));
  await Promise.all(apiUrls.map((url, i) => waitForHealth(`${url}/health`, apis[i]!, 120_000)));

  console.log(
    [
      '',
      'Credentials engine is running on a Temporal cluster.',
      `  APIs              ${apiUrls.join('  ')}`,
      `  Temporal          ${cluster.address} (namespace ${namespace}; HTTP 127.0.0.1:${cluster.ports.frontendHttp})`,
      `  Temporal services ${(['frontend', 'history', 'matching', 'worker'] as const)
        .map((s) => `${s} pid ${cluster.pid(s)}`)
        .join(', ')}`,
      `  PostgreSQL        ${target.host}:${target.port} (databases credentials, temporal, temporal_visibility)`,
      `  Admin key         ${adminKey}`,
      `  Logs              ${logDir}`,
      `  Try:              curl -H "Authorization: Bearer ${adminKey}" ${apiUrls[1]}/course-offers`,
      `  Health:           temporal operator cluster health --address ${cluster.address}`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch(async (err: unknown) => {
  // A step cut short by Ctrl-C fails as well: only a failure of its own is news.
  if (!stopping) console.error(`[cluster] ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});
