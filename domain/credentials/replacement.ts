import type { EntityManager } from '@mikro-orm/postgresql';
import { Credential, CredentialEvent } from '../entities';
import { formatCredentialNumber, newVerificationCode } from './numbering';

/**
 * The replacement of an issued credential whose data was corrected: same source, template and date, a new number and
 * verification code, linked both ways (replacement.replaces = original). Made once: an existing replacement is returned.
 */
export async function findOrCreateReplacement(em: EntityManager, originalId: string, reason: string, actor: string): Promise<Credential> {
  const original = await em.findOneOrFail(Credential, originalId, { populate: ['template', 'replacedBy'] });
  if (original.replacedBy) return original.replacedBy;
  const [row] = await em.execute<{ serial: string }[]>(`select nextval('credential_number_seq') as serial`);
  const replacement = em.create(Credential, {
    number: formatCredentialNumber(new Date().getUTCFullYear(), row!.serial),
    verificationCode: newVerificationCode(),
    type: original.type,
    template: original.template,
    templateVersion: original.template.currentVersion,
    learner: original.learner,
    courseEnrolment: original.courseEnrolment ?? null,
    qualificationEnrolment: original.qualificationEnrolment ?? null,
    credentialDate: original.credentialDate,
    issuingOfficer: original.issuingOfficer ?? null,
    statusReason: reason,
    replaces: original,
  });
  em.create(CredentialEvent, { credential: replacement, event: 'Requested', actor, detail: { replaces: original.number, reason } });
  em.create(CredentialEvent, { credential: original, event: 'ReplacementRequested', actor, detail: { replacement: replacement.number, reason } });
  await em.flush();
  return replacement;
}
