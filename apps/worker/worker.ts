import { DefaultLogger, Runtime, Worker, type LogLevel, type NativeConnection } from '@temporalio/worker';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createActivities, type ActivityDeps } from '../../activities';
import { taskQueues } from '../../workflows/task-queues';
import type { Logger } from '../logger';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  orm: MikroORM;
  publicBaseUrl: string;
  renderConcurrency: number;
  /** Tests override single dependencies (a failing renderer, say); everything else stays real. */
  overrides?: Partial<ActivityDeps>;
}

let runtimeInstalled = false;

/** Sends the Temporal SDK's own logs through pino, once per process. */
export function installTemporalLogging(logger: Logger): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const levels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
    TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error',
  };
  Runtime.install({
    logger: new DefaultLogger('INFO', ({ level, message, meta }) => logger[levels[level]](meta ?? {}, message)),
  });
}

/**
 * Two workers on one connection: the credentials queue (workflows and database activities) and the render queue,
 * whose activity concurrency stays near the core count because react-pdf blocks the event loop.
 */
export async function createWorkers(options: WorkerOptions): Promise<Worker[]> {
  const activities = createActivities({ orm: options.orm, publicBaseUrl: options.publicBaseUrl, ...options.overrides });
  const common = { connection: options.connection, namespace: options.namespace, shutdownGraceTime: '30 seconds' as const };
  return Promise.all([
    Worker.create({
      ...common,
      taskQueue: taskQueues.credentials,
      workflowsPath: require.resolve('../../workflows'),
      activities,
      maxConcurrentActivityTaskExecutions: 20,
    }),
    Worker.create({
      ...common,
      taskQueue: taskQueues.render,
      activities,
      maxConcurrentActivityTaskExecutions: options.renderConcurrency,
    }),
  ]);
}

/** Runs the workers until shutdown (SIGINT/SIGTERM by default) and in-flight activities have drained. */
export async function runWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(workers.map((worker) => worker.run()));
}
