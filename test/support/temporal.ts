import type { Client, WorkflowFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';

/** How a workflow's current run failed (its ApplicationFailure), or null when it completed. */
export async function runFailure(temporal: Client, workflowId: string): Promise<ApplicationFailure | null> {
  return temporal.workflow
    .getHandle(workflowId)
    .result()
    .then(
      () => null,
      (err: WorkflowFailedError) => err.cause as ApplicationFailure,
    );
}
