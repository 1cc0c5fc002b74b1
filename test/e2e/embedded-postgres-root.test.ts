import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { freePort } from '../../dev/ports';
import { stopProcess } from '../../dev/processes';

/** The embedded PostgreSQL as npm start runs it: its own process (compiled), `ready <url>` once it is up. */
async function startPostgres(dataDir: string, port: number, env: NodeJS.ProcessEnv) {
  const script = join(process.env.TEST_DIST_DIR!, 'dev/postgres-process.js');
  const child = spawn(process.execPath, [script, dataDir, String(port), 'home_test'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('ready ') && resolve(line.slice(6)));
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (code ${code}): ${errors}`)));
  });
  return { url, stop: () => stopProcess(child, 30_000) };
}

// A checkout in a home directory: DATA_DIR under a 0700 parent (like /root), which the postgres OS user that root's
// embedded PostgreSQL runs as cannot pass through.
describe('embedded PostgreSQL with DATA_DIR under a 0700 directory', () => {
  const home = mkdtempSync(join(tmpdir(), 'credentials-home-'));
  const clusters = mkdtempSync(join(tmpdir(), 'credentials-clusters-'));

  beforeAll(() => {
    chmodSync(home, 0o700);
    chmodSync(clusters, 0o755);
  });

  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
    rmSync(clusters, { recursive: true, force: true });
  });

  it('starts, keeps its data across a restart, and answers queries', async () => {
    const dataDir = join(home, 'checkout', '.data');
    mkdirSync(dataDir, { recursive: true });
    const port = await freePort();
    const env = { EMBEDDED_POSTGRES_CLUSTERS_DIR: clusters }; // not /var/lib on a test machine
    const first = await startPostgres(dataDir, port, env);
    try {
      const client = new Client({ connectionString: first.url });
      await client.connect();
      await client.query('create table kept (n int); insert into kept values (42)');
      await client.end();
    } finally {
      await first.stop();
    }
    if (process.getuid?.() === 0) expect(lstatSync(join(dataDir, 'postgres')).isSymbolicLink()).toBe(true);

    const second = await startPostgres(dataDir, port, env);
    try {
      const client = new Client({ connectionString: second.url });
      await client.connect();
      expect((await client.query('select n from kept')).rows).toEqual([{ n: 42 }]);
      await client.end();
    } finally {
      await second.stop();
    }
  }, 180_000);
});
