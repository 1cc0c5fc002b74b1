import type { CredentialType } from '../entities/credential-template.entity';

/**
 * Accredited credentials (a qualification's, or any statement of attainment) are issued only to a learner whose USI
 * is verified, or who is exempt. The issue step refuses the rest; the console warns before they are requested.
 */
export function needsVerifiedUsi(credential: { type: CredentialType; fromQualification: boolean }): boolean {
  return credential.fromQualification || credential.type === 'Statement';
}

/** Whether the learner's USI clears an accredited credential: verified, or exempt (which the issue records). */
export function usiClears(learner: { usiVerified: boolean; usiExempt: boolean }): boolean {
  return learner.usiVerified || learner.usiExempt;
}
