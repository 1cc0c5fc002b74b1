import type { EntityManager } from '@mikro-orm/postgresql';
import { Credential } from '../entities';
import type { QualificationEnrolmentStatus } from '../entities/qualification-enrolment.entity';
import type { CredentialStatus } from '../credentials/lifecycle';
import { auditOnly, RulesNotAuditableError } from './audit-enrolment';

const followed: Record<Exclude<CredentialStatus, 'Cancelled'>, QualificationEnrolmentStatus> = {
  Requested: 'Generating Credential',
  Generating: 'Generating Credential',
  Generated: 'Awaiting Issue',
  GenerationFailed: 'Credential Failed to Generate',
  Issued: 'Credential Issued',
};

/**
 * A qualification enrolment's status follows its certificate (testamur). A certificate cancelled because a replacement
 * took its place leaves the enrolment to the replacement. A certificate cancelled or deleted otherwise hands the
 * enrolment back to the audit (Ready to be Requested or Not Yet Achieved), so a corrected one can be requested:
 * Withdrawn belongs to the enrolment itself, never to its certificate. Call before flushing a certificate's status
 * change.
 */
export async function followCertificate(em: EntityManager, credential: Credential): Promise<void> {
  if (credential.type !== 'Certificate' || !credential.qualificationEnrolment) return;
  await em.populate(credential, ['qualificationEnrolment', 'replacedBy']);
  if (credential.status === 'Cancelled' && credential.replacedBy) return;
  const enrolment = credential.qualificationEnrolment;
  if (credential.deletedAt || credential.status === 'Cancelled') {
    if (enrolment.status === 'Withdrawn') return;
    // Another live certificate of the enrolment (the original a cancelled replacement was to replace) keeps it.
    const other = await em.findOne(Credential, {
      id: { $ne: credential.id },
      qualificationEnrolment: enrolment,
      type: 'Certificate',
      status: { $ne: 'Cancelled' },
      deletedAt: null,
    });
    enrolment.status = other
      ? followed[other.status as Exclude<CredentialStatus, 'Cancelled'>]
      : await auditedStatus(em, enrolment);
    return;
  }
  enrolment.status = followed[credential.status as Exclude<CredentialStatus, 'Cancelled'>];
}

/** What the audit says of the enrolment now; rules it cannot audit leave it Not Yet Achieved (the audit says why). */
async function auditedStatus(
  em: EntityManager,
  enrolment: NonNullable<Credential['qualificationEnrolment']>,
): Promise<QualificationEnrolmentStatus> {
  try {
    return (await auditOnly(em, enrolment)).status;
  } catch (err) {
    if (err instanceof RulesNotAuditableError) return 'Not Yet Achieved';
    throw err;
  }
}
