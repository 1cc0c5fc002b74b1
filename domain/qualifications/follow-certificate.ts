import type { EntityManager } from '@mikro-orm/postgresql';
import type { Credential } from '../entities';
import type { QualificationEnrolmentStatus } from '../entities/qualification-enrolment.entity';
import type { CredentialStatus } from '../credentials/lifecycle';

const followed: Record<CredentialStatus, QualificationEnrolmentStatus> = {
  Requested: 'Generating Credential',
  Generating: 'Generating Credential',
  Generated: 'Awaiting Issue',
  GenerationFailed: 'Credential Failed to Generate',
  Issued: 'Credential Issued',
  Cancelled: 'Withdrawn',
};

/**
 * A qualification enrolment's status follows its certificate (testamur). A certificate cancelled because a replacement
 * took its place leaves the enrolment to the replacement. Call before flushing a certificate's status change.
 */
export async function followCertificate(em: EntityManager, credential: Credential): Promise<void> {
  if (credential.type !== 'Certificate' || !credential.qualificationEnrolment) return;
  await em.populate(credential, ['qualificationEnrolment', 'replacedBy']);
  if (credential.status === 'Cancelled' && credential.replacedBy) return;
  // A certificate deleted before issue hands the enrolment back to be requested again.
  credential.qualificationEnrolment.status = credential.deletedAt
    ? 'Ready to be Requested'
    : followed[credential.status as CredentialStatus];
}
