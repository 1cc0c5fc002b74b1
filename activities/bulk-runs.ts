import { heartbeating } from './heartbeating';
import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import { BulkRun, BulkRunItem, Credential } from '../domain/entities';
import { CredentialRequestRefused, requestCourseCredential, type CredentialRequest } from '../domain/credentials/request-course-credential';
import { requestQualificationCredential } from '../domain/credentials/request-qualification-credential';
import { auditAndApply, RulesNotAuditableError } from '../domain/qualifications/audit-enrolment';
import type { CredentialStatus } from '../domain/credentials/status';
import type { CredentialAction } from '../workflows/actions';
import {
  ActionRefusedError, actOnCredential, startCredentialGeneration, waitForCredentialWorkflow,
} from '../apps/shared/credential-workflow-client';

export type BulkAction = 'request' | 'audit' | 'regenerate' | 'issue' | 'email' | 'print' | 'cancel';

export interface BulkRunParams extends Partial<CredentialRequest> {
  actor: string;
  reason?: string;
  /** For requests: which kind of enrolment the targets are (course by default). */
  source?: 'course' | 'qualification';
}

type Outcome = { ok: true } | { ok: false; message: string };

const populate = ['template', 'courseEnrolment.courseOffer', 'qualificationEnrolment.qualification'] as const;

/** What a finished credential means for its item. */
function generationOutcome(credential: Credential): Outcome {
  if (credential.status === 'GenerationFailed') return { ok: false, message: credential.generationError ?? 'Generation failed' };
  return { ok: true };
}

const doneStates: Partial<Record<BulkAction, CredentialStatus>> = { issue: 'Issued', cancel: 'Cancelled' };

/**
 * The steps of a bulk run. Each item's outcome is written once (Pending -> Succeeded/Failed, with the run's counters in
 * the same transaction); a step retried after a crash finds its credential through the item, and its action through
 * the item's request id, so nothing is made or done twice.
 */
export function createBulkActivities({ orm, client }: { orm: MikroORM; client: Client }) {
  async function requestItem(item: BulkRunItem, run: BulkRun): Promise<Outcome> {
    let credentialId = item.credentialId;
    if (!credentialId) {
      credentialId = await orm.em.fork().transactional(async (em) => {
        const params = run.params as unknown as BulkRunParams & CredentialRequest;
        const record = params.source === 'qualification' ? requestQualificationCredential : requestCourseCredential;
        const credential = await record(em, item.targetId, params, params.actor);
        await em.flush();
        await em.nativeUpdate(BulkRunItem, { id: item.id }, { credentialId: credential.id });
        return credential.id;
      });
    }
    let credential = await orm.em.fork().findOneOrFail(Credential, credentialId, { populate });
    if (credential.status === 'Requested' || credential.status === 'Generating') {
      await startCredentialGeneration(client, credential, run.id);
      await heartbeating(waitForCredentialWorkflow(client, credentialId));
      credential = await orm.em.fork().findOneOrFail(Credential, credentialId);
    }
    return generationOutcome(credential);
  }

  async function auditItem(item: BulkRunItem): Promise<Outcome> {
    const audited = await auditAndApply(orm.em.fork(), item.targetId);
    return audited ? { ok: true } : { ok: false, message: `Qualification enrolment ${item.targetId} not found` };
  }

  async function actionItem(item: BulkRunItem, run: BulkRun): Promise<Outcome> {
    const params = run.params as unknown as BulkRunParams;
    const credential = await orm.em.fork().findOne(Credential, { id: item.targetId }, { populate });
    if (!credential) return { ok: false, message: `Credential ${item.targetId} not found` };
    const action = run.action as BulkAction;
    if (doneStates[action] === credential.status) return { ok: true };
    const requestId = `bulk-${run.id}-${item.seq}`;
    const base = { actor: params.actor, requestId };
    const request: CredentialAction =
      action === 'cancel' ? { ...base, kind: 'cancel', reason: params.reason ?? 'Cancelled in a bulk run' }
        : action === 'email' ? { ...base, kind: 'email', waitForSend: true }
          : { ...base, kind: action as 'regenerate' | 'issue' | 'print' };
    try {
      const result = await heartbeating(actOnCredential(client, credential, request, run.id));
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
    async loadBulkPage({ runId, afterSeq, limit }: { runId: string; afterSeq: number; limit: number }): Promise<number[]> {
      const items = await orm.em.fork().find(
        BulkRunItem,
        { bulkRun: runId, status: 'Pending', seq: { $gt: afterSeq } },
        { fields: ['seq'], orderBy: { seq: 'asc' }, limit },
      );
      return items.map((item) => item.seq);
    },

    async runBulkItem({ runId, seq }: { runId: string; seq: number }): Promise<void> {
      const item = await orm.em.fork().findOneOrFail(BulkRunItem, { bulkRun: runId, seq }, { populate: ['bulkRun'] });
      if (item.status !== 'Pending') return;
      let outcome: Outcome;
      try {
        const { action } = item.bulkRun;
        outcome = action === 'request' ? await requestItem(item, item.bulkRun)
          : action === 'audit' ? await auditItem(item)
            : await actionItem(item, item.bulkRun);
      } catch (err) {
        // Refusals are the item's result; anything else (database or Temporal unreachable) is retried.
        if (!(err instanceof CredentialRequestRefused || err instanceof ActionRefusedError || err instanceof RulesNotAuditableError)) throw err;
        outcome = { ok: false, message: err.message };
      }
      await orm.em.fork().transactional(async (em) => {
        const status = outcome.ok ? 'Succeeded' : 'Failed';
        const changed = await em.nativeUpdate(BulkRunItem, { id: item.id, status: 'Pending' }, { status, message: outcome.ok ? null : outcome.message });
        if (!changed) return;
        const counter = outcome.ok ? 'succeeded' : 'failed';
        await em.execute(`update bulk_run set ${counter} = ${counter} + 1, updated_at = now() where id = ?`, [runId]);
      });
    },

    async finishBulkRun(runId: string): Promise<void> {
      await orm.em.fork().nativeUpdate(BulkRun, { id: runId, status: 'Running' }, { status: 'Completed', finishedAt: new Date() });
    },
  };
}
