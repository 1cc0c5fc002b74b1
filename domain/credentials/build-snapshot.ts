import { createHash } from 'node:crypto';
import type { Credential } from '../entities/credential.entity';
import type { Organisation } from '../entities/organisation.entity';
import type { CredentialSnapshot } from './snapshot';

const sha256 = (bytes: Buffer | null | undefined) => (bytes ? createHash('sha256').update(bytes).digest('hex') : null);

/**
 * The merge data of one credential, from entities loaded with learner, template, issuingOfficer (with signature),
 * courseEnrolment.courseOffer.course and qualificationEnrolment.qualification populated.
 */
export function buildSnapshot(
  credential: Credential,
  organisation: Organisation,
  publicBaseUrl: string,
): CredentialSnapshot {
  const { learner, courseEnrolment, qualificationEnrolment, issuingOfficer, template } = credential;
  const offer = courseEnrolment?.courseOffer;
  return {
    credential: {
      id: credential.id,
      number: credential.number,
      type: credential.type,
      credentialDate: credential.credentialDate,
      verificationUrl: `${publicBaseUrl}/verify/${credential.verificationCode}`,
    },
    template: { id: template.id, builtinKey: template.builtinKey ?? null, version: credential.templateVersion },
    organisation: { name: organisation.name, rtoCode: organisation.rtoCode, logoSha256: sha256(organisation.logoPng) },
    learner: {
      givenName: learner.givenName,
      middleName: learner.middleName ?? null,
      familyName: learner.familyName,
      fullName: learner.fullName,
      dateOfBirth: learner.dateOfBirth,
    },
    course: offer
      ? {
          code: offer.course.code,
          name: offer.course.name,
          startDate: offer.startDate,
          endDate: offer.endDate,
          completionDate: courseEnrolment?.completionDate ?? null,
        }
      : null,
    qualification: qualificationEnrolment
      ? { code: qualificationEnrolment.qualification.code, title: qualificationEnrolment.qualification.title }
      : null,
    issuingOfficer: issuingOfficer
      ? {
          id: issuingOfficer.id,
          name: issuingOfficer.name,
          position: issuingOfficer.position,
          signatureSha256: sha256(issuingOfficer.signaturePng),
        }
      : null,
  };
}
