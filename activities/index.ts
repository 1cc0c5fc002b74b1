import type { WorkflowsClient } from '../temporal/client';
import { createBulkActivities } from './bulk-runs';
import { createBulkRequestActivities } from './bulk-request-batches';
import { createEmailActivities } from './credential-email';
import { createDataFixActivities } from './data-fix';
import type { EmailSender } from './email/email-sender';
import { createActionActivities, type ActionRequest } from './credential-actions';
import type { IssueOutcome } from '../temporal/credential';
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
  const actions = createActionActivities(deps);
  const badges = createOpenBadgeActivities(deps);
  return {
    ...createGenerationActivities(deps),
    ...actions,
    ...createEmailActivities(deps),
    ...createBulkActivities(deps),
    ...createBulkRequestActivities(deps),
    ...createDataFixActivities(deps),
    ...badges,
    /**
     * Issue and sign as one step: each Temporal activity costs its workflow a task and several history writes, and an
     * issue is one of the commonest actions. Both halves are idempotent, so a retry redoes neither.
     */
    async issueAndSign(input: ActionRequest): Promise<IssueOutcome> {
      const issued = await actions.issueAndSettleOriginal(input);
      await badges.signOpenBadge({ credentialId: input.credentialId });
      return issued;
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
