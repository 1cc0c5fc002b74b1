/** When a bulk run does not finish: what its pending items, their credentials and their workflows are doing. */
import { Client as Temporal, Connection } from '@temporalio/client';
import { Client as Pg } from 'pg';
import type { Say } from './stack';
import { workflowIds } from '../../temporal/ids';

async function describeWorkflow(temporal: Temporal, workflowId: string): Promise<string> {
  try {
    const d = await temporal.workflow.getHandle(workflowId).describe();
    const pending = (d.raw.pendingActivities ?? []).map(
      (a) =>
        `${a.activityType?.name} attempt ${a.attempt}${a.lastFailure?.message ? ` (last failure: ${a.lastFailure.message})` : ''}`,
    );
    return `${workflowId}: ${d.status.name}, history ${d.historyLength} events${pending.length ? `, pending ${pending.join('; ')}` : ''}`;
  } catch (err) {
    return `${workflowId}: cannot describe (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** Prints the run's pending items (up to `limit`) with their credential's state and both workflows' state. */
export async function diagnoseRun(
  databaseUrl: string,
  temporalAddress: string,
  runId: string,
  say: Say,
  limit = 8,
): Promise<void> {
  const db = new Pg({ connectionString: databaseUrl });
  const connection = await Connection.connect({ address: temporalAddress, connectTimeout: 5000 }).catch(() => null);
  const temporal = connection ? new Temporal({ connection }) : null;
  try {
    await db.connect();
    const { rows } = await db.query(
      `select i.seq, i.target_id, i.credential_id, c.id as credential, c.number, c.status, c.email_status, c.document_version
         from bulk_run_item i
         left join credential c on c.id = coalesce(i.credential_id, i.target_id)
        where i.bulk_run_id = $1 and i.status = 'Pending' order by i.seq limit $2`,
      [runId, limit],
    );
    say(`  diagnosis of bulk run ${runId}: ${rows.length ? `first ${rows.length} pending items` : 'no pending items'}`);
    if (temporal) say(`    ${await describeWorkflow(temporal, workflowIds.bulkRun(runId))}`);
    for (const row of rows) {
      say(
        `    item ${row.seq} target ${row.target_id}: credential ${row.credential ?? '(none)'} ${row.number ?? ''} status ${row.status ?? '-'}, email ${row.email_status ?? '-'}, document v${row.document_version ?? '-'}`,
      );
      if (temporal && row.credential)
        say(`      ${await describeWorkflow(temporal, workflowIds.credential(row.credential))}`);
    }
  } catch (err) {
    say(`  diagnosis failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await db.end().catch(() => undefined);
    await connection?.close().catch(() => undefined);
  }
}

/** For each failed item (up to `limit`): its credential's state now and the credential's latest history events. */
export async function describeFailures(databaseUrl: string, runId: string, say: Say, limit = 10): Promise<void> {
  const db = new Pg({ connectionString: databaseUrl });
  try {
    await db.connect();
    const { rows } = await db.query(
      `select i.seq, i.target_id, i.message, c.id as credential, c.number, c.status, c.email_status
         from bulk_run_item i left join credential c on c.id = coalesce(i.credential_id, i.target_id)
        where i.bulk_run_id = $1 and i.status = 'Failed' order by i.seq limit $2`,
      [runId, limit],
    );
    for (const row of rows) {
      say(`  failed item ${row.seq} of bulk-${runId}, target ${row.target_id}: ${row.message}`);
      if (!row.credential) continue;
      say(
        `    credential ${row.credential} (${row.number}, workflow credential-${row.credential}) is now ${row.status}, email ${row.email_status}; history:`,
      );
      const { rows: events } = await db.query(
        `select created_at, event, actor, detail from credential_event where credential_id = $1 order by created_at, id`,
        [row.credential],
      );
      for (const e of events)
        say(`      ${new Date(e.created_at).toISOString()} ${e.event} by ${e.actor} ${JSON.stringify(e.detail ?? {})}`);
    }
  } catch (err) {
    say(`  could not describe the failures: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await db.end().catch(() => undefined);
  }
}
