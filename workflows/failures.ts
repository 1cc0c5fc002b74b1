import { ApplicationFailure } from '@temporalio/common';

/** Failure type for "not allowed in the current state": the API answers these with 409 and their message. */
export const invalidStateType = 'InvalidState';

export function invalidState(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: invalidStateType, message, nonRetryable: true });
}
