import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ChildWorkflowFailure,
  ParentClosePolicy,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  startChild,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { bulkProgressQuery, type BulkGeneration, type BulkOutcome, type BulkRunInput } from '../temporal/bulk-run';
import { credentialRunSummary } from '../temporal/credential';
import { failureTypes } from '../temporal/failures';
import { workflowIds } from '../temporal/ids';
import { credentialSearchAttributePairs } from '../temporal/search-attributes';
import { taskQueues } from '../temporal/task-queues';
import { credentialWorkflow } from './credential';

// Infrastructure errors are retried until they pass; an item's own failure is recorded by the activity, not thrown.
const db = proxyActivities<Activities>({
  taskQueue: taskQueues.credentials,
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

// Generation batches render on the render queue. A batch of fifty waits its turn behind the other batches' renders,
// which with heavy templates takes minutes: its heartbeat, not its length, tells that its worker died, and the retry
// then comes within 30 s.
const renderer = proxyActivities<Activities>({
  taskQueue: taskQueues.render,
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

// Items wait on their credentials' workflows; the heartbeat notices a dead worker quickly.
const items = proxyActivities<Activities>({
  taskQueue: taskQueues.bulk,
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** Changes to what a bulk run does, patched so runs started before each keep replaying their histories. */
const bulkPatches = {
  generationBatchesOf50: 'generation-batches-of-50',
  batchRecordsItsRequests: 'batch-records-its-requests',
  actionItemsInGroups: 'action-items-in-groups',
} as const;

/** An item ready to run: for a request, with its recorded credential. */
type Work = { seq: number; generation?: BulkGeneration };

/** Before `batch-records-its-requests`: requests recorded this many at a time, ahead of the batches. */
const prepareChunk = 50;
/**
 * Credentials generated per activity in a bulk request: enough to spread each activity's and query's cost thin. Runs
 * recorded before the `generation-batches-of-50` patch generated ten at a time.
 */
const generationBatch = 50;
/**
 * Generation batches in flight in a bulk request, whatever the window: as many as a worker runs per render process
 * (some rendering, the others reading or storing their credentials).
 */
const generationLanes = 4;
/**
 * Items of other actions per activity. Each still reaches its credential's workflow, but an activity of the bulk run's
 * own costs it a workflow task and Temporal its events and a task through matching; five share them. A group takes
 * as long as its slowest item, so it stays small: the window counts items, and its lanes are window / 5.
 */
const actionGroup = 5;

/**
 * Bulk run `bulk-<runId>`: pages pending items from PostgreSQL and keeps a sliding window of items in flight.
 * After each page it continues as new, so history stays small however many items there are.
 *
 * A bulk request generates its credentials in batches, one activity per batch, without a workflow per credential: a
 * credential workflow costs the Temporal server more CPU than the render itself, and the credential's lifecycle
 * workflow starts with its first action anyway (update-with-start). A credential its batch could not render is retried
 * in its own workflow (`credential-<id>`, a child), so each failure is a workflow ops staff find by `BulkRunId` and
 * `CredentialStatus`. Other actions reach credential workflows as Updates, which only a client can send, so their
 * items go a few to an activity that sends each its Update and waits.
 */
export async function bulkRunWorkflow({ runId, afterSeq = 0, window = 20 }: BulkRunInput): Promise<void> {
  let inFlight = 0;
  setHandler(bulkProgressQuery, () => ({ afterSeq, inFlight }));

  const { action, seqs } = await db.loadBulkPage({ runId, afterSeq });
  if (seqs.length === 0) {
    await db.finishBulkRun(runId);
    return;
  }

  if (action === 'request' && patched(bulkPatches.batchRecordsItsRequests)) {
    await generateInBatches(runId, seqs, (change) => (inFlight += change));
    await continueAsNew<typeof bulkRunWorkflow>({ runId, afterSeq: seqs[seqs.length - 1]!, window });
    return;
  }

  if (action !== 'request' && patched(bulkPatches.actionItemsInGroups)) {
    await runInGroups(runId, seqs, window, (change) => (inFlight += change));
    await continueAsNew<typeof bulkRunWorkflow>({ runId, afterSeq: seqs[seqs.length - 1]!, window });
    return;
  }

  // Before the patches: requests recorded a chunk at a time by one activity, ahead of the batches that generate them.
  const ready: Work[] = [];
  let feeding = true;
  const feed = async (): Promise<void> => {
    if (action !== 'request') ready.push(...seqs.map((seq) => ({ seq })));
    else {
      for (let i = 0; i < seqs.length; i += prepareChunk) {
        const generations = await db.prepareBulkRequests({ runId, seqs: seqs.slice(i, i + prepareChunk) });
        ready.push(...generations.map((generation) => ({ seq: generation.seq, generation })));
      }
    }
    feeding = false;
  };

  // Before the patch, a lane woken with others by the same chunk and finding it taken ended: with a batch as large as
  // the chunk, one lane did all the work.
  const batchesOf50 = action === 'request' && patched(bulkPatches.generationBatchesOf50);
  const batch = action === 'request' ? (batchesOf50 ? generationBatch : 10) : 1;
  const lane = async (): Promise<void> => {
    for (;;) {
      await condition(() => ready.length >= batch || !feeding);
      const works = ready.splice(0, batch);
      if (!works.length && batchesOf50 && feeding) continue;
      if (!works.length) return;
      inFlight += works.length;
      try {
        if (action === 'request') await generate(runId, works);
        else await items.runBulkItem({ runId, seq: works[0]!.seq });
      } finally {
        inFlight -= works.length;
      }
    }
  };
  const lanes = Math.max(1, Math.min(action === 'request' ? generationLanes : window, Math.ceil(seqs.length / batch)));
  await Promise.all([feed(), ...Array.from({ length: lanes }, lane)]);
  await continueAsNew<typeof bulkRunWorkflow>({ runId, afterSeq: seqs[seqs.length - 1]!, window });
}

/**
 * A page of requests in batches of fifty, `generationLanes` in flight. Each batch records its requests' credentials
 * and generates them in one activity. The lanes' first batches are a quarter, a half, three quarters and all of fifty:
 * batches share the render processes evenly, so lanes started together would end their batches together, and the
 * render processes would wait while all four record their next; staggered, the others render while one records.
 */
async function generateInBatches(runId: string, seqs: number[], inFlight: (change: number) => void): Promise<void> {
  const lanes = Math.min(generationLanes, Math.ceil(seqs.length / generationBatch));
  await inLanes(
    seqs,
    lanes,
    (lane, first) => (first ? Math.ceil((generationBatch * (lane + 1)) / lanes) : generationBatch),
    inFlight,
    async (batch) => retryInOwnWorkflows(runId, await renderer.recordAndGenerateBatch({ runId, seqs: batch })),
  );
}

/** A page of an action's items, `actionGroup` to an activity, at most `window` items in flight. */
async function runInGroups(
  runId: string,
  seqs: number[],
  window: number,
  inFlight: (change: number) => void,
): Promise<void> {
  const size = Math.max(1, Math.min(actionGroup, window));
  const lanes = Math.max(1, Math.min(Math.floor(window / size), Math.ceil(seqs.length / size)));
  await inLanes(
    seqs,
    lanes,
    () => size,
    inFlight,
    (group) => items.runBulkItems({ runId, seqs: group }),
  );
}

/** Runs a page in `lanes` lanes: each takes the next `size` items for one call of `work`, until none are left. */
async function inLanes(
  seqs: number[],
  lanes: number,
  size: (lane: number, first: boolean) => number,
  inFlight: (change: number) => void,
  work: (slice: number[]) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (index: number): Promise<void> => {
    for (let first = true; next < seqs.length; first = false) {
      const slice = seqs.slice(next, (next += size(index, first)));
      inFlight(slice.length);
      try {
        await work(slice);
      } finally {
        inFlight(-slice.length);
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, index) => lane(index)));
}

/** Generates a batch; what it could not render goes to the credentials' own workflows, whose outcomes are recorded. */
async function generate(runId: string, works: Work[]): Promise<void> {
  const unrendered = await renderer.generateBatch({
    runId,
    items: works.map(({ seq, generation }) => ({ seq, credentialId: generation!.credentialId })),
  });
  await retryInOwnWorkflows(
    runId,
    works.filter((w) => unrendered.includes(w.seq)).map((w) => w.generation!),
  );
}

/** Credentials a batch could not render, each generated in its own workflow; their outcomes are recorded. */
async function retryInOwnWorkflows(runId: string, unrendered: BulkGeneration[]): Promise<void> {
  if (!unrendered.length) return;
  const retried = await Promise.all(unrendered.map((generation) => generateChild(runId, generation)));
  const outcomes = retried.filter((outcome): outcome is BulkOutcome => outcome !== null);
  if (outcomes.length) await db.recordBulkOutcomes({ runId, outcomes });
}

/**
 * Runs one credential's first generation as a child workflow; its outcome, or null when a step activity recorded it.
 */
async function generateChild(runId: string, item: BulkGeneration): Promise<BulkOutcome | null> {
  try {
    const child = await startChild(credentialWorkflow, {
      workflowId: workflowIds.credential(item.credentialId),
      taskQueue: taskQueues.credentials,
      args: [{ credentialId: item.credentialId, status: 'Generating', generate: true }],
      typedSearchAttributes: credentialSearchAttributePairs({ ...item, status: 'Generating', bulkRunId: runId }),
      // Cancelling or terminating a bulk run must not cut a credential's generation in half.
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: credentialRunSummary(item),
    });
    await child.result();
    return { seq: item.seq, ok: true };
  } catch (err) {
    // The credential's workflow is already running (an action from the API got there first): wait on it from an
    // activity, which records the outcome itself.
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      await items.runBulkItem({ runId, seq: item.seq });
      return null;
    }
    if (err instanceof ChildWorkflowFailure) {
      // A failed generation ends its run failed, with the reason as the failure's message.
      const cause = err.cause;
      if (cause instanceof ApplicationFailure && cause.type === failureTypes.generationFailed) {
        return { seq: item.seq, ok: false, message: cause.message };
      }
      return {
        seq: item.seq,
        ok: false,
        message: `The credential's workflow did not finish: ${err.cause?.message ?? err.message}`,
      };
    }
    throw err;
  }
}
