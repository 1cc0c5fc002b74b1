import { fork, type ChildProcess } from 'node:child_process';
import type { Logger } from '../logger';
import { renderProcessNodeArgs, withHeapFlags } from './node-args';

/** Set in a render process's environment: it polls the render queue only. */
export const renderRoleVariable = 'WORKER_ROLE';
export const isRenderProcess = () => process.env[renderRoleVariable] === 'render';

/**
 * Starts `count` render processes (this same program, polling the render queue only), starts another when one dies,
 * and stops them with SIGTERM (they drain) when this process is told to stop. Rendering blocks a JavaScript thread; in
 * a process of its own it has a core to itself instead of sharing one with orchestration and database steps. A render
 * process exits by itself when this one dies (its IPC channel closes), so a killed worker leaves nothing behind.
 */
export function startRenderProcesses(count: number, logger: Logger): { stopped: () => Promise<void> } {
  const children = new Set<ChildProcess>();
  let stopping = false;
  const start = () => {
    const child = fork(process.argv[1]!, process.argv.slice(2), {
      env: { ...process.env, [renderRoleVariable]: 'render' },
      execArgv: withHeapFlags(process.execArgv, renderProcessNodeArgs),
    });
    children.add(child);
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (stopping) return;
      logger.error({ code, signal }, 'a render process exited; starting another');
      setTimeout(start, 1000);
    });
  };
  for (let i = 0; i < count; i++) start();
  // Once: a second SIGTERM would find a render process past its drain, closing its connections, and kill it there.
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return {
    /** Resolves once every render process has exited (after this process was told to stop). */
    stopped: async () => {
      stop();
      await Promise.all([...children].map((child) => new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve(undefined);
        else child.once('exit', resolve);
      })));
    },
  };
}
