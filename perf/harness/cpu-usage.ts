/**
 * CPU seconds per process tree and for the whole machine, from /proc (Linux only; elsewhere every figure is 0). Tells
 * where a phase's CPU went, and how much of the machine other people's work took.
 */
import { readdirSync, readFileSync } from 'node:fs';

export const ticksPerSecond = 100; // USER_HZ: 100 on every Linux build that matters here

export interface Proc {
  ppid: number;
  /** Its own CPU ticks (user + system). */
  ticks: number;
  /** Ticks of its children that have exited and been waited for: the kernel moves them here, so none is lost. */
  reaped: number;
  cmdline: string;
}

/** One process's entry, or undefined once it has exited. */
export function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" that closes the command name: state ppid ... utime(14) stime(15) cutime(16) cstime(17).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return {
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
      reaped: Number(fields[13]) + Number(fields[14]),
      cmdline,
    };
  } catch {
    return undefined; // exited while we looked
  }
}

export function processes(): Map<number, Proc> {
  const table = new Map<number, Proc>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return table;
  }
  for (const entry of entries) {
    const proc = readProc(Number(entry));
    if (proc) table.set(Number(entry), proc);
  }
  return table;
}

/**
 * Ticks of a process and everything under it, including descendants that have exited: a database session that closes
 * between two snapshots moves its ticks into its parent's `reaped` rather than out of the total.
 */
export function subtreeTicks(table: Map<number, Proc>, root: number): number {
  const self = table.get(root);
  let total = self ? self.ticks + self.reaped : 0;
  for (const [pid, proc] of table) if (proc.ppid === root && pid !== root) total += subtreeTicks(table, pid);
  return total;
}

function machineTicks(): { busy: number; total: number } {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
    const total = cpu.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

export interface CpuSnapshot {
  at: number;
  /** Per name, the CPU ticks of each root process's tree, by root pid (a restarted process has a new pid). */
  trees: Record<string, Map<number, number>>;
  machine: { busy: number; total: number };
}

/**
 * CPU ticks of named process trees: each name maps to a root pid, or to a text the root's command line contains
 * (the Temporal dev server and postgres-process are found by the data dir in their arguments).
 */
export function cpuSnapshot(roots: Record<string, number | string | undefined>): CpuSnapshot {
  const table = processes();
  const trees: Record<string, Map<number, number>> = {};
  for (const [name, root] of Object.entries(roots)) {
    if (root === undefined) continue;
    const pids =
      typeof root === 'number'
        ? [root]
        : [...table]
            .filter(
              ([pid, p]) =>
                p.cmdline.includes(root) && !table.get(p.ppid)?.cmdline.includes(root) && pid !== process.pid,
            )
            .map(([pid]) => pid);
    trees[name] = new Map(pids.map((pid) => [pid, subtreeTicks(table, pid)]));
  }
  return { at: performance.now(), trees, machine: machineTicks() };
}

/**
 * Ticks a tree used between the snapshots: roots started since count from 0; a root that has exited (a killed worker)
 * is not seen, so after a kill the figure is a floor.
 */
export function used(before: Map<number, number> | undefined, after: Map<number, number>): number {
  let ticks = 0;
  for (const [pid, now] of after) ticks += now - (before?.get(pid) ?? 0);
  return Math.max(0, ticks); // a descendant moved out from under its root (orphaned) can take its ticks along
}

/** Ticks each named tree used between the snapshots. */
export function usedByTree(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  return Object.fromEntries(Object.entries(after.trees).map(([name, tree]) => [name, used(before.trees[name], tree)]));
}

/**
 * "worker 41.2 s, api 3.1 s, ... of CPU in 60 s; the machine was 92% busy over 2 cores, 12 CPU s of it other processes"
 * between two snapshots. A process killed in between takes its CPU with it, so after a kill the figure is a floor.
 */
export function describeCpu(before: CpuSnapshot, after: CpuSnapshot, cores: number): string {
  const seconds = (after.at - before.at) / 1000;
  const usedBy = usedByTree(before, after);
  const parts = Object.entries(usedBy).map(([name, ticks]) => `${name} ${(ticks / ticksPerSecond).toFixed(1)} s`);
  const ours = Object.values(usedBy).reduce((sum, ticks) => sum + ticks, 0);
  const busy = after.machine.busy - before.machine.busy;
  const total = after.machine.total - before.machine.total;
  if (!total) return parts.join(', ');
  return (
    `${parts.join(', ')} of CPU in ${seconds.toFixed(1)} s; the machine was ${((100 * busy) / total).toFixed(0)}% busy over ${cores} cores, ` +
    `${(Math.max(0, busy - ours) / ticksPerSecond).toFixed(1)} CPU s of it other processes (other people's work, this script)`
  );
}
