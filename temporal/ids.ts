import type { DataFixEntity } from './data-fix';

/** Every workflow id the system uses. Ids carry ids only, never personal data. */
export const workflowIds = {
  /** One credential's lifecycle: each run is work in flight on it. */
  credential: (credentialId: string) => `credential-${credentialId}`,
  bulkRun: (runId: string) => `bulk-${runId}`,
  dataFix: (entity: DataFixEntity, id: string) => `data-fix-${entity}-${id}`,
};

/**
 * Update ids for actions a workflow sends on someone's behalf: a step retried after a crash sends the same id, and a
 * run that already took it answers with its first result instead of acting twice.
 */
export const actionRequestIds = {
  bulkItem: (runId: string, seq: number) => `bulk-${runId}-${seq}`,
  dataFix: (dataFixRunId: string, round: number, credentialId: string) =>
    `data-fix-${dataFixRunId}-${round}-${credentialId}`,
};
