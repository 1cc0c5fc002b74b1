import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, requireServices } from '../config';
import { createLogger } from '../logger';
import { ormConfig } from '../../domain/orm-config';
import { createWorkers, installTemporalLogging, runWorkers } from './worker';
import { createEmailSender } from '../../activities/email/create-email-sender';

/** The worker process: owns its Temporal connection and database pool; SIGTERM drains in-flight activities. */
async function main(): Promise<void> {
  const config = requireServices(loadConfig());
  const logger = createLogger(config.logLevel, 'worker');
  installTemporalLogging(logger);
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
    });
    logger.info({ taskQueues: workers.map((w) => w.options.taskQueue) }, 'worker running');
    await runWorkers(workers);
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
