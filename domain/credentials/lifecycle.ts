/**
 * A credential's lifecycle, defined once: which status may follow which, and which action each status allows. Pure
 * and deterministic: the entities, the activities and the credential workflow (which refuses a wrong-state action
 * before accepting it) all read this table.
 */
export const credentialStatuses = [
  'Requested',
  'Generating',
  'Generated',
  'GenerationFailed',
  'Issued',
  'Cancelled',
] as const;
export type CredentialStatus = (typeof credentialStatuses)[number];

export const emailStatuses = ['NotSent', 'Sending', 'Sent', 'Delivered', 'Bounced', 'Failed'] as const;
export type EmailStatus = (typeof emailStatuses)[number];

/** Issued credentials are never regenerated, only cancelled and replaced; Cancelled is final. */
const transitions: Record<CredentialStatus, readonly CredentialStatus[]> = {
  Requested: ['Generating', 'GenerationFailed', 'Cancelled'],
  Generating: ['Generated', 'GenerationFailed', 'Cancelled'],
  Generated: ['Generating', 'Issued', 'Cancelled'],
  GenerationFailed: ['Generating', 'Cancelled'],
  Issued: ['Cancelled'],
  Cancelled: [],
};

export const credentialActionKinds = ['regenerate', 'issue', 'print', 'email', 'cancel', 'delete'] as const;
export type CredentialActionKind = (typeof credentialActionKinds)[number];

interface ActionRule {
  /** The statuses the action may start from. */
  from: readonly CredentialStatus[];
  /** The status it moves the credential to, if it moves it (print, email and delete leave the status as it is). */
  to?: CredentialStatus;
  /** Why a status outside `from` is refused, where a person needs more than the list of allowed statuses. */
  because?: Partial<Record<CredentialStatus, string>>;
}

export const actionRules: Record<CredentialActionKind, ActionRule> = {
  regenerate: {
    from: ['Requested', 'Generated', 'GenerationFailed'],
    to: 'Generating',
    because: { Issued: 'issued credentials are never regenerated; cancel it and request a replacement' },
  },
  issue: { from: ['Generated'], to: 'Issued' },
  print: { from: ['Generated', 'Issued'] },
  email: { from: ['Issued'], because: { Generated: 'only issued credentials are emailed; issue it first' } },
  cancel: { from: ['Requested', 'Generating', 'Generated', 'GenerationFailed', 'Issued'], to: 'Cancelled' },
  delete: {
    from: ['Requested', 'Generated', 'GenerationFailed'],
    because: { Issued: 'issued credentials stay on the register for good; cancel it instead' },
  },
};

export class InvalidTransitionError extends Error {
  constructor(
    readonly from: CredentialStatus,
    readonly to: CredentialStatus,
  ) {
    super(`A credential in status ${from} cannot move to ${to}`);
    this.name = 'InvalidTransitionError';
  }
}

export function canTransition(from: CredentialStatus, to: CredentialStatus): boolean {
  return transitions[from].includes(to);
}

export function assertTransition(from: CredentialStatus, to: CredentialStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}

/** Why `action` is refused for a credential in `status` (deleted or not), or null when it may go ahead. */
export function refusal(action: CredentialActionKind, status: CredentialStatus, deleted = false): string | null {
  if (deleted) return 'The credential was deleted';
  const rule = actionRules[action];
  if (rule.from.includes(status)) return null;
  const because = rule.because?.[status] ?? `${action} needs ${rule.from.join(' or ')}`;
  return `The credential is ${status}: ${because}`;
}
