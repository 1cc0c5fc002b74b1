import { Client, Connection, type WorkflowFailedError } from '@temporalio/client';
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

/** A client of the tests' Temporal server (close its connection afterwards). */
export async function temporalClient(): Promise<Client> {
  return new Client({ connection: await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! }) });
}
