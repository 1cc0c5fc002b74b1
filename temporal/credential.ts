import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CredentialActionKind, CredentialStatus } from '../domain/credentials/lifecycle';

export const credentialWorkflowType = 'credentialWorkflow';

export interface CredentialWorkflowInput {
  credentialId: string;
  /** The credential's status in PostgreSQL when this run was started; from then on the workflow tracks it. */
  status: CredentialStatus;
  deleted?: boolean;
  /** Set when the run is started by the request itself: generate the first document. */
  generate?: boolean;
}

export interface CredentialWorkflowResult {
  status: CredentialStatus;
}

/**
 * Who asks, and the request's id: a repeated request (a bulk step retried after a crash) with the same id finds the
 * first one's effect instead of acting twice.
 */
export interface ActionArgs {
  actor: string;
  requestId?: string;
}

/** What each action carries besides ActionArgs. */
export interface ActionParams {
  regenerate: unknown;
  issue: unknown;
  print: unknown;
  /**
   * inputId: the saved ActionInput holding another address (the learner's own when absent). waitForSend: answer once
   * the provider accepted or refused (bulk runs), not as soon as it is Sending.
   */
  email: { inputId?: string; waitForSend?: boolean };
  /** inputId: the saved ActionInput holding the reason (free text stays in PostgreSQL). */
  cancel: { inputId: string };
  delete: unknown;
}

/** An action as API clients and bulk runs ask it of a credential. */
export type CredentialAction = {
  [K in CredentialActionKind]: { kind: K } & ActionArgs & ActionParams[K];
}[CredentialActionKind];

export interface ActionResult {
  status: CredentialStatus;
  documentVersion?: number | null;
  error?: string;
}

type ActionUpdates = {
  [K in CredentialActionKind]: UpdateDefinition<ActionResult, [ActionArgs & ActionParams[K]], K>;
};

/** One Update per action, named by what it does, so the Temporal UI lists `issue`, `email`, `cancel` and so on. */
export const actionUpdates: ActionUpdates = {
  regenerate: defineUpdate<ActionResult, [ActionArgs], 'regenerate'>('regenerate'),
  issue: defineUpdate<ActionResult, [ActionArgs], 'issue'>('issue'),
  print: defineUpdate<ActionResult, [ActionArgs], 'print'>('print'),
  email: defineUpdate<ActionResult, [ActionArgs & ActionParams['email']], 'email'>('email'),
  cancel: defineUpdate<ActionResult, [ActionArgs & ActionParams['cancel']], 'cancel'>('cancel'),
  delete: defineUpdate<ActionResult, [ActionArgs], 'delete'>('delete'),
};

/** What issuing did: a replacement whose original had been emailed is emailed too. */
export interface IssueOutcome {
  status: CredentialStatus;
  emailAsOriginal: boolean;
}

/** Workflow patches (see `patched`): runs recorded before a change replay its old path. */
export const credentialPatches = {
  /** The issue also cancels the original a replacement takes the place of, and emails it where that was emailed. */
  issueSettlesOriginal: 'issue-settles-replaced-original',
  /** The issue signs the credential as an Open Badge (a durable step of its own, idempotent). */
  signOpenBadge: 'sign-open-badge',
  /** Updates delivered in one workflow task take turns (before it, two could both find the run idle and both act). */
  actionsTakeTurns: 'actions-take-turns',
  /** The issue and its signing are one activity (issueAndSign), not two. */
  issueSignsInOneStep: 'issue-signs-in-one-step',
  /** An email is sent and marked Sent in one activity (sendAndRecordEmail), not two. */
  sendRecordsSent: 'send-records-sent',
  /** The issue and an email's preparing are local activities: no task through matching, no activity events. */
  localDatabaseSteps: 'issue-and-email-prepare-local',
} as const;

/** The request id of a replacement's email on its issue, so a retried issue emails once. */
export const replacementEmailRequestId = (credentialId: string) => `replacement-email-${credentialId}`;

export interface CredentialState {
  status: CredentialStatus;
  deleted: boolean;
  busy: boolean;
  emailsInFlight: number;
}

export const credentialStateQuery = defineQuery<CredentialState>('state');

/** The one-line summary the Temporal UI shows for a credential's run: its number and template, never personal data. */
export function credentialRunSummary(credential: { number: string; templateName: string }): string {
  return `Credential ${credential.number} · ${credential.templateName}`;
}
