import { AsyncResource } from 'node:async_hooks';
import { ConflictException, Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Credential } from '../../../domain/entities';
import type { RequestedCredential } from '../../../domain/credentials/credential-start';
import type { CredentialAction } from '../../../workflows/actions';
import type { AppConfig } from '../../config';
import {
  ActionRefusedError,
  actOnCredential,
  startCredentialGeneration,
} from '../../shared/credential-workflow-client';
import { APP_CONFIG } from '../common/config.token';
import { TemporalClient } from '../temporal/temporal-client';

/** Waits between start attempts (ms): about a minute in all, then the worker's stranded-request sweep takes over. */
const startRetryDelaysMs = [250, 500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000];

/** The API's side of credential workflows: refusals become 409s; generation starts after the request is answered. */
@Injectable()
export class CredentialWorkflows implements BeforeApplicationShutdown {
  private readonly logger = new Logger(CredentialWorkflows.name);
  private readonly starting = new Set<Promise<void>>();
  private closing = false;
  /**
   * Made at start, outside any request: starts run in its async context, not the request's. A start outlives its
   * request by up to a minute, and whatever it creates (gRPC streams, timers) would otherwise keep the request's
   * context, with its ORM identity map, alive all that time: at a few hundred requests a second that was most of the
   * API's garbage-collection work.
   */
  private readonly outsideRequests = new AsyncResource('CredentialWorkflowStarts');

  constructor(
    private readonly temporal: TemporalClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts a saved request's generation without holding up the answer. The Requested row is the request: the start
   * is retried for about a minute (Temporal restarting, say), and should the API stop or Temporal stay away, the
   * worker starts it once it has waited STRANDED_REQUEST_SECONDS. Starting twice attaches to the same run.
   */
  startGenerationSoon(credential: RequestedCredential): void {
    const started = this.outsideRequests
      .runInAsyncScope(() => this.startWithRetries(credential))
      .finally(() => this.starting.delete(started));
    this.starting.add(started);
  }

  private async startWithRetries(credential: RequestedCredential): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await startCredentialGeneration(this.temporal.client, credential);
        return;
      } catch (err) {
        const delay = startRetryDelaysMs[attempt];
        if (delay === undefined || this.closing) {
          this.logger.warn(
            { credentialId: credential.id, attempts: attempt + 1, err },
            `generation of credential ${credential.number} could not start; the worker starts it once it ` +
              `has been Requested for ${this.config.strandedRequestSeconds} s (POST /credentials/${credential.id}/regenerate starts it now)`,
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /**
   * Lets starts in flight finish (no new attempts) before the Temporal connection closes, for at most a few seconds:
   * with Temporal away a start can take longer, and the sweep covers whatever is left.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    await Promise.race([
      Promise.allSettled([...this.starting]),
      new Promise((resolve) => setTimeout(resolve, 5000).unref()),
    ]);
  }

  async act(credential: Credential, action: CredentialAction) {
    try {
      return await actOnCredential(this.temporal.client, credential, action);
    } catch (err) {
      if (err instanceof ActionRefusedError) throw new ConflictException(err.message);
      throw err;
    }
  }
}
