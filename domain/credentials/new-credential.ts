import type { EntityManager } from '@mikro-orm/postgresql';
import { Credential, CredentialEvent, type CourseEnrolment, type CredentialTemplate, type IssuingOfficer, type Learner, type QualificationEnrolment } from '../entities';
import { formatCredentialNumber, newVerificationCode } from './numbering';

export interface NewCredential {
  template: CredentialTemplate;
  learner: Learner;
  courseEnrolment?: CourseEnrolment | null;
  qualificationEnrolment?: QualificationEnrolment | null;
  credentialDate: string;
  issuingOfficer?: IssuingOfficer | null;
  statusReason?: string | null;
  replaces?: Credential | null;
}

/**
 * A Requested credential with the next number from the `credential_number_seq` sequence, an unguessable verification
 * code and the template's current version, and its `Requested` history event. The caller flushes.
 */
export async function createRequestedCredential(
  em: EntityManager,
  fields: NewCredential,
  actor: string,
  detail: Record<string, unknown>,
): Promise<Credential> {
  const [row] = await em.execute<{ serial: string }[]>(`select nextval('credential_number_seq') as serial`);
  const credential = em.create(Credential, {
    number: formatCredentialNumber(new Date().getUTCFullYear(), row!.serial),
    verificationCode: newVerificationCode(),
    type: fields.template.type,
    template: fields.template,
    templateVersion: fields.template.currentVersion,
    learner: fields.learner,
    courseEnrolment: fields.courseEnrolment ?? null,
    qualificationEnrolment: fields.qualificationEnrolment ?? null,
    credentialDate: fields.credentialDate,
    issuingOfficer: fields.issuingOfficer ?? null,
    statusReason: fields.statusReason ?? null,
    replaces: fields.replaces ?? null,
  });
  em.create(CredentialEvent, { credential, event: 'Requested', actor, detail });
  return credential;
}
