import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, requireServices } from '../config';
import { credentialSigningKey } from '../signing-key-file';
import { createLogger } from '../logger';
import { ormConfig } from '../../domain/orm-config';
import { WorkflowsClient } from '../../temporal/client';
import { registerMissingSearchAttributes } from './search-attributes';
import { createWorkers, installTemporalLogging, runWorkers } from './worker';
import { createEmailSender } from '../../activities/email/create-email-sender';
import { startRenderPool } from './render-pool';
import { sweepStrandedRequests } from './stranded-requests';
import { lowerPriority } from './lower-priority';
import { connectRetrying } from './connect-retrying';

/** The worker process: owns its Temporal connection and database pool; SIGTERM drains in-flight activities. */
async function main(): Promise<void> {
  const config = requireServices(loadConfig());
  const signingKey = credentialSigningKey(config);
  const logger = createLogger(config.logLevel, 'worker');
  // Bulk rendering is throughput work; requests to the API (and the databases serving them) are waited on by people
  // and clients. Where they share cores, the worker runs at a lower priority so a bulk run does not slow the API.
  // Render processes inherit it.
  lowerPriority(config.workerNice);
  installTemporalLogging(logger);
  // Always in render processes: only there does RENDER_TIMEOUT_SECONDS hold (see AppConfig.renderProcesses).
  const renderPool = startRenderPool({
    processes: config.renderProcesses,
    perProcess: config.renderConcurrency,
    timeoutMs: config.renderTimeoutSeconds * 1000,
    logger,
  });
  const orm = await MikroORM.init(ormConfig(config.databaseUrl, { applicationName: 'credentials-worker' }));
  const address = config.temporalAddress;
  const retrying = {
    forMs: 120_000,
    onRetry: (err: unknown, waitMs: number) =>
      logger.warn({ err, address, waitMs }, 'Temporal is not reachable yet; trying again'),
  };
  const connection = await connectRetrying(() => NativeConnection.connect({ address }), retrying);
  const clientConnection = await connectRetrying(() => Connection.connect({ address }), retrying);
  try {
    const namespace = config.temporalNamespace;
    const registered = await registerMissingSearchAttributes(clientConnection, namespace);
    if (registered === 'not allowed to look')
      logger.warn({ namespace }, 'may not list the search attributes: they must be registered, or starts fail');
    else if (registered.length)
      logger.info({ registered, namespace }, 'registered the search attributes the namespace lacked');
    const workflows = new WorkflowsClient(new Client({ connection: clientConnection, namespace }));
    const workers = await createWorkers({
      connection,
      workflows,
      orm,
      namespace: config.temporalNamespace,
      publicBaseUrl: config.publicBaseUrl,
      emailSender: createEmailSender(config),
      emailRatePerSecond: config.emailRatePerSecond,
      autoReissueIssued: config.autoReissueIssued,
      signingKey,
      // Four generation batches per render process: while some render, the others read or store their credentials.
      renderConcurrency: 4 * config.renderProcesses,
      overrides: { render: renderPool.render },
    });
    logger.info(
      { taskQueues: workers.map((w) => w.options.taskQueue), renderProcesses: config.renderProcesses },
      'worker running',
    );
    const sweep = config.strandedRequestSeconds
      ? sweepStrandedRequests(orm, workflows, config.strandedRequestSeconds, logger)
      : null;
    await runWorkers(workers);
    sweep?.stop();
    logger.info('worker stopped: in-flight activities drained');
  } finally {
    // Only now: draining activities render until the end.
    await renderPool.stop();
    await clientConnection.close();
    await connection.close();
    await orm.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
