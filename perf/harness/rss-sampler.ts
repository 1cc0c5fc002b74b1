import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Resident set size of a process in MB: /proc/<pid>/status VmRSS on Linux, `ps` elsewhere; null once it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux, or the process has exited
  }
  try {
    const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    return Number.isFinite(kb) && kb > 0 ? kb / 1024 : null;
  } catch {
    return null;
  }
}

/** The RSS of a process and every process under it (the worker's render processes), in MB; null once it is gone. */
export function treeRssMb(pid: number): number | null {
  const own = rssMb(pid);
  if (own === null) return null;
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // not Linux: the process alone
  }
  return children.reduce((sum, child) => sum + (treeRssMb(child) ?? 0), own);
}

/**
 * Samples one process tree's RSS every intervalMs (following it across restarts through pid()), keeping every sample.
 */
export class RssSampler {
  readonly samples: Array<{ at: number; mb: number }> = [];
  private readonly timer: NodeJS.Timeout;

  constructor(pid: () => number | undefined, intervalMs = 500) {
    this.timer = setInterval(() => {
      const id = pid();
      const mb = id ? treeRssMb(id) : null;
      if (mb !== null) this.samples.push({ at: Date.now(), mb });
    }, intervalMs);
    this.timer.unref();
  }

  get peakMb(): number {
    return this.samples.reduce((peak, s) => Math.max(peak, s.mb), 0);
  }

  /** The peak of the samples taken from `since` on. */
  peakSince(since: number): number {
    return this.samples.filter((s) => s.at >= since).reduce((peak, s) => Math.max(peak, s.mb), 0);
  }

  /** The newest sample taken at or before `at`. */
  at(at: number): number | null {
    let found: number | null = null;
    for (const s of this.samples) if (s.at <= at) found = s.mb;
    return found;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
