import { heartbeating } from './heartbeating';
import { credentialGone } from './gone';
import { createGenerator, type GenerationDeps } from './credential-generation';
import { FlushMode, type EntityManager } from '@mikro-orm/postgresql';
import { ActionInput, BulkRun, BulkRunItem, Credential, type BulkRunParams } from '../domain/entities';
import {
  CredentialRequestRefused,
  requestCourseCredentials,
  type CredentialRequest,
} from '../domain/credentials/request-course-credential';
import { requestQualificationCredential } from '../domain/credentials/request-qualification-credential';
import { auditAndApply, RulesNotAuditableError } from '../domain/qualifications/audit-enrolment';
import type { CredentialStatus } from '../domain/credentials/lifecycle';
import type { BulkAction, BulkGeneration, BulkOutcome } from '../temporal/bulk-run';
import type { CredentialAction } from '../temporal/credential';
import { actionRequestIds } from '../temporal/ids';
import {
  ActionRefusedError,
  credentialStartOf,
  workflowStartRelations,
  type WorkflowsClient,
} from '../temporal/client';

type Outcome = { ok: true } | { ok: false; message: string };

/** One after another (each checks its enrolment's audit): a bulk qualification request is the rarer, smaller kind. */
async function requestQualificationCredentials(
  em: EntityManager,
  enrolmentIds: string[],
  params: BulkRunParams & CredentialRequest,
) {
  const requested: Array<Credential | CredentialRequestRefused> = [];
  for (const enrolmentId of enrolmentIds) {
    try {
      requested.push(await requestQualificationCredential(em, enrolmentId, params, params.actor));
    } catch (err) {
      if (!(err instanceof CredentialRequestRefused)) throw err;
      requested.push(err);
    }
  }
  return requested;
}

/** Writes outcomes once per item (Pending -> Succeeded/Failed) and the run's counters: one statement, so atomic. */
async function writeOutcomes(em: EntityManager, runId: string, outcomes: BulkOutcome[]): Promise<void> {
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
function generationOutcome(credential: { status: CredentialStatus; generationError?: string | null }): Outcome {
  if (credential.status === 'GenerationFailed')
    return { ok: false, message: credential.generationError ?? 'Generation failed' };
  return { ok: true };
}

const doneStates: Partial<Record<BulkAction, CredentialStatus>> = { issue: 'Issued', cancel: 'Cancelled' };

/**
 * The steps of a bulk run. Each item's outcome is written once (Pending -> Succeeded/Failed, with the run's counters in
 * the same transaction); a step retried after a crash finds its credential through the item, and its action through
 * the item's request id, so nothing is made or done twice.
 */
export function createBulkActivities(deps: GenerationDeps & { workflows: WorkflowsClient }) {
  const { orm, workflows } = deps;
  const { generate } = createGenerator(deps);
  /**
   * A requested item whose credential's workflow was already running when the bulk run went to start it: waits on it.
   * Its credential was recorded by its batch (or by prepareBulkRequests), the only way a request item gets here.
   */
  async function requestItem(item: BulkRunItem, run: BulkRun): Promise<Outcome> {
    const credentialId = item.credentialId;
    if (!credentialId) throw new Error(`Bulk run ${run.id} item ${item.seq} has no credential recorded yet`);
    const find = () => orm.em.fork().findOne(Credential, { id: credentialId }, { populate: workflowStartRelations });
    let credential = await find();
    if (credential && (credential.status === 'Requested' || credential.status === 'Generating')) {
      await workflows.startCredentialGeneration(credentialStartOf(credential), run.id);
      await heartbeating(workflows.waitForCredentialRun(credentialId));
      credential = await find();
    }
    // Removed with its practice course offer meanwhile: the item failed, the run goes on.
    if (!credential) return { ok: false, message: credentialGone(credentialId).message };
    return generationOutcome(credential);
  }

  /**
   * Records the credentials of a bulk request's items and returns those still to generate. Items already settled (a
   * refusal, or a generation finished before a crash) get their outcome here; nothing is recorded twice, because each
   * item links to its credential in the transaction that makes it.
   */
  async function prepare(runId: string, seqs: number[]): Promise<BulkGeneration[]> {
    const settled: BulkOutcome[] = [];
    const linked = new Map<string, number>();
    // The whole chunk in one transaction, refusals decided before anything is written: a few queries per credential
    // instead of a transaction each. Should a concurrent request win a unique index, the chunk rolls back and its
    // retry finds that credential and lists the item as refused.
    await orm.em.fork().transactional(
      async (em) => {
        const run = await em.findOneOrFail(BulkRun, runId);
        const params = run.params as unknown as BulkRunParams & CredentialRequest;
        const pending = await em.find(
          BulkRunItem,
          { bulkRun: runId, seq: { $in: seqs }, status: 'Pending' },
          { orderBy: { seq: 'asc' } },
        );
        const unlinked = pending.filter((item) => !item.credentialId);
        const requested =
          params.source === 'qualification'
            ? await requestQualificationCredentials(
                em,
                unlinked.map((item) => item.targetId),
                params,
              )
            : await requestCourseCredentials(
                em,
                unlinked.map((item) => item.targetId),
                params,
                params.actor,
              );
        for (const [index, item] of unlinked.entries()) {
          const credential = requested[index]!;
          if (credential instanceof CredentialRequestRefused)
            settled.push({ seq: item.seq, ok: false, message: credential.message });
          else item.credentialId = credential.id;
        }
        for (const item of pending) if (item.credentialId) linked.set(item.credentialId, item.seq);
        // COMMIT: the checks' queries must not flush the credentials made so far one by one.
      },
      { flushMode: FlushMode.COMMIT },
    );
    const em = orm.em.fork();
    const rows = await em.execute<
      Array<{
        id: string;
        status: CredentialStatus;
        generation_error: string | null;
        number: string;
        template_id: string;
        template_name: string;
        course_offer_id: string | null;
        code: string | null;
      }>
    >(
      `select c.id, c.status, c.generation_error, c.number, c.template_id, t.name as template_name,
              ce.course_offer_id, q.code
         from credential c
         join credential_template t on t.id = c.template_id
         left join course_enrolment ce on ce.id = c.course_enrolment_id
         left join qualification_enrolment qe on qe.id = c.qualification_enrolment_id
         left join qualification q on q.id = qe.qualification_id
        where c.id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
      [JSON.stringify([...linked.keys()])],
    );
    const generations: BulkGeneration[] = [];
    for (const row of rows) {
      const seq = linked.get(row.id)!;
      if (row.status === 'Requested' || row.status === 'Generating') {
        generations.push({
          seq,
          credentialId: row.id,
          number: row.number,
          templateId: row.template_id,
          templateName: row.template_name,
          courseOfferId: row.course_offer_id,
          qualificationCode: row.code,
        });
      } else {
        settled.push({ seq, ...generationOutcome({ status: row.status, generationError: row.generation_error }) });
      }
    }
    await writeOutcomes(em, runId, settled);
    return generations.sort((a, b) => a.seq - b.seq);
  }

  /**
   * Generates a batch of a bulk request's credentials and records their outcomes. A credential the template or data
   * cannot render is returned instead: the workflow retries it in the credential's own workflow, so ops staff find
   * each failure, with its reason, in the Temporal UI. A retry after a crash skips what is already Generated.
   */
  async function generateItems(runId: string, items: Array<{ seq: number; credentialId: string }>) {
    const results = await generate(
      items.map(({ credentialId }) => ({ credentialId, mode: 'initial' })),
      'report',
    );
    const outcomes: BulkOutcome[] = [];
    const unrendered: number[] = [];
    for (const [index, { seq }] of items.entries()) {
      const result = results[index]!;
      if (result.status === 'Generating') unrendered.push(seq);
      else
        outcomes.push(result.error ? { seq, ok: false, message: result.fullError ?? result.error } : { seq, ok: true });
    }
    await writeOutcomes(orm.em.fork(), runId, outcomes);
    return unrendered;
  }

  async function auditItem(item: BulkRunItem): Promise<Outcome> {
    const audited = await auditAndApply(orm.em.fork(), item.targetId);
    return audited ? { ok: true } : { ok: false, message: `Qualification enrolment ${item.targetId} not found` };
  }

  /** A run saved before reasons were kept as ActionInputs has only its reason: saved now, passed by id. */
  async function saveReason(reason = 'Cancelled in a bulk run'): Promise<string> {
    const em = orm.em.fork();
    const input = em.create(ActionInput, { reason });
    await em.flush();
    return input.id;
  }

  async function actionItem(item: BulkRunItem, run: BulkRun): Promise<Outcome> {
    const params = run.params as unknown as BulkRunParams;
    const credential = await orm.em
      .fork()
      .findOne(Credential, { id: item.targetId }, { populate: workflowStartRelations });
    if (!credential) return { ok: false, message: `Credential ${item.targetId} not found` };
    const action = run.action as BulkAction;
    if (doneStates[action] === credential.status) return { ok: true };
    const requestId = actionRequestIds.bulkItem(run.id, item.seq);
    const base = { actor: params.actor, requestId };
    const request: CredentialAction =
      action === 'cancel'
        ? { ...base, kind: 'cancel', inputId: params.inputId ?? (await saveReason(params.reason)) }
        : action === 'email'
          ? { ...base, kind: 'email', waitForSend: true }
          : { ...base, kind: action as 'regenerate' | 'issue' | 'print' };
    try {
      const result = await heartbeating(workflows.actOnCredential(credential, request, run.id));
      return result.error ? { ok: false, message: result.error } : { ok: true };
    } catch (err) {
      // A step retried after a crash can read the credential before the first try's action committed, and then be
      // refused because that action has since done its work: the goal state is the item's success, not a failure.
      if (!(err instanceof ActionRefusedError)) throw err;
      const now = await orm.em.fork().findOneOrFail(Credential, item.targetId);
      if (doneStates[action] === now.status) return { ok: true };
      throw err;
    }
  }

  return {
    /** Records a chunk of a bulk request's credentials (before the `batch-records-its-requests` patch). */
    async prepareBulkRequests({ runId, seqs }: { runId: string; seqs: number[] }): Promise<BulkGeneration[]> {
      return prepare(runId, seqs);
    },

    /** Generates a batch prepared by prepareBulkRequests (before the `batch-records-its-requests` patch). */
    async generateBatch({
      runId,
      items,
    }: {
      runId: string;
      items: Array<{ seq: number; credentialId: string }>;
    }): Promise<number[]> {
      return heartbeating(generateItems(runId, items));
    },

    /**
     * A bulk request's batch in one activity: records its items' credentials, then generates them. Returns those it
     * could not render, for their own workflows. One activity a batch rather than two (a chunk recorded, then
     * generated): each activity costs the Temporal server a task's round trip and its history the chunk's ids.
     */
    async recordAndGenerateBatch({ runId, seqs }: { runId: string; seqs: number[] }): Promise<BulkGeneration[]> {
      return heartbeating(
        (async () => {
          const generations = await prepare(runId, seqs);
          const unrendered = new Set(await generateItems(runId, generations));
          return generations.filter((generation) => unrendered.has(generation.seq));
        })(),
      );
    },

    /**
     * Records outcomes the workflow learnt from credentials' own workflows. A failure's message there names no data,
     * so the run's list gets the credential's full reason from PostgreSQL where it has one.
     */
    async recordBulkOutcomes({ runId, outcomes }: { runId: string; outcomes: BulkOutcome[] }): Promise<void> {
      const em = orm.em.fork();
      const failed = outcomes.filter((o) => !o.ok).map((o) => o.seq);
      const reasons = failed.length
        ? await em.execute<Array<{ seq: number; generation_error: string | null }>>(
            `select i.seq, c.generation_error from bulk_run_item i join credential c on c.id = i.credential_id
              where i.bulk_run_id = ? and i.seq in (select jsonb_array_elements_text(?::jsonb)::int)`,
            [runId, JSON.stringify(failed)],
          )
        : [];
      const full = new Map(reasons.map((r) => [r.seq, r.generation_error]));
      await writeOutcomes(
        em,
        runId,
        outcomes.map((o) => (o.ok ? o : { ...o, message: full.get(o.seq) ?? o.message })),
      );
    },

    /**
     * The next page of pending items, and what the run does to them. A page is one workflow run's history: 500 items
     * of one activity each, or 5,000 requested credentials in batches of fifty. At a page's end the window drains and
     * the render processes wait for the next run's first batch, so generation takes pages as large as history allows
     * (about 200 activities, 2 MB).
     */
    async loadBulkPage({
      runId,
      afterSeq,
    }: {
      runId: string;
      afterSeq: number;
    }): Promise<{ action: BulkAction; seqs: number[] }> {
      const em = orm.em.fork();
      const run = await em.findOneOrFail(BulkRun, runId, { fields: ['action'] });
      const items = await em.find(
        BulkRunItem,
        { bulkRun: runId, status: 'Pending', seq: { $gt: afterSeq } },
        { fields: ['seq'], orderBy: { seq: 'asc' }, limit: run.action === 'request' ? 5000 : 500 },
      );
      return { action: run.action as BulkAction, seqs: items.map((item) => item.seq) };
    },

    async runBulkItem({ runId, seq }: { runId: string; seq: number }): Promise<void> {
      const item = await orm.em.fork().findOneOrFail(BulkRunItem, { bulkRun: runId, seq }, { populate: ['bulkRun'] });
      if (item.status !== 'Pending') return;
      let outcome: Outcome;
      try {
        const { action } = item.bulkRun;
        outcome =
          action === 'request'
            ? await requestItem(item, item.bulkRun)
            : action === 'audit'
              ? await auditItem(item)
              : await actionItem(item, item.bulkRun);
      } catch (err) {
        // Refusals are the item's result; anything else (database or Temporal unreachable) is retried.
        if (!(
          err instanceof CredentialRequestRefused ||
          err instanceof ActionRefusedError ||
          err instanceof RulesNotAuditableError
        ))
          throw err;
        outcome = { ok: false, message: err.message };
      }
      await writeOutcomes(orm.em.fork(), runId, [{ seq, ...outcome }]);
    },

    async finishBulkRun(runId: string): Promise<void> {
      await orm.em
        .fork()
        .nativeUpdate(BulkRun, { id: runId, status: 'Running' }, { status: 'Completed', finishedAt: new Date() });
    },
  };
}
