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

/** The lifecycle: issued credentials are never regenerated, only cancelled and replaced. */
const allowed: Record<CredentialStatus, readonly CredentialStatus[]> = {
  Requested: ['Generating', 'GenerationFailed', 'Cancelled'],
  Generating: ['Generated', 'GenerationFailed', 'Cancelled'],
  Generated: ['Generating', 'Issued', 'Cancelled'],
  GenerationFailed: ['Generating', 'Cancelled'],
  Issued: ['Cancelled'],
  Cancelled: [],
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
  return allowed[from].includes(to);
}

export function assertTransition(from: CredentialStatus, to: CredentialStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}
