import type { WorkflowsClient } from '../temporal/client';
import { createBulkActivities } from './bulk-runs';
import { createEmailActivities } from './credential-email';
import { createDataFixActivities } from './data-fix';
import type { EmailSender } from './email/email-sender';
import { createActionActivities } from './credential-actions';
import { createGenerationActivities, type GenerationDeps } from './credential-generation';
import { createOpenBadgeActivities } from './open-badge';
import type { SigningKey } from '../domain/open-badges/signing-key';

export type ActivityDeps = GenerationDeps & {
  workflows: WorkflowsClient;
  emailSender: EmailSender;
  autoReissueIssued: boolean;
  signingKey: SigningKey;
};
export type { BeginGeneration, GenerationResult } from './credential-generation';

/** Every activity the workflows call, built from injected dependencies (the worker's real ones, or a test's). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createGenerationActivities(deps),
    ...createActionActivities(deps),
    ...createEmailActivities(deps),
    ...createBulkActivities(deps),
    ...createDataFixActivities(deps),
    ...createOpenBadgeActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
