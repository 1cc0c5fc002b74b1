/**
 * `npm start`: PostgreSQL (DATABASE_URL or embedded), migrations, demo data once, Temporal (TEMPORAL_ADDRESS or a dev
 * server with its UI), then the API and the worker. Ctrl-C or SIGTERM stops them in reverse order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../apps/config';
import { localAdminKey } from './admin-key';
import { startLocalPostgres } from './local-postgres';
import { migrate } from '../apps/migrate/migrate';
import { isPortFree } from './ports';
import { stopProcess } from './processes';
import { seedDemoData } from './seed';
import { resolveTemporalCli } from './temporal-cli';
import { nodeArgsFor } from '../apps/node-args';
import { ensureSearchAttributes, startTemporalDevServer } from './temporal-server';

const say = (line: string) => console.log(`[start] ${line}`);
const stops: Array<() => Promise<void>> = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping...');
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => say(`while stopping: ${String(err)}`));
    say('stopped');
  }
  process.exit(code);
}

function runApp(name: 'api' | 'worker', script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const nodeArgs = nodeArgsFor(name);
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, '..', script)], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  stops.push(() => stopProcess(child, 40_000));
  return child;
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not report healthy within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  const config = loadConfig();

  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    say(`starting embedded PostgreSQL under ${config.dataDir}/postgres`);
    const db = await startLocalPostgres(config.dataDir);
    stops.push(db.stop);
    databaseUrl = db.url;
  }
  const applied = await migrate(databaseUrl);
  say(applied.length ? `applied migrations ${applied.join(', ')}` : 'database schema is up to date');
  if (await seedDemoData(databaseUrl))
    say('seeded demo data (organisation, issuing officer, course offer, 5 enrolments)');

  let temporalAddress = config.temporalAddress;
  let temporalUi = process.env.TEMPORAL_UI_URL ?? null;
  if (temporalAddress) {
    const added = await ensureSearchAttributes(temporalAddress, config.temporalNamespace);
    if (added.length) say(`registered search attributes ${added.join(', ')}`);
  } else {
    if (!(await isPortFree(7233))) {
      throw new Error('Port 7233 is taken: is a Temporal server running already? Set TEMPORAL_ADDRESS to use it.');
    }
    const cli = resolveTemporalCli(config.temporalCli, say);
    say(`starting Temporal dev server (${cli}), state in ${config.dataDir}/temporal.db`);
    const temporal = await startTemporalDevServer({
      cli,
      port: 7233,
      uiPort: 8233,
      dbFile: join(config.dataDir, 'temporal.db'),
      logFile: join(config.dataDir, 'logs', 'temporal.log'),
      nice: config.workerNice,
    });
    stops.push(temporal.stop);
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
  }

  const adminKey = localAdminKey(config.dataDir, config.adminApiKey);
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    ADMIN_API_KEY: adminKey,
    // The console links each credential and bulk run to its workflow in this UI.
    ...(temporalUi && !process.env.TEMPORAL_UI_URL ? { TEMPORAL_UI_URL: temporalUi } : {}),
  };
  runApp('worker', 'apps/worker/main.js', env);
  runApp('api', 'apps/api/main.js', env);
  const api = `http://localhost:${config.port}`;
  await waitForHealth(`${api}/health`, 90_000);
  console.log(
    [
      '',
      'Credentials engine is running.',
      `  Console      ${api}/console  (sign in with the admin key below, or a key from POST /api-keys)`,
      `  API          ${api}`,
      `  OpenAPI      ${api}/docs`,
      `  Temporal UI  ${temporalUi ?? '(your Temporal server UI)'}`,
      `  Admin key    ${adminKey}`,
      `  Try:         curl -H "Authorization: Bearer ${adminKey}" ${api}/course-offers`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch(async (err: unknown) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});
