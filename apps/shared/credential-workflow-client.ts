import {
  WithStartWorkflowOperation,
  WorkflowIdConflictPolicy,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure, TemporalFailure } from '@temporalio/common';
import type { Credential } from '../../domain/entities';
import type { CredentialStart } from '../../domain/credentials/credential-start';
import type { credentialWorkflow, CredentialWorkflowInput, CredentialWorkflowResult } from '../../workflows/credential';
import { actionUpdate, type ActionResult, type CredentialAction } from '../../workflows/actions';
import { invalidStateType } from '../../workflows/failures';
import { credentialSearchAttributePairs } from '../../workflows/search-attributes';
import { taskQueues } from '../../workflows/task-queues';

export const credentialWorkflowId = (credentialId: string) => `credential-${credentialId}`;

/** What starting or acting on a credential's workflow reads for its search attributes: populate these first. */
export const workflowStartRelations = [
  'template',
  'courseEnrolment.courseOffer',
  'qualificationEnrolment.qualification',
] as const;

/** A credential's workflow refused an action in its current state (the API answers 409). */
export class ActionRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionRefusedError';
  }
}

/** The innermost failure Temporal wraps (update failure -> activity failure -> application failure). */
function rootFailure(err: unknown): unknown {
  let current = err;
  while ((current instanceof WorkflowUpdateFailedError || current instanceof TemporalFailure) && current.cause) {
    current = current.cause;
  }
  return current;
}

/** An entity's start facts; populate workflowStartRelations first. */
export function credentialStartOf(credential: Credential): CredentialStart {
  return {
    id: credential.id,
    status: credential.status,
    templateId: credential.template.id,
    courseOfferId: credential.courseEnrolment?.courseOffer?.id ?? null,
    qualificationCode: credential.qualificationEnrolment?.qualification?.code ?? null,
  };
}

function startOptions(credential: CredentialStart, input: CredentialWorkflowInput, bulkRunId?: string) {
  return {
    taskQueue: taskQueues.credentials,
    workflowId: credentialWorkflowId(credential.id),
    args: [input] as [CredentialWorkflowInput],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    // A generating run shows Generating from its start, so it need not write the attribute again.
    typedSearchAttributes: credentialSearchAttributePairs({
      ...credential,
      status: input.generate ? 'Generating' : credential.status,
      bulkRunId,
    }),
  };
}

/** Starts the request's own run (generate the first document), or attaches to the one already running. */
export async function startCredentialGeneration(client: Client, credential: CredentialStart, bulkRunId?: string) {
  return client.workflow.start<typeof credentialWorkflow>(
    'credentialWorkflow',
    startOptions(credential, { credentialId: credential.id, status: credential.status, generate: true }, bulkRunId),
  );
}

export async function waitForCredentialWorkflow(
  client: Client,
  credentialId: string,
): Promise<CredentialWorkflowResult> {
  return client.workflow.getHandle<typeof credentialWorkflow>(credentialWorkflowId(credentialId)).result();
}

/** Delivers an action as an Update, starting a run when none is in flight. A refusal is an ActionRefusedError. */
export async function actOnCredential(
  client: Client,
  credential: Credential,
  action: CredentialAction,
  bulkRunId?: string,
): Promise<ActionResult> {
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof credentialWorkflow>(
    'credentialWorkflow',
    startOptions(
      credentialStartOf(credential),
      { credentialId: credential.id, status: credential.status, deleted: credential.deletedAt != null },
      bulkRunId,
    ),
  );
  try {
    // A repeated request (same requestId) to a run that is still going is answered by that run's first answer.
    return await client.workflow.executeUpdateWithStart(actionUpdate, {
      args: [action],
      startWorkflowOperation,
      ...(action.requestId ? { updateId: action.requestId } : {}),
    });
  } catch (err) {
    const root = rootFailure(err);
    if (root instanceof ApplicationFailure && root.type === invalidStateType) {
      throw new ActionRefusedError(`Credential ${credential.number}: ${root.message}`);
    }
    throw err;
  }
}
