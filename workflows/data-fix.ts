import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { dataChangedSignal, reissuesOnItsOwn, type DataFixInput, type DataFixResult } from '../temporal/data-fix';
import { actionRequestIds } from '../temporal/ids';
import { taskQueues } from '../temporal/task-queues';

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

/**
 * `data-fix-<entity>-<id>`, signal-with-started by every edit of printed data (for a qualification enrolment, every
 * recorded unit result: it is audited again first, so a batch of results is one audit). Waits until the edits stop
 * for the debounce period (a burst of edits is one reissue), then reissues what changed; edits during the reissue
 * start another round. Issued credentials get a replacement that waits for an issuer, unless every correction of the
 * round was made with an issuer or admin key (then it is issued on its own, when AUTO_REISSUE_ISSUED).
 */
export async function dataFixWorkflow({ entity, id, debounceSeconds }: DataFixInput): Promise<DataFixResult> {
  let changes = 0;
  let reissued = 0;
  /** The number of the last change made by someone who may not issue (a requester's). */
  let lastRequesterChange = 0;
  setHandler(dataChangedSignal, (change) => {
    changes++;
    if (!reissuesOnItsOwn(change)) lastRequesterChange = changes;
  });
  let handledBefore = 0;
  for (let round = 1; ; round++) {
    for (let seen = -1; seen !== changes;) {
      seen = changes;
      await condition(() => changes !== seen, `${debounceSeconds} seconds`);
    }
    const handled = changes;
    const issueReplacement = lastRequesterChange <= handledBefore;
    if (entity === 'qualification-enrolment') await db.auditQualificationEnrolment(id);
    const affected = await db.findAffectedCredentials({ entity, id });
    for (const credentialId of affected) {
      const requestId = actionRequestIds.dataFix(workflowInfo().runId, round, credentialId);
      await steps.reissueCredential({ credentialId, requestId, issueReplacement });
    }
    reissued += affected.length;
    if (changes === handled) return { reissued };
    handledBefore = handled;
  }
}
