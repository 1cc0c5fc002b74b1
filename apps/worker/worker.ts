import { DefaultLogger, Runtime, Worker, type LogLevel, type NativeConnection } from '@temporalio/worker';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createActivities, type ActivityDeps } from '../../activities';
import type { EmailSender } from '../../activities/email/email-sender';
import type { WorkflowsClient } from '../../temporal/client';
import { taskQueues } from '../../temporal/task-queues';
import { workflowCode } from './workflow-bundle';
import type { Logger } from '../logger';
import type { SigningKey } from '../../domain/open-badges/signing-key';

export interface WorkerOptions {
  connection: NativeConnection;
  /** Bulk steps and data fixes start and act on credential workflows through the one client. */
  workflows: WorkflowsClient;
  emailSender: EmailSender;
  /** Email sends per second across all workers (Resend's default limit is 2). */
  emailRatePerSecond: number;
  autoReissueIssued: boolean;
  namespace: string;
  orm: MikroORM;
  publicBaseUrl: string;
  /** Signs Open Badges credentials at issue. */
  signingKey: SigningKey;
  /** Generation activities in flight on the render queue (each renders one credential at a time). */
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
    TRACE: 'trace',
    DEBUG: 'debug',
    INFO: 'info',
    WARN: 'warn',
    ERROR: 'error',
  };
  Runtime.install({
    logger: new DefaultLogger('INFO', ({ level, message, meta }) => logger[levels[level]](meta ?? {}, message)),
  });
}

/**
 * Four workers on one connection: the credentials queue (workflows and database activities), the bulk-step queue
 * with slots of its own (see task-queues.ts), the email queue, whose rate limit holds across every worker polling it,
 * and the render queue, whose generation activities do their database work here and their renders wherever `render`
 * sends them (the render processes), so its concurrency follows the render capacity.
 */
export async function createWorkers(options: WorkerOptions): Promise<Worker[]> {
  const activities = createActivities({
    orm: options.orm,
    workflows: options.workflows,
    emailSender: options.emailSender,
    publicBaseUrl: options.publicBaseUrl,
    autoReissueIssued: options.autoReissueIssued,
    signingKey: options.signingKey,
    ...options.overrides,
  });
  const common = {
    connection: options.connection,
    namespace: options.namespace,
    shutdownGraceTime: '30 seconds' as const,
  };
  return Promise.all([
    Worker.create({
      ...common,
      taskQueue: taskQueues.credentials,
      ...workflowCode(),
      activities,
      // Credential workflows are short and many: a small sticky cache keeps the worker's memory flat during bulk
      // runs (a cache miss only replays a short history).
      maxCachedWorkflows: 50,
      maxConcurrentActivityTaskExecutions: 20,
    }),
    Worker.create({
      ...common,
      taskQueue: taskQueues.bulk,
      activities,
      // Mostly waiting on credential workflows: cheap, so many at once (bulk windows are 20 each).
      maxConcurrentActivityTaskExecutions: 200,
    }),
    Worker.create({
      ...common,
      taskQueue: taskQueues.email,
      activities,
      maxConcurrentActivityTaskExecutions: 10,
      maxTaskQueueActivitiesPerSecond: options.emailRatePerSecond,
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
