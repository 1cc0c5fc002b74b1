import type { MikroORM } from '@mikro-orm/postgresql';
import { Credential } from '../../domain/entities';
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
      .then(
        (started) => {
          if (started) logger.warn({ started }, 'started generation for credentials left Requested with no workflow');
        },
        (err: unknown) => logger.error({ err }, 'checking for stranded credential requests failed; trying again later'),
      )
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
