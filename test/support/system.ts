import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { projectRoot } from '../../dev/paths';
import { freePort } from '../../dev/ports';
import { nodeArgsFor } from '../../apps/node-args';
import { stopProcess } from '../../dev/processes';

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
  bytes: Buffer;
}

export interface RunningSystem {
  url: string;
  adminKey: string;
  env: NodeJS.ProcessEnv;
  call<T = any>(method: string, path: string, options?: { key?: string | null; body?: unknown }): Promise<ApiAnswer<T>>;
  startWorker(): Promise<void>;
  killWorker(signal?: NodeJS.Signals): Promise<void>;
  /** The API process's last 40 lines of output. */
  apiOutput(): string[];
  stop(): Promise<void>;
}

function launch(script: string, env: NodeJS.ProcessEnv, name: 'api' | 'worker'): ChildProcess {
  const nodeArgs = nodeArgsFor(name);
  const child = spawn(
    process.execPath,
    [...nodeArgs, join(process.env.TEST_DIST_DIR ?? join(projectRoot(), 'dist'), script)],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Keep the last lines of output for failure messages without flooding the test log.
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // TEST_VERBOSE=1 shows the processes' own logs while debugging a test.
  if (process.env.TEST_VERBOSE) {
    child.stdout?.pipe(process.stdout);
    child.stderr?.pipe(process.stderr);
  }
  (child as ChildProcess & { tail: string[]; label: string }).tail = tail;
  (child as ChildProcess & { label: string }).label = name;
  return child;
}

/**
 * The real API and worker processes (compiled by global-setup) against the test PostgreSQL and Temporal; `apiEnv` is
 * for the API process only (another Temporal address, say).
 */
export async function startSystem(
  extraEnv: NodeJS.ProcessEnv = {},
  apiEnv: NodeJS.ProcessEnv = {},
): Promise<RunningSystem> {
  const port = await freePort();
  const adminKey = `test-admin-${randomBytes(12).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: process.env.TEST_DATABASE_URL,
    TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
    ADMIN_API_KEY: adminKey,
    DATA_DIR: mkdtempSync(join(process.env.TEST_WORK_DIR ?? '/tmp', 'data-')),
    LOG_LEVEL: 'warn',
    // A test renders a few credentials; seconds of sample renders in every worker would only slow the suite
    // (render-pool.test.ts covers the warm-up while idle).
    RENDER_IDLE_WARM_UP_RENDERS: '0',
    ...extraEnv,
  };
  const url = `http://127.0.0.1:${port}`;
  let worker: ChildProcess | null = launch('apps/worker/main.js', env, 'worker');
  const api = launch('apps/api/main.js', { ...env, ...apiEnv }, 'api');

  const call: RunningSystem['call'] = async (method, path, options = {}) => {
    const key = options.key === undefined ? adminKey : options.key;
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const isJson = response.headers.get('content-type')?.includes('json');
    return {
      status: response.status,
      headers: response.headers,
      bytes,
      body: isJson ? JSON.parse(bytes.toString()) : bytes.toString(),
    };
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    const healthy = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (api.exitCode !== null || Date.now() > deadline) {
      const tail = (api as ChildProcess & { tail: string[] }).tail.join('\n');
      await stopProcess(api);
      if (worker) await stopProcess(worker);
      throw new Error(`API did not become healthy:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    url,
    adminKey,
    env,
    call,
    async startWorker() {
      if (!worker || worker.exitCode !== null || worker.signalCode !== null)
        worker = launch('apps/worker/main.js', env, 'worker');
    },
    async killWorker(signal = 'SIGKILL') {
      if (!worker) return;
      const exited = new Promise((resolve) => worker!.once('exit', resolve));
      worker.kill(signal);
      await exited;
      worker = null;
    },
    apiOutput() {
      return [...(api as ChildProcess & { tail: string[] }).tail];
    },
    async stop() {
      await Promise.all([stopProcess(api), worker ? stopProcess(worker) : Promise.resolve()]);
    },
  };
}

/** Polls until check() returns a value that is not undefined, or fails with the last seen state. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
