import { defineQuery } from '@temporalio/workflow';

export const bulkRunWorkflowType = 'bulkRunWorkflow';

export type BulkAction = 'request' | 'audit' | 'regenerate' | 'issue' | 'email' | 'print' | 'cancel';

export interface BulkRunInput {
  runId: string;
  /** Items up to this sequence number are done; continue-as-new carries it forward. */
  afterSeq?: number;
  /** At most this many items in flight (actions other than requests; requests keep four batches in flight). */
  window?: number;
}

export interface BulkRunProgress {
  afterSeq: number;
  inFlight: number;
}

export const bulkProgressQuery = defineQuery<BulkRunProgress>('progress');

/** An item's result, written once. */
export interface BulkOutcome {
  seq: number;
  ok: boolean;
  message?: string;
}

/** A requested credential still to generate: rendered in a batch, or, when that fails, in its own workflow. */
export interface BulkGeneration {
  seq: number;
  credentialId: string;
  /** What its run is listed and summarised by: never personal data. */
  number: string;
  templateId: string;
  templateName: string;
  courseOfferId: string | null;
  qualificationCode: string | null;
}

/** The one-line summary the Temporal UI shows for a bulk run. */
export function bulkRunSummary(action: BulkAction, total: number): string {
  return `Bulk ${action} of ${total} ${total === 1 ? 'item' : 'items'}`;
}
