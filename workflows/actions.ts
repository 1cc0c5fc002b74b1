import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CredentialStatus } from '../domain/credentials/status';

/**
 * What API clients and bulk runs ask of a credential; each arrives at its workflow as the `action` Update. `requestId`
 * makes a repeated request (a bulk step retried after a crash) find the first one's effect instead of acting twice.
 */
export type CredentialAction = { actor: string; requestId?: string } & (
  | { kind: 'regenerate' }
  | { kind: 'issue' }
  | { kind: 'print' }
  /** waitForSend: answer once the provider accepted or refused (bulk runs), not as soon as it is Sending. */
  | { kind: 'email'; to?: string; waitForSend?: boolean }
  | { kind: 'cancel'; reason: string }
  | { kind: 'delete' }
);

export type ActionKind = CredentialAction['kind'];

export interface ActionResult {
  status: CredentialStatus;
  documentVersion?: number | null;
  error?: string;
}

export interface CredentialState {
  status: CredentialStatus;
  deleted: boolean;
  busy: boolean;
  emailsInFlight: number;
}

export const actionUpdate = defineUpdate<ActionResult, [CredentialAction]>('action');
export const stateQuery = defineQuery<CredentialState>('state');

/** Which states each action may start from. Checked synchronously in the Update validator, so a wrong-state action is
 * refused before it is accepted (the API answers 409), and again by the activity against PostgreSQL. */
export const allowedFrom: Record<ActionKind, readonly CredentialStatus[]> = {
  regenerate: ['Requested', 'Generated', 'GenerationFailed'],
  issue: ['Generated'],
  print: ['Generated', 'Issued'],
  email: ['Issued'],
  cancel: ['Requested', 'Generating', 'Generated', 'GenerationFailed', 'Issued'],
  delete: ['Requested', 'Generated', 'GenerationFailed'],
};

export function refusal(action: ActionKind, status: CredentialStatus, deleted: boolean): string | null {
  if (deleted) return 'The credential was deleted';
  if (allowedFrom[action].includes(status)) return null;
  if (action === 'regenerate' && status === 'Issued') {
    return 'The credential is Issued: issued credentials are never regenerated; cancel it and request a replacement';
  }
  return `The credential is ${status}: ${action} needs ${allowedFrom[action].join(' or ')}`;
}
