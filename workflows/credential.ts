import { ActivityFailure, ApplicationFailure, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CredentialStatus } from '../domain/credentials/status';
import { searchAttributes } from './search-attributes';
import { taskQueues } from './task-queues';

// Database steps retry until the database is back: a PostgreSQL restart must delay a credential, not fail it.
const db = proxyActivities<Activities>({
  taskQueue: taskQueues.credentials,
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

// Rendering errors are deterministic and thrown non-retryable; the bound covers crashes and timeouts.
const renderer = proxyActivities<Activities>({
  taskQueue: taskQueues.render,
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '30 seconds', maximumAttempts: 5 },
});

export interface CredentialWorkflowInput {
  credentialId: string;
}

export interface CredentialWorkflowResult {
  status: CredentialStatus;
  documentVersion?: number;
  error?: string;
}

function showStatus(status: CredentialStatus): void {
  upsertSearchAttributes([{ key: searchAttributes.credentialStatus, value: status }]);
}

/** Why an activity failed, in the words its ApplicationFailure gave (not Temporal's wrapper text). */
function failureMessage(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure || cause instanceof Error) return cause.message;
  return String(cause);
}

/** One credential's lifecycle, workflow id `credential-<credentialId>`. */
export async function credentialWorkflow({ credentialId }: CredentialWorkflowInput): Promise<CredentialWorkflowResult> {
  const document = await db.beginGeneration(credentialId);
  showStatus('Generating');
  try {
    await renderer.renderDocument(document);
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    const error = failureMessage(err);
    await db.markGenerationFailed({ credentialId, message: error });
    showStatus('GenerationFailed');
    return { status: 'GenerationFailed', error };
  }
  await db.markGenerated(document);
  showStatus('Generated');
  return { status: 'Generated', documentVersion: document.version };
}
