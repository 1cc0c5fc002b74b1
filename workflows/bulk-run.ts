import { continueAsNew, defineQuery, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { taskQueues } from './task-queues';

// Infrastructure errors are retried until they pass; an item's own failure is recorded by the activity, not thrown.
const db = proxyActivities<Activities>({
  taskQueue: taskQueues.credentials,
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

// One item waits on its credential's workflow; the heartbeat notices a dead worker quickly.
const items = proxyActivities<Activities>({
  taskQueue: taskQueues.bulk,
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export interface BulkRunInput {
  runId: string;
  /** Items up to this sequence number are done; continue-as-new carries it forward. */
  afterSeq?: number;
  /** At most this many items in flight. */
  window?: number;
  pageSize?: number;
}

export interface BulkRunProgress {
  afterSeq: number;
  inFlight: number;
}

export const bulkProgressQuery = defineQuery<BulkRunProgress>('progress');

/**
 * Bulk run `bulk-<runId>`: pages pending items from PostgreSQL and keeps a sliding window of them in flight. After each
 * page it continues as new, so history stays small however many items there are.
 */
export async function bulkRunWorkflow({ runId, afterSeq = 0, window = 20, pageSize = 200 }: BulkRunInput): Promise<void> {
  let inFlight = 0;
  setHandler(bulkProgressQuery, () => ({ afterSeq, inFlight }));

  const page = await db.loadBulkPage({ runId, afterSeq, limit: pageSize });
  if (page.length === 0) {
    await db.finishBulkRun(runId);
    return;
  }
  const queue = [...page];
  const lane = async (): Promise<void> => {
    for (let seq = queue.shift(); seq !== undefined; seq = queue.shift()) {
      inFlight++;
      try {
        await items.runBulkItem({ runId, seq });
      } finally {
        inFlight--;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, page.length) }, lane));
  await continueAsNew<typeof bulkRunWorkflow>({ runId, afterSeq: page[page.length - 1]!, window, pageSize });
}
