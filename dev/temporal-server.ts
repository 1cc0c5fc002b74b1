import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributeNames } from '../temporal/search-attributes';
import { registerMissingSearchAttributes } from '../apps/worker/search-attributes';
import { stopProcess } from './processes';
import { asBackground } from './background';

export interface TemporalDevServer {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
}

export interface TemporalDevServerOptions {
  cli: string;
  port: number;
  uiPort?: number;
  /** Persists workflows across restarts; in memory when absent (tests). */
  dbFile?: string;
  logFile: string;
  /**
   * Runs the server as background work (see asBackground: SCHED_IDLE, or this niceness where that cannot be), every
   * thread of it: on one machine the API's answers go first and Temporal, like the worker, catches up. 0 or absent: as
   * started.
   */
  nice?: number;
  /** Namespaces to create besides `default` (the workflow tests have one of their own). */
  namespaces?: string[];
}

/**
 * Starts `temporal server start-dev` with our search attributes and Updates enabled; resolves once it answers. The CLI
 * picks its HTTP and metrics ports itself, and another process can take one before the server binds it (a client's
 * outgoing connection, say): that start is tried again, up to three times.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (err) {
      const portTaken =
        existsSync(options.logFile) && readFileSync(options.logFile, 'utf8').includes('address already in use');
      if (!portTaken || attempt === 3) throw err;
      writeFileSync(options.logFile, ''); // the next attempt's log alone, so its own failure is judged by it
    }
  }
}

async function startOnce(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  if (options.dbFile) mkdirSync(dirname(options.dbFile), { recursive: true });
  const log = openSync(options.logFile, 'a');
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--log-level',
    'warn',
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    // Write-ahead log, synced at checkpoints: a commit survives the server process dying (what npm start and the chaos
    // run face); only a power cut can lose the last ones. The default (rollback journal, fsync per commit) slows
    // workflow starts, and single requests queue behind SQLite.
    ...(options.dbFile
      ? [
          '--db-filename',
          options.dbFile,
          '--sqlite-pragma',
          'journal_mode=wal',
          '--sqlite-pragma',
          'synchronous=normal',
        ]
      : []),
    ...searchAttributeNames.flatMap((name) => ['--search-attribute', `${name}=Keyword`]),
    ...(options.namespaces ?? []).flatMap((namespace) => ['--namespace', namespace]),
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecution=true',
    '--dynamic-config-value',
    'frontend.enableExecuteMultiOperation=true',
    // An activity on its workflow's own queue goes back with the workflow task's completion, not through matching.
    '--dynamic-config-value',
    'system.enableActivityEagerExecution=true',
  ];
  const [command, commandArgs] = asBackground(options.cli, args, options.nice ?? 0);
  const child = spawn(command, commandArgs, { stdio: ['ignore', log, log] });
  closeSync(log);
  const address = `127.0.0.1:${options.port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`Temporal dev server exited (code ${code}); see ${options.logFile}`)),
    ),
  );
  exited.catch(() => undefined);
  try {
    await Promise.race([waitForTemporal(address, 90_000), exited]);
  } catch (err) {
    await stopProcess(child);
    throw err;
  }
  return {
    address,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : null,
    stop: () => stopProcess(child),
  };
}

/**
 * Waits until the frontend answers and the namespace exists (a 2-core CI can take a while); with `namespace` null,
 * until the frontend answers at all (a new cluster, before any namespace is registered).
 */
export async function waitForTemporal(
  address: string,
  timeoutMs: number,
  namespace: string | null = 'default',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        if (namespace) await connection.workflowService.describeNamespace({ namespace });
        else await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`Temporal at ${address} did not answer within ${timeoutMs / 1000} s: ${String(lastError)}`);
}

/** Registers any of our search attributes a server lacks (servers we did not start ourselves). */
export async function ensureSearchAttributes(address: string, namespace: string): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const registered = await registerMissingSearchAttributes(connection, namespace);
    return registered === 'not allowed to look' ? [] : registered;
  } finally {
    await connection.close();
  }
}
