/**
 * What a phase of work cost, per credential: CPU of each of our processes and Temporal's services, PostgreSQL's CPU
 * split by database (its backends name their database in their command line), and the rows, commits and bytes each
 * database gained, and the WAL written. Two snapshots around the phase, then `perCredential`.
 */
import { Client as Pg } from 'pg';
import { cpuSnapshot, processes, subtreeTicks, ticksPerSecond, used, type CpuSnapshot } from './cpu-usage';

export interface DatabaseCounters {
  rows: number;
  commits: number;
  bytes: number;
}

export interface CapacitySnapshot {
  cpu: CpuSnapshot;
  /** Ticks by pid of PostgreSQL's processes, grouped by the database a backend serves ("background" for the rest). */
  postgresCpu: Record<string, Map<number, number>>;
  databases: Record<string, DatabaseCounters>;
  walBytes: number;
}

/** A backend's title is "postgres: [cluster: ]user database host(port) state"; other processes have none of that. */
const backendTitle = /^postgres: (?:[^ ]+: )?\S+ (\S+) (?:\S+\(\d+\)|\[local\])/;

/**
 * PostgreSQL's processes under the root whose command line contains `rootMatch`, by database. A backend that exits
 * (a closed connection) leaves its database's figure, and its CPU goes to its parent's reaped ticks, counted here as
 * "exited" so that the groups still add up to all of PostgreSQL's CPU.
 */
export function postgresTicks(rootMatch: string | undefined): Record<string, Map<number, number>> {
  const groups: Record<string, Map<number, number>> = {};
  if (!rootMatch) return groups;
  const table = processes();
  const roots = new Set([...table].filter(([, p]) => p.cmdline.includes(rootMatch)).map(([pid]) => pid));
  const under = (pid: number): boolean => {
    for (let p = table.get(pid), hops = 0; p && hops < 5; p = table.get(p.ppid), hops++)
      if (roots.has(p.ppid)) return true;
    return false;
  };
  for (const [pid, proc] of table) {
    if (!under(pid)) continue;
    const database = backendTitle.exec(proc.cmdline)?.[1] ?? 'background';
    (groups[database] ??= new Map()).set(pid, proc.ticks);
    if (proc.reaped) (groups.exited ??= new Map()).set(pid, proc.reaped);
  }
  return groups;
}

async function databaseCounters(databaseUrl: string, names: string[]) {
  const db = new Pg({ connectionString: databaseUrl });
  await db.connect();
  try {
    // Statistics reach the shared view a second or so after a transaction: ask for a fresh read.
    await db.query('select pg_stat_clear_snapshot()');
    const { rows } = await db.query<{ datname: string; rows: string; commits: string; bytes: string }>(
      `select datname, (tup_inserted + tup_updated + tup_deleted)::text as rows, xact_commit::text as commits,
              pg_database_size(datname)::text as bytes
         from pg_stat_database where datname = any($1)`,
      [names],
    );
    const wal = await db.query<{ lsn: string }>(`select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text as lsn`);
    return {
      databases: Object.fromEntries(
        rows.map((r) => [r.datname, { rows: Number(r.rows), commits: Number(r.commits), bytes: Number(r.bytes) }]),
      ),
      walBytes: Number(wal.rows[0]!.lsn),
    };
  } finally {
    await db.end();
  }
}

/**
 * A worker's own ticks under its name and its children's (the render processes) under "render-<n>": which share is
 * orchestration and which is rendering. Render processes that have exited (replaced ones) stay in the render share,
 * counted under the worker's pid because they are in its `reaped` ticks.
 */
export function splitWorkers(cpu: CpuSnapshot, roots: Record<string, number | string | undefined>): CpuSnapshot {
  const table = processes();
  const trees = { ...cpu.trees };
  for (const [name, pid] of Object.entries(roots)) {
    if (!name.startsWith('worker') || typeof pid !== 'number') continue;
    const worker = table.get(pid);
    if (!worker) continue;
    trees[name] = new Map([[pid, worker.ticks]]);
    const children = [...table].filter(([, p]) => p.ppid === pid).map(([child]) => child);
    trees[name.replace('worker', 'render')] = new Map([
      [pid, worker.reaped],
      ...children.map((child): [number, number] => [child, subtreeTicks(table, child)]),
    ]);
  }
  return { ...cpu, trees };
}

export async function capacitySnapshot(options: {
  databaseUrl: string;
  databases: string[];
  roots: Record<string, number | string | undefined>;
  /** Text in the command line of the process PostgreSQL runs under; absent when it is not ours to see. */
  postgresRoot?: string;
}): Promise<CapacitySnapshot> {
  return {
    cpu: splitWorkers(cpuSnapshot(options.roots), options.roots),
    postgresCpu: postgresTicks(options.postgresRoot),
    ...(await databaseCounters(options.databaseUrl, options.databases)),
  };
}

export interface CapacityPerCredential {
  /** CPU milliseconds per credential, per process or service ("worker", "api", "temporal-history", "pg:temporal"). */
  cpuMs: Record<string, number>;
  rows: Record<string, number>;
  commits: Record<string, number>;
  bytes: Record<string, number>;
  walBytes: number;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Per credential between two snapshots; several processes of one kind ("worker-1", "worker-2") are summed. */
export function perCredential(before: CapacitySnapshot, after: CapacitySnapshot, n: number): CapacityPerCredential {
  const cpuMs: Record<string, number> = {};
  const add = (name: string, ticks: number) => (cpuMs[name] = (cpuMs[name] ?? 0) + ticks);
  for (const [name, tree] of Object.entries(after.cpu.trees))
    add(name.replace(/-\d+$/, ''), used(before.cpu.trees[name], tree));
  for (const [database, pids] of Object.entries(after.postgresCpu))
    add(`pg:${database}`, used(before.postgresCpu[database], pids));
  const each = (ticks: number) => round((ticks * 1000) / ticksPerSecond / n);
  const perDatabase = (key: keyof DatabaseCounters) =>
    Object.fromEntries(
      Object.entries(after.databases).map(([name, c]) => [
        name,
        round((c[key] - (before.databases[name]?.[key] ?? 0)) / n),
      ]),
    );
  return {
    cpuMs: Object.fromEntries(Object.entries(cpuMs).map(([name, ticks]) => [name, each(ticks)])),
    rows: perDatabase('rows'),
    commits: perDatabase('commits'),
    bytes: perDatabase('bytes'),
    walBytes: Math.round((after.walBytes - before.walBytes) / n),
  };
}

/** "worker 9.1, api 0.4, temporal-history 2.2, pg:temporal 1.1 ms" and so on, on a few lines. */
export function describeCapacity(c: CapacityPerCredential): string[] {
  const list = (o: Record<string, number>, unit = '') =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${v}${unit}`)
      .join(', ');
  return [
    `CPU ms per credential: ${list(c.cpuMs)}`,
    `rows written per credential: ${list(c.rows)}; commits: ${list(c.commits)}`,
    `database growth per credential: ${list(c.bytes, ' B')}; WAL ${c.walBytes} B`,
  ];
}
