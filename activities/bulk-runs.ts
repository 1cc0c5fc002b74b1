import { heartbeating } from './heartbeating';
import { credentialGone } from './gone';
import { generationOutcome, writeOutcomes, type Outcome } from './bulk-outcomes';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ActionInput, BulkRun, BulkRunItem, Credential, type BulkRunParams } from '../domain/entities';
import { CredentialRequestRefused } from '../domain/credentials/request-course-credential';
import { auditAndApply, RulesNotAuditableError } from '../domain/qualifications/audit-enrolment';
import type { CredentialStatus } from '../domain/credentials/lifecycle';
import type { BulkAction, BulkOutcome } from '../temporal/bulk-run';
import type { CredentialAction } from '../temporal/credential';
import { actionRequestIds } from '../temporal/ids';
import {
  ActionRefusedError,
  credentialStartOf,
  workflowStartRelations,
  type WorkflowsClient,
} from '../temporal/client';

const doneStates: Partial<Record<BulkAction, CredentialStatus>> = { issue: 'Issued', cancel: 'Cancelled' };

/**
 * The steps of a bulk run. Each item's outcome is written once (Pending -> Succeeded/Failed, with the run's counters in
 * the same transaction); a step retried after a crash finds its credential through the item, and its action through
 * the item's request id, so nothing is made or done twice.
 */
export function createBulkActivities({ orm, workflows }: { orm: MikroORM; workflows: WorkflowsClient }) {
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

  /** An item's outcome, or null when it was settled already; refusals are outcomes, anything else is thrown. */
  async function runItem(item: BulkRunItem): Promise<BulkOutcome | null> {
    if (item.status !== 'Pending') return null;
    try {
      const { action } = item.bulkRun;
      const outcome =
        action === 'request'
          ? await requestItem(item, item.bulkRun)
          : action === 'audit'
            ? await auditItem(item)
            : await actionItem(item, item.bulkRun);
      return { seq: item.seq, ...outcome };
    } catch (err) {
      // Refusals are the item's result; anything else (database or Temporal unreachable) is retried.
      if (!(
        err instanceof CredentialRequestRefused ||
        err instanceof ActionRefusedError ||
        err instanceof RulesNotAuditableError
      ))
        throw err;
      return { seq: item.seq, ok: false, message: err.message };
    }
  }

  return {
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
      const outcome = await runItem(item);
      if (outcome) await writeOutcomes(orm.em.fork(), runId, [outcome]);
    },

    /**
     * A group of an action run's items at once, their outcomes written in one statement. One activity for several
     * items: each activity costs the bulk run's workflow a task and Temporal its events, and an item's own work (an
     * Update to its credential's workflow) costs the same either way. Should an item fail for want of the database or
     * Temporal, the others' outcomes are written before the activity fails, so its retry runs only what is left.
     */
    async runBulkItems({ runId, seqs }: { runId: string; seqs: number[] }): Promise<void> {
      const pending = await orm.em
        .fork()
        .find(BulkRunItem, { bulkRun: runId, seq: { $in: seqs }, status: 'Pending' }, { populate: ['bulkRun'] });
      const settled = await heartbeating(Promise.allSettled(pending.map(runItem)));
      const outcomes = settled.flatMap((result) =>
        result.status === 'fulfilled' && result.value ? [result.value] : [],
      );
      await writeOutcomes(orm.em.fork(), runId, outcomes);
      const failed = settled.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    },

    async finishBulkRun(runId: string): Promise<void> {
      await orm.em
        .fork()
        .nativeUpdate(BulkRun, { id: runId, status: 'Running' }, { status: 'Completed', finishedAt: new Date() });
    },
  };
}
