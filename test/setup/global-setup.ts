import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../apps/migrate/migrate';
import { projectRoot } from '../../dev/paths';
import { freePort } from '../../dev/ports';
import { startEmbeddedPostgres, ensureDatabase } from '../../dev/postgres';
import { resolveTemporalCli } from '../../dev/temporal-cli';
import { startTemporalDevServer } from '../../dev/temporal-server';
import { workflowTestNamespace } from '../support/workflow-namespace';

/**
 * Real infrastructure for the whole run: the compiled app (end-to-end tests run it as real processes), a fresh
 * PostgreSQL (embedded, or TEST_DATABASE_URL's server) with every migration, and an in-memory Temporal dev server.
 */
export default async function globalSetup(): Promise<void> {
  const root = projectRoot();
  const log = (line: string) => process.stderr.write(`[test setup] ${line}\n`);
  // Each run compiles into its own folder (inside the project, so node_modules resolve), so concurrent runs and a
  // running `npm start` never see each other's half-written files.
  const distDir = join(root, '.test-dist', String(process.pid));
  log(`compiling into ${distDir}`);
  try {
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', distDir],
      {
        cwd: root,
        stdio: 'pipe',
      },
    );
  } catch (err) {
    // tsc still emits JavaScript on type errors; type checking is `npm run lint`'s job, behaviour is the tests'.
    log(`type errors (see npm run lint):\n${String((err as { stdout?: Buffer }).stdout ?? err)}`);
  }
  process.env.TEST_DIST_DIR = distDir;
  // The console, beside the compiled apps as in dist/, for the API to serve to the browser tests.
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'apps/console/vite.config.mts', '--logLevel', 'error'],
    { cwd: root, stdio: 'pipe', env: { ...process.env, CONSOLE_OUT_DIR: join(distDir, 'console') } },
  );

  const workDir = mkdtempSync(join(tmpdir(), 'credentials-test-'));
  chmodSync(workDir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  const stops: Array<() => Promise<void>> = [];
  (globalThis as { __testStops?: typeof stops }).__testStops = stops;
  stops.push(async () => rmSync(distDir, { recursive: true, force: true }));

  let databaseUrl: string;
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const url = new URL(external);
    const name = `credentials_test_${process.pid}`;
    await ensureDatabase(external, name);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  } else {
    log(`starting embedded PostgreSQL in ${workDir}`);
    const db = await startEmbeddedPostgres(workDir, await freePort(), 'credentials_test');
    stops.push(db.stop);
    databaseUrl = db.url;
  }
  await migrate(databaseUrl);

  const cli = resolveTemporalCli(process.env.TEMPORAL_CLI, log);
  log(`starting Temporal dev server (${cli})`);
  const temporal = await startTemporalDevServer({
    cli,
    port: await freePort(),
    logFile: join(workDir, 'temporal.log'),
    namespaces: [workflowTestNamespace],
  });
  stops.push(temporal.stop);

  process.env.TEST_DATABASE_URL = databaseUrl;
  process.env.TEST_TEMPORAL_ADDRESS = temporal.address;
  process.env.TEST_WORK_DIR = workDir;
}
