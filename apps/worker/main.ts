import { setPriority } from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, requireServices } from '../config';
import { createLogger } from '../logger';
import { ormConfig } from '../../domain/orm-config';
import { createWorkers, installTemporalLogging, runWorkers } from './worker';
import { createEmailSender } from '../../activities/email/create-email-sender';
import { isRenderProcess, startRenderProcesses } from './render-processes';
import { warmUpRenderer } from '../../templates/warm-up';
import { sweepStrandedRequests } from './stranded-requests';

/** The worker process: owns its Temporal connection and database pool; SIGTERM drains in-flight activities. */
async function main(): Promise<void> {
  const config = requireServices(loadConfig());
  const rendering = isRenderProcess();
  const logger = createLogger(config.logLevel, rendering ? 'worker-render' : 'worker');
  // A render process stops when the worker that started it dies (SIGKILL included): its IPC channel closes. Until it
  // polls (warming up, connecting) it holds no work and simply exits; from then on it drains.
  let parentGone = (): void => process.exit(0);
  if (rendering) process.once('disconnect', () => parentGone());
  // Bulk rendering is throughput work; requests to the API (and the databases serving them) are waited on by people
  // and clients. Where they share cores, the worker runs at a lower priority so a bulk run does not slow the API.
  setPriority(config.workerNice);
  installTemporalLogging(logger);
  const renderProcesses = rendering || config.renderProcesses === 0 ? null : startRenderProcesses(config.renderProcesses, logger);
  if (!renderProcesses && config.renderWarmUpRounds) {
    // A template that cannot render its sample data fails its real renders with their own messages: not fatal here.
    await warmUpRenderer(config.renderWarmUpRounds).then(
      (ms) => logger.info({ rounds: config.renderWarmUpRounds, ms: Math.round(ms) }, 'renderer warmed up'),
      (err: unknown) => logger.warn({ err }, 'renderer warm-up failed; rendering cold'),
    );
  }
  const orm = await MikroORM.init(ormConfig(config.databaseUrl));
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const clientConnection = await Connection.connect({ address: config.temporalAddress });
  try {
    const client = new Client({ connection: clientConnection, namespace: config.temporalNamespace });
    const workers = await createWorkers({
      connection, client, orm, namespace: config.temporalNamespace, publicBaseUrl: config.publicBaseUrl,
      emailSender: createEmailSender(config), emailRatePerSecond: config.emailRatePerSecond,
      autoReissueIssued: config.autoReissueIssued,
      renderConcurrency: config.renderConcurrency,
      queues: rendering ? ['render'] : renderProcesses ? ['orchestration'] : ['orchestration', 'render'],
    });
    if (rendering) {
      process.channel?.unref(); // the channel alone must not keep a stopped render process alive
      parentGone = () => workers.forEach((worker) => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
      });
    }
    logger.info({ taskQueues: workers.map((w) => w.options.taskQueue) }, 'worker running');
    const sweep = !rendering && config.strandedRequestSeconds
      ? sweepStrandedRequests(orm, client, config.strandedRequestSeconds, logger)
      : null;
    await runWorkers(workers);
    sweep?.stop();
    await renderProcesses?.stopped();
    logger.info('worker stopped: in-flight activities drained');
  } finally {
    await clientConnection.close();
    await connection.close();
    await orm.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
