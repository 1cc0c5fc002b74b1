import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Credential,
  CredentialEvent,
  type CourseEnrolment,
  type CredentialTemplate,
  type IssuingOfficer,
  type Learner,
  type QualificationEnrolment,
} from '../entities';
import { credentialNumberSql, newVerificationCode } from './numbering';

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
 * The next `count` credential numbers, in one query (sequences are not rolled back: a rolled-back request leaves a
 * gap).
 */
export async function nextCredentialNumbers(em: EntityManager, count: number): Promise<string[]> {
  if (count === 0) return [];
  const rows = await em.execute<{ number: string }[]>(
    `select ${credentialNumberSql('s.serial')} as number
       from (select nextval('credential_number_seq') as serial from generate_series(1, ?)) s`,
    [count],
  );
  return rows.map((row) => row.number);
}

/**
 * A Requested credential numbered by `nextCredentialNumbers`, an unguessable verification code and the
 * template's current version, and its `Requested` history event. The caller flushes.
 */
export function createRequestedCredential(
  em: EntityManager,
  fields: NewCredential,
  actor: string,
  detail: Record<string, unknown>,
  number: string,
): Credential {
  const credential = em.create(Credential, {
    number,
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
