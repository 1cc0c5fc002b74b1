import type { MikroORM } from '@mikro-orm/postgresql';
import { BulkRun, Credential, type BulkRunParams } from '../../domain/entities';
import type { BulkAction } from '../../temporal/bulk-run';
import { credentialStartOf, workflowStartRelations, type WorkflowsClient } from '../../temporal/client';
import type { Logger } from '../logger';

/**
 * Requested, not deleted, unchanged for `afterSeconds`, and in no running bulk run: a single request whose API process
 * died between saving the credential and starting its workflow, or whose start failed (the 503). Oldest first.
 */
const strandedSql = `
select c.id from credential c
 where c.status = 'Requested' and c.deleted_at is null and c.updated_at < now() - make_interval(secs => ?)
   and not exists (select 1 from bulk_run_item i join bulk_run r on r.id = i.bulk_run_id
                    where i.credential_id = c.id and r.status = 'Running')
 order by c.updated_at
 limit 200`;

/**
 * Starts generation for stranded requests. The start attaches to a run already going (a request the queue has not
 * reached yet), so finding a credential that is not stranded after all costs a call, never a second document.
 * Resolves with how many starts it made.
 */
export async function restartStrandedRequests(
  orm: MikroORM,
  workflows: WorkflowsClient,
  afterSeconds: number,
): Promise<number> {
  const em = orm.em.fork();
  const ids = (await em.execute<Array<{ id: string }>>(strandedSql, [afterSeconds])).map((row) => row.id);
  if (!ids.length) return 0;
  const credentials = await em.find(Credential, { id: { $in: ids } }, { populate: workflowStartRelations });
  for (const credential of credentials) await workflows.startCredentialGeneration(credentialStartOf(credential));
  return credentials.length;
}

/**
 * Bulk runs still Running whose row has not moved for `afterSeconds`: the API's start gave up (Temporal away), or the
 * API died between saving the run and starting it, or the workflow was closed by hand. Starting attaches to a workflow
 * that is running (USE_EXISTING), so a run that is only slow costs a call; one with no workflow is started and pages
 * its pending items from PostgreSQL. Oldest first; resolves with how many it looked at.
 */
export async function restartStrandedBulkRuns(
  orm: MikroORM,
  workflows: WorkflowsClient,
  afterSeconds: number,
): Promise<number> {
  const em = orm.em.fork();
  const runs = await em.find(
    BulkRun,
    { status: 'Running', updatedAt: { $lt: new Date(Date.now() - afterSeconds * 1000) } },
    { orderBy: { updatedAt: 'asc' }, limit: 50 },
  );
  for (const run of runs) {
    const { courseOfferId } = run.params as unknown as BulkRunParams;
    await workflows.startBulkRun({ id: run.id, action: run.action as BulkAction, total: run.total, courseOfferId });
  }
  return runs.length;
}

/**
 * Checks for stranded requests every `afterSeconds / 2` (at most every minute) until stopped. Several workers may
 * each check: starts are idempotent. A failed check (database or Temporal away) is logged and tried again next time.
 */
export function sweepStrandedRequests(
  orm: MikroORM,
  workflows: WorkflowsClient,
  afterSeconds: number,
  logger: Logger,
): { stop: () => void } {
  const everyMs = Math.min(60, Math.max(1, afterSeconds / 2)) * 1000;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    restartStrandedRequests(orm, workflows, afterSeconds)
      .then(async (started) => {
        if (started) logger.warn({ started }, 'started generation for credentials left Requested with no workflow');
        const runs = await restartStrandedBulkRuns(orm, workflows, afterSeconds);
        if (runs) logger.info({ runs }, 'started (or found running) the workflows of bulk runs that had not moved');
      })
      .then(
        () => undefined,
        (err: unknown) => logger.error({ err }, 'checking for stranded credential requests failed; trying again later'),
      )
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
