import { heartbeating } from './heartbeating';
import { createGenerator, type GenerationDeps } from './credential-generation';
import { generationOutcome, writeOutcomes } from './bulk-outcomes';
import { FlushMode, type EntityManager } from '@mikro-orm/postgresql';
import { BulkRun, BulkRunItem, type Credential, type BulkRunParams } from '../domain/entities';
import {
  CredentialRequestRefused,
  requestCourseCredentials,
  type CredentialRequest,
} from '../domain/credentials/request-course-credential';
import { requestQualificationCredential } from '../domain/credentials/request-qualification-credential';
import type { CredentialStatus } from '../domain/credentials/lifecycle';
import type { BulkGeneration, BulkOutcome } from '../temporal/bulk-run';

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

/**
 * A bulk request's batches: each records its items' credentials and generates them, fifty to an activity, without a
 * workflow per credential. What a batch could not render goes to the credentials' own workflows (the bulk run's
 * children), whose outcomes come back through recordBulkOutcomes.
 */
export function createBulkRequestActivities(deps: GenerationDeps) {
  const { orm } = deps;
  const { generate } = createGenerator(deps);
  /**
   * Records the credentials of a bulk request's items and returns those still to generate. Items already settled (a
   * refusal, or a generation finished before a crash) get their outcome here; nothing is recorded twice, because each
   * item links to its credential in the transaction that makes it. Course credentials are recorded `recordAs`:
   * Generating when the caller generates them next, which then resumes them as after a crash.
   */
  async function prepare(
    runId: string,
    seqs: number[],
    recordAs: 'Requested' | 'Generating' = 'Requested',
  ): Promise<BulkGeneration[]> {
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
                recordAs,
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
          // Recorded Generating: this activity generates them next, and a retry after a crash resumes them.
          const generations = await prepare(runId, seqs, 'Generating');
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
  };
}
