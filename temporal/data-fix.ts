import { defineSignal } from '@temporalio/workflow';

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

/** Sent (with start) by every edit of printed data; the workflow waits for the edits to stop. */
export const dataChangedSignal = defineSignal('dataChanged');
