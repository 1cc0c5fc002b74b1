import { spawnSync } from 'node:child_process';

let idlePolicyWorks: boolean | undefined;

/** Whether `chrt --idle` (util-linux) is here and allowed to run a command under SCHED_IDLE. Asked once. */
function canRunIdle(): boolean {
  idlePolicyWorks ??= spawnSync('chrt', ['--idle', '0', 'true'], { stdio: 'ignore' }).status === 0;
  return idlePolicyWorks;
}

/**
 * The command line that runs `command` as background work on a machine it shares with the API: under SCHED_IDLE where
 * Linux's `chrt` can, otherwise at `nice`; as it is when `nice` is 0 (a machine of its own).
 *
 * Why not just nice: under the kernel's EEVDF scheduler (Linux 6.6 and later) a niced thread, once on a CPU, keeps it
 * for its time slice when the API's thread wakes up, and the API wakes many times a second, so a niced dev server
 * still delays requests. A SCHED_IDLE thread gives way at once and still gets every idle moment, so bulk throughput
 * does not suffer (docs/performance.md, "Scheduling").
 */
export function asBackground(command: string, args: string[], nice: number): [string, string[]] {
  if (!nice) return [command, args];
  if (canRunIdle()) return ['chrt', ['--idle', '0', command, ...args]];
  return ['nice', ['-n', String(nice), command, ...args]];
}
