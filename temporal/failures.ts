import { ApplicationFailure } from '@temporalio/common';

/** Failure types: activities and workflows throw them, the client and the retry policies read them. */
export const failureTypes = {
  /** Not allowed in the current state: the API answers 409 with the message. Never retried. */
  invalidState: 'InvalidState',
  /** The provider refused an email for good (a bad address, say). Never retried. */
  emailRejected: 'EmailRejected',
  /** A credential's run ended with its generation failed: the run fails so the Temporal UI shows it red. */
  generationFailed: 'GenerationFailed',
} as const;

export function invalidState(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: failureTypes.invalidState, message, nonRetryable: true });
}

export function emailRejected(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: failureTypes.emailRejected, message, nonRetryable: true });
}

/** The failure a credential's run ends with when its generation failed; `reason` names the number, never a person. */
export function generationFailed(reason: string): ApplicationFailure {
  return ApplicationFailure.create({ type: failureTypes.generationFailed, message: reason, nonRetryable: true });
}
