import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { Activities } from '../activities';
import { credentialActionKinds, refusal, type CredentialStatus } from '../domain/credentials/lifecycle';
import {
  actionUpdates,
  credentialPatches,
  credentialStateQuery,
  replacementEmailRequestId,
  type ActionArgs,
  type ActionResult,
  type CredentialAction,
  type CredentialWorkflowInput,
  type CredentialWorkflowResult,
} from '../temporal/credential';
import { failureTypes, generationFailed, invalidState } from '../temporal/failures';
import { searchAttributes } from '../temporal/search-attributes';
import { taskQueues } from '../temporal/task-queues';

// Database steps retry until the database is back: a PostgreSQL restart must delay a credential, not fail it.
const db = proxyActivities<Activities>({
  taskQueue: taskQueues.credentials,
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: [failureTypes.invalidState],
  },
});

// The issue and an email's first step as local activities: each is a few database statements, and as a local
// activity it is one marker in the workflow task that asked for it, instead of an activity task through matching and
// its events. Retried in the worker with the same policy; past a minute between tries the SDK waits on a timer.
const dbLocal = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: [failureTypes.invalidState],
  },
});

// Generation (begin, render, store, mark) is one activity on the render queue, whose concurrency stays near the core
// count. Template and data errors come back as GenerationFailed, not as failures; what is left to retry is a crash, a
// timeout or the database being away, so it retries until it passes, like the database steps.
const generator = proxyActivities<Activities>({
  taskQueue: taskQueues.render,
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: [failureTypes.invalidState],
  },
});

// Sending retries through provider outages for as long as the provider keeps an idempotency key (24 hours).
const mailer = proxyActivities<Activities>({
  taskQueue: taskQueues.email,
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '24 hours',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes: [failureTypes.emailRejected],
  },
});

/** Why an activity failed, in the words its ApplicationFailure gave (not Temporal's wrapper text). */
function failureMessage(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * One credential's lifecycle, workflow id `credential-<credentialId>`. Runs while there is work: the first generation,
 * then any actions that arrive as Updates (one per action: `regenerate`, `issue`, `print`, `email`, `cancel`,
 * `delete`), one at a time. When idle it completes; the next action starts a new run with update-with-start, so
 * running workflows are exactly the work in flight. A run that leaves the credential GenerationFailed ends failed,
 * with the reason, so the Temporal UI shows red where a person must act.
 */
export async function credentialWorkflow(input: CredentialWorkflowInput): Promise<CredentialWorkflowResult> {
  const { credentialId } = input;
  let status = input.status;
  let deleted = input.deleted ?? false;
  let busy = false;
  let emailsInFlight = 0;
  let lastGenerationError: string | undefined;

  const show = (next: CredentialStatus, action?: string) => {
    status = next;
    upsertSearchAttributes([
      { key: searchAttributes.credentialStatus, value: next },
      ...(action ? [{ key: searchAttributes.credentialAction, value: action }] : []),
    ]);
  };

  /** Actions run one at a time, in arrival order: two actions on one credential never race. */
  async function exclusively<T>(work: () => Promise<T>): Promise<T> {
    // Conditions that hold together resolve together: each waiter looks again when its turn comes, so of two Updates
    // delivered in one task only the first goes ahead (the race two API processes acting at once showed).
    if (patched(credentialPatches.actionsTakeTurns)) while (busy) await condition(() => !busy);
    else await condition(() => !busy);
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  }

  async function generate(mode: 'initial' | 'regenerate', actor?: string, requestId?: string): Promise<ActionResult> {
    // An initial run already shows Generating from its start attributes (one visibility write fewer per credential).
    if (mode === 'regenerate') show('Generating', 'regenerate');
    const result = await generator.generateDocument({ credentialId, mode, actor, requestId });
    show(result.status);
    lastGenerationError = result.error;
    return result;
  }

  async function perform(action: CredentialAction): Promise<ActionResult> {
    const reason = refusal(action.kind, status, deleted);
    if (reason) throw invalidState(reason);
    // The Update's id names the request (a bulk step's or data fix's own id, or one the client made): the step can
    // then tell its own retry from another request that started this run from a status read before the first landed.
    const input = { credentialId, actor: action.actor, requestId: currentUpdateInfo()?.id };
    switch (action.kind) {
      case 'regenerate':
        return generate('regenerate', action.actor, action.requestId);
      case 'issue': {
        if (!patched(credentialPatches.issueSettlesOriginal)) {
          show(await db.issueCredential(input), 'issue');
          if (patched(credentialPatches.signOpenBadge)) await db.signOpenBadge({ credentialId });
          return { status };
        }
        // Signed before any email, which attaches the badge: in the issue's own step, or (older runs) in one after it.
        const issueAndSign = patched(credentialPatches.localDatabaseSteps)
          ? dbLocal.issueAndSign
          : patched(credentialPatches.issueSignsInOneStep)
            ? db.issueAndSign
            : undefined;
        const issued = await (issueAndSign ?? db.issueAndSettleOriginal)(input);
        show(issued.status, 'issue');
        if (!issueAndSign && patched(credentialPatches.signOpenBadge)) await db.signOpenBadge({ credentialId });
        // A replacement goes where its original went: emailed too when the original had been (once, by request id).
        if (issued.emailAsOriginal) {
          await perform({ kind: 'email', actor: action.actor, requestId: replacementEmailRequestId(credentialId) });
        }
        return { status };
      }
      case 'print': {
        const { documentVersion } = await db.recordPrint(input);
        return { status, documentVersion };
      }
      case 'cancel':
        show(await db.cancelCredential({ ...input, inputId: action.inputId }), 'cancel');
        return { status };
      case 'delete':
        await db.deleteCredential(input);
        deleted = true;
        upsertSearchAttributes([{ key: searchAttributes.credentialAction, value: 'delete' }]);
        return { status };
      case 'email': {
        const prepare = patched(credentialPatches.localDatabaseSteps) ? dbLocal.prepareEmail : db.prepareEmail;
        const prepared = await prepare({ ...input, inputId: action.inputId, requestId: action.requestId });
        upsertSearchAttributes([{ key: searchAttributes.credentialAction, value: 'email' }]);
        if (prepared.settled) return { status };
        const sending = send(prepared.emailMessageId);
        return action.waitForSend ? { status, ...(await sending) } : { status };
      }
    }
  }

  /** Sends in the background of the run (the Update answers at Sending); the run ends only when it is done. */
  async function send(emailMessageId: string): Promise<{ error?: string }> {
    emailsInFlight++;
    try {
      if (patched(credentialPatches.sendRecordsSent)) await mailer.sendAndRecordEmail(emailMessageId);
      else {
        const { providerMessageId } = await mailer.sendEmail(emailMessageId);
        await db.markEmailSent({ emailMessageId, providerMessageId });
      }
      return {};
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const error = failureMessage(err);
      await db.markEmailFailed({ emailMessageId, error });
      return { error };
    } finally {
      emailsInFlight--;
    }
  }

  setHandler(credentialStateQuery, () => ({ status, deleted, busy, emailsInFlight }));
  for (const kind of credentialActionKinds) {
    // Each action's Update carries that action's arguments; the handler treats them alike.
    const update = actionUpdates[kind] as UpdateDefinition<ActionResult, [ActionArgs]>;
    setHandler<ActionResult, [ActionArgs], typeof update>(
      update,
      (args) => exclusively(() => perform({ ...args, kind } as CredentialAction)),
      {
        // Idle, a wrong state is refused at once (the API answers 409 synchronously). While work is in flight the
        // state is about to change, and PostgreSQL may already show the new one (a generation commits before this
        // workflow hears its result): the action waits its turn, and perform() judges it then against the state it
        // finds.
        validator: () => {
          if (busy) return;
          const reason = refusal(kind, status, deleted);
          if (reason) throw invalidState(reason);
        },
      },
    );
  }

  if (input.generate) await exclusively(() => generate('initial'));
  await condition(() => !busy && emailsInFlight === 0 && allHandlersFinished());
  // Only a generation of this run's own that failed fails the run: a later delete or cancel settles it.
  if (status === 'GenerationFailed' && !deleted && lastGenerationError) throw generationFailed(lastGenerationError);
  return { status };
}
