import { defineSignal } from '@temporalio/workflow';
import type { Role } from '../domain/access/roles';

export const dataFixWorkflowType = 'dataFixWorkflow';

/** What a correction can be made to: each has its own debounced data-fix workflow. */
export type DataFixEntity = 'learner' | 'course-enrolment' | 'qualification-enrolment';

export interface DataFixInput {
  entity: DataFixEntity;
  id: string;
  debounceSeconds: number;
}

export interface DataFixResult {
  reissued: number;
}

/**
 * Who made one correction: the role of the API key and the key's id (null for the ADMIN_API_KEY of the environment),
 * never a name. Signals sent before this was added carry nothing, and count as a requester's.
 */
export interface DataChange {
  role: Role;
  keyId: string | null;
}

/** Sent (with start) by every edit of printed data; the workflow waits for the edits to stop. */
export const dataChangedSignal = defineSignal<[DataChange?]>('dataChanged');

/**
 * Issued credentials are replaced and the replacement issued on its own only when every correction of the round was
 * made with an issuer or admin key; otherwise the replacement waits, Generated, for an issuer.
 */
export function reissuesOnItsOwn(change: DataChange | undefined): boolean {
  return change?.role === 'issuer' || change?.role === 'admin';
}

/** What the data fix asks of one affected credential. */
export interface ReissueStep {
  credentialId: string;
  requestId: string;
  /** Issue a replacement (cancelling the original) without a person: every correction was an issuer's or admin's. */
  issueReplacement?: boolean;
}
