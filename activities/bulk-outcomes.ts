import type { EntityManager } from '@mikro-orm/postgresql';
import type { CredentialStatus } from '../domain/credentials/lifecycle';
import type { BulkOutcome } from '../temporal/bulk-run';

export type Outcome = { ok: true } | { ok: false; message: string };

/** Writes outcomes once per item (Pending -> Succeeded/Failed) and the run's counters: one statement, so atomic. */
export async function writeOutcomes(em: EntityManager, runId: string, outcomes: BulkOutcome[]): Promise<void> {
  if (!outcomes.length) return;
  await em.execute(
    `with changed as (
       update bulk_run_item i set status = o.status, message = o.message, updated_at = now()
         from jsonb_to_recordset(?::jsonb) as o(seq int, status text, message text)
        where i.bulk_run_id = ? and i.seq = o.seq and i.status = 'Pending'
        returning i.status)
     update bulk_run set succeeded = succeeded + (select count(*) from changed where status = 'Succeeded'),
                         failed = failed + (select count(*) from changed where status = 'Failed'), updated_at = now()
      where id = ?`,
    // One JSON parameter for the whole batch: the query builder would spread an array parameter into a list.
    [
      JSON.stringify(
        outcomes.map((o) => ({
          seq: o.seq,
          status: o.ok ? 'Succeeded' : 'Failed',
          message: o.ok ? null : (o.message ?? 'Failed'),
        })),
      ),
      runId,
      runId,
    ],
  );
}

/** What a finished credential means for its item. */
export function generationOutcome(credential: { status: CredentialStatus; generationError?: string | null }): Outcome {
  if (credential.status === 'GenerationFailed')
    return { ok: false, message: credential.generationError ?? 'Generation failed' };
  return { ok: true };
}
