import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '../../config';
import type { CredentialStart } from '../../../domain/credentials/credential-start';
import { WorkflowsClient } from '../../../temporal/client';
import { APP_CONFIG } from '../common/config.token';

/** The API's Temporal client. The connection is lazy so the API starts (and /health reports) while Temporal is down. */
@Injectable()
export class TemporalClient implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalClient.name);
  readonly connection: Connection;
  readonly client: Client;
  readonly workflows: WorkflowsClient;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.connection = Connection.lazy({ address: config.temporalAddress ?? 'localhost:7233' });
    this.client = new Client({ connection: this.connection, namespace: config.temporalNamespace });
    this.workflows = new WorkflowsClient(this.client);
  }

  /**
   * Starts a saved request's generation after the request is answered. Should the starts give up, the worker starts
   * it once it has been Requested for STRANDED_REQUEST_SECONDS.
   */
  startGenerationSoon(credential: CredentialStart): void {
    this.workflows.startCredentialGenerationSoon(credential, (err) =>
      this.logger.warn(
        { credentialId: credential.id, err },
        `generation of credential ${credential.number} could not start; the worker starts it once it ` +
          `has been Requested for ${this.config.strandedRequestSeconds} s (POST /credentials/${credential.id}/regenerate starts it now)`,
      ),
    );
  }

  /** Starts a saved bulk run's workflow after the request is answered; should this give up, the worker's sweep does. */
  startBulkRunSoon(run: Parameters<WorkflowsClient['startBulkRun']>[0]): void {
    this.workflows.startBulkRunSoon(run, (err) =>
      this.logger.warn(
        { bulkRunId: run.id, err },
        `bulk run ${run.id} could not start; the worker starts it once it has waited ` +
          `${this.config.strandedRequestSeconds} s with no workflow`,
      ),
    );
  }

  /** Starts in flight get a few seconds; with Temporal away one can take longer, and the sweep covers the rest. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.workflows.stopStarting(5000);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
