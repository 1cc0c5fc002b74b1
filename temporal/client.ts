import { AsyncResource } from 'node:async_hooks';
import {
  WithStartWorkflowOperation,
  WorkflowFailedError,
  WorkflowIdConflictPolicy,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure, TemporalFailure } from '@temporalio/common';
import type { CredentialStart } from '../domain/credentials/credential-start';
import type { Credential } from '../domain/entities';
import { bulkRunSummary, bulkRunWorkflowType, type BulkAction, type BulkRunInput } from './bulk-run';
import {
  actionUpdates,
  credentialRunSummary,
  credentialWorkflowType,
  type ActionResult,
  type CredentialAction,
  type CredentialWorkflowInput,
} from './credential';
import {
  dataChangedSignal,
  dataFixWorkflowType,
  type DataChange,
  type DataFixEntity,
  type DataFixInput,
} from './data-fix';
import { failureTypes } from './failures';
import { workflowIds } from './ids';
import { credentialSearchAttributePairs, searchAttributes } from './search-attributes';
import { taskQueues } from './task-queues';

/** What starting or acting on a credential's workflow reads from its entity: populate these first. */
export const workflowStartRelations = [
  'template',
  'courseEnrolment.courseOffer',
  'qualificationEnrolment.qualification',
] as const;

/** A credential's workflow refused an action in its current state (the API answers 409). */
export class ActionRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionRefusedError';
  }
}

/**
 * The start-and-retry policy: waits between attempts (ms), about a minute in all. A start that still fails is left to
 * what records the work in PostgreSQL first (the worker's sweep restarts stranded requests and bulk runs).
 */
export const startRetryDelaysMs = [250, 500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000];

/** Runs a start, retrying it by the policy until it succeeds, the policy runs out or `stopped()` says to give up. */
export async function withStartRetries<T>(start: () => Promise<T>, stopped: () => boolean = () => false): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      const delay = startRetryDelaysMs[attempt];
      if (delay === undefined || stopped()) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** The innermost failure Temporal wraps (update failure -> activity failure -> application failure). */
function rootFailure(err: unknown): unknown {
  let current = err;
  while ((current instanceof WorkflowUpdateFailedError || current instanceof TemporalFailure) && current.cause) {
    current = current.cause;
  }
  return current;
}

/** An entity's start facts; populate workflowStartRelations first. */
export function credentialStartOf(credential: Credential): CredentialStart {
  return {
    id: credential.id,
    number: credential.number,
    status: credential.status,
    templateId: credential.template.id,
    templateName: credential.template.name,
    courseOfferId: credential.courseEnrolment?.courseOffer?.id ?? null,
    qualificationCode: credential.qualificationEnrolment?.qualification?.code ?? null,
  };
}

function credentialStartOptions(credential: CredentialStart, input: CredentialWorkflowInput, bulkRunId?: string) {
  return {
    taskQueue: taskQueues.credentials,
    workflowId: workflowIds.credential(credential.id),
    args: [input] as [CredentialWorkflowInput],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    // A generating run shows Generating from its start, so it need not write the attribute again.
    typedSearchAttributes: credentialSearchAttributePairs({
      ...credential,
      status: input.generate ? 'Generating' : credential.status,
      bulkRunId,
    }),
    staticSummary: credentialRunSummary(credential),
  };
}

/**
 * The one client of the system's workflows, for the API and the activities alike: it alone knows workflow ids, task
 * queues, search attributes and how an action reaches a credential's workflow.
 */
export class WorkflowsClient {
  private readonly starting = new Set<Promise<void>>();
  private stopping = false;
  /**
   * Made with the client, outside any request: background starts run in its async context, not the request's. A start
   * outlives its request by up to a minute, and whatever it creates (gRPC streams, timers) would otherwise keep the
   * request's context, with its ORM identity map, alive all that time.
   */
  private readonly outsideRequests = new AsyncResource('WorkflowStarts');

  constructor(readonly client: Client) {}

  /**
   * Starts a saved request's generation in the background, by the start-and-retry policy, so the request is answered
   * without waiting for Temporal. The Requested row is the request: should the starts give up (Temporal away for
   * long, or the process stopping), `gaveUp` hears why, and the worker's sweep starts it later.
   */
  startCredentialGenerationSoon(credential: CredentialStart, gaveUp: (err: unknown) => void): void {
    this.startSoon(() => this.startCredentialGeneration(credential), gaveUp);
  }

  /**
   * Starts a saved bulk run's workflow in the background, by the same policy: the Running row with its items is the
   * run, and should the starts give up the worker's sweep starts it.
   */
  startBulkRunSoon(run: Parameters<WorkflowsClient['startBulkRun']>[0], gaveUp: (err: unknown) => void): void {
    this.startSoon(() => this.startBulkRun(run), gaveUp);
  }

  private startSoon(start: () => Promise<void>, gaveUp: (err: unknown) => void): void {
    const started = this.outsideRequests
      .runInAsyncScope(() => withStartRetries(start, () => this.stopping).catch(gaveUp))
      .finally(() => this.starting.delete(started));
    this.starting.add(started);
  }

  /** Lets background starts in flight finish (no new attempts) for at most `waitMs`; call before closing. */
  async stopStarting(waitMs: number): Promise<void> {
    this.stopping = true;
    await Promise.race([
      Promise.allSettled([...this.starting]),
      new Promise((resolve) => setTimeout(resolve, waitMs).unref()),
    ]);
  }

  /** Starts the request's own run (generate the first document), or attaches to the one already running. */
  async startCredentialGeneration(credential: CredentialStart, bulkRunId?: string): Promise<void> {
    await this.client.workflow.start(
      credentialWorkflowType,
      credentialStartOptions(
        credential,
        { credentialId: credential.id, status: credential.status, generate: true },
        bulkRunId,
      ),
    );
  }

  /**
   * Waits for the credential's current run to close, however it ended: a failed generation fails its run, and the
   * caller reads what happened from PostgreSQL.
   */
  async waitForCredentialRun(credentialId: string): Promise<void> {
    try {
      await this.client.workflow.getHandle(workflowIds.credential(credentialId)).result();
    } catch (err) {
      const cause = err instanceof WorkflowFailedError ? err.cause : undefined;
      if (cause instanceof ApplicationFailure && cause.type === failureTypes.generationFailed) return;
      throw err;
    }
  }

  /** Delivers an action as its Update, starting a run when none is in flight. A refusal is an ActionRefusedError. */
  async actOnCredential(credential: Credential, action: CredentialAction, bulkRunId?: string): Promise<ActionResult> {
    const { kind, ...args } = action;
    const startWorkflowOperation = new WithStartWorkflowOperation(
      credentialWorkflowType,
      credentialStartOptions(
        credentialStartOf(credential),
        { credentialId: credential.id, status: credential.status, deleted: credential.deletedAt != null },
        bulkRunId,
      ),
    );
    try {
      // A repeated request (same requestId) to a run that is still going is answered by that run's first answer.
      return await this.client.workflow.executeUpdateWithStart(actionUpdates[kind], {
        args: [args],
        startWorkflowOperation,
        ...(action.requestId ? { updateId: action.requestId } : {}),
      });
    } catch (err) {
      const root = rootFailure(err);
      if (root instanceof ApplicationFailure && root.type === failureTypes.invalidState) {
        const named = root.message.startsWith(`Credential ${credential.number}`);
        throw new ActionRefusedError(named ? root.message : `Credential ${credential.number}: ${root.message}`);
      }
      throw err;
    }
  }

  /** Starts `bulk-<runId>` (or attaches to it): its items are already saved, and the run pages them from there. */
  async startBulkRun(run: { id: string; action: BulkAction; total: number; courseOfferId?: string | null }) {
    await this.client.workflow.start(bulkRunWorkflowType, {
      taskQueue: taskQueues.credentials,
      workflowId: workflowIds.bulkRun(run.id),
      args: [{ runId: run.id } satisfies BulkRunInput],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      typedSearchAttributes: [
        { key: searchAttributes.bulkRunId, value: run.id },
        { key: searchAttributes.credentialAction, value: run.action },
        ...(run.courseOfferId ? [{ key: searchAttributes.courseOfferId, value: run.courseOfferId }] : []),
      ],
      staticSummary: bulkRunSummary(run.action, run.total),
    });
  }

  /**
   * Ends the running workflows of work whose rows are about to be removed (a practice course offer's credentials and
   * data fixes): terminated with `reason`, so none is left waiting on, or retrying against, rows that are gone. One
   * already closed, or never started, is skipped. Resolves to the ids it terminated.
   */
  async terminateWork(workflowIds: readonly string[], reason: string): Promise<string[]> {
    const terminated = await Promise.all(
      workflowIds.map(async (workflowId) => {
        try {
          await this.client.workflow.getHandle(workflowId).terminate(reason);
          return workflowId;
        } catch (err) {
          if (err instanceof WorkflowNotFoundError) return null;
          throw err;
        }
      }),
    );
    return terminated.filter((id): id is string => id !== null);
  }

  /**
   * Tells the debounced data-fix workflow of an entity that data printed on its credentials changed, and who changed
   * it (a role and a key id: no name).
   */
  async signalDataFix(entity: DataFixEntity, id: string, debounceSeconds: number, change: DataChange): Promise<void> {
    await this.client.workflow.signalWithStart(dataFixWorkflowType, {
      workflowId: workflowIds.dataFix(entity, id),
      taskQueue: taskQueues.credentials,
      args: [{ entity, id, debounceSeconds } satisfies DataFixInput],
      signal: dataChangedSignal,
      signalArgs: [{ role: change.role, keyId: change.keyId }],
      staticSummary: `Data fix: ${entity} ${id}`,
    });
  }
}
