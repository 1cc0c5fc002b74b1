import { condition, defineSignal, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DataFixEntity } from '../activities/data-fix';
import { taskQueues } from './task-queues';

const db = proxyActivities<Activities>({
  taskQueue: taskQueues.credentials,
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

// Each step waits on a credential's own workflow (render, issue, email): it heartbeats and has bulk-step slots.
const steps = proxyActivities<Activities>({
  taskQueue: taskQueues.bulk,
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export const dataChangedSignal = defineSignal('dataChanged');

export interface DataFixInput {
  entity: DataFixEntity;
  id: string;
  debounceSeconds: number;
}

export const dataFixWorkflowId = (entity: DataFixEntity, id: string) => `data-fix-${entity}-${id}`;

/**
 * `data-fix-<entity>-<id>`, signal-with-started by every edit of printed data (for a qualification enrolment, every
 * recorded unit result: it is audited again first, so a batch of results is one audit). Waits until the edits stop
 * for the
 * debounce period (a burst of edits is one reissue), then reissues what changed; edits during the reissue start another
 * round.
 */
export async function dataFixWorkflow({ entity, id, debounceSeconds }: DataFixInput): Promise<{ reissued: number }> {
  let changes = 0;
  let reissued = 0;
  setHandler(dataChangedSignal, () => void changes++);
  for (let round = 1; ; round++) {
    for (let seen = -1; seen !== changes;) {
      seen = changes;
      await condition(() => changes !== seen, `${debounceSeconds} seconds`);
    }
    const handled = changes;
    if (entity === 'qualification-enrolment') await db.auditQualificationEnrolment(id);
    const affected = await db.findAffectedCredentials({ entity, id });
    for (const credentialId of affected) {
      await steps.reissueCredential({
        credentialId,
        requestId: `data-fix-${workflowInfo().runId}-${round}-${credentialId}`,
      });
    }
    reissued += affected.length;
    if (changes === handled) return { reissued };
  }
}
