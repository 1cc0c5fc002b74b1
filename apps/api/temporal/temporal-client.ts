import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../common/config.token';

/** The API's Temporal client. The connection is lazy so the API starts (and /health reports) while Temporal is down. */
@Injectable()
export class TemporalClient implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.connection = Connection.lazy({ address: config.temporalAddress ?? 'localhost:7233' });
    this.client = new Client({ connection: this.connection, namespace: config.temporalNamespace });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
