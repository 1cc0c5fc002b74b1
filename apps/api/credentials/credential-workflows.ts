import { ConflictException, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Credential } from '../../../domain/entities';
import type { CredentialAction } from '../../../workflows/actions';
import {
  ActionRefusedError, actOnCredential, startCredentialGeneration,
} from '../../shared/credential-workflow-client';
import { TemporalClient } from '../temporal/temporal-client';

/** The API's side of credential workflows: refusals become 409s, an unreachable Temporal a 503 that keeps the data. */
@Injectable()
export class CredentialWorkflows {
  constructor(private readonly temporal: TemporalClient) {}

  async startGeneration(credential: Credential): Promise<void> {
    try {
      await startCredentialGeneration(this.temporal.client, credential);
    } catch (err) {
      throw new ServiceUnavailableException(
        `Credential ${credential.number} (${credential.id}) is saved as Requested, but its workflow could not start: ` +
          `${err instanceof Error ? err.message : String(err)}. The worker starts it once Temporal is back (within ` +
          `STRANDED_REQUEST_SECONDS); to start it now, POST /credentials/${credential.id}/regenerate.`,
      );
    }
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
