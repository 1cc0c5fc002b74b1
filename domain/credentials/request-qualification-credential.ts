import type { EntityManager } from '@mikro-orm/postgresql';
import { Credential, CredentialTemplate, IssuingOfficer, QualificationEnrolment } from '../entities';
import { auditOnly } from '../qualifications/audit-enrolment';
import { createRequestedCredential, nextCredentialNumbers } from './new-credential';
import { CredentialRequestRefused, type CredentialRequest } from './request-course-credential';

/**
 * Checks and records one qualification credential request in the caller's transaction. A certificate (testamur) needs
 * an enrolment audited Ready to be Requested, and only one may be active; transcripts and statements any number of
 * times (a statement of attainment is what a learner who has not completed gets).
 */
export async function requestQualificationCredential(
  em: EntityManager,
  enrolmentId: string,
  request: CredentialRequest,
  actor: string,
): Promise<Credential> {
  const enrolment = await em.findOne(
    QualificationEnrolment,
    { id: enrolmentId },
    { populate: ['learner', 'qualification'] },
  );
  if (!enrolment) throw new CredentialRequestRefused('notFound', `Qualification enrolment ${enrolmentId} not found`);
  const template = await em.findOne(CredentialTemplate, { id: request.templateId });
  if (!template) {
    throw new CredentialRequestRefused(
      'notFound',
      `templateId: credential template ${request.templateId} not found`,
      'templateId',
    );
  }
  if (template.appliesTo === 'course') {
    throw new CredentialRequestRefused(
      'invalid',
      `${template.name} is for course enrolments, not qualification enrolments`,
      'templateId',
    );
  }
  const certificate = template.type === 'Certificate';
  if (certificate) {
    const active = await em.findOne(Credential, {
      qualificationEnrolment: enrolment,
      type: 'Certificate',
      status: { $ne: 'Cancelled' },
      deletedAt: null,
      replacedBy: null,
    });
    if (active) {
      throw new CredentialRequestRefused(
        'conflict',
        `Qualification enrolment ${enrolment.id} already has certificate ${active.number} (${active.id}), ${active.status}`,
      );
    }
    if (enrolment.status !== 'Ready to be Requested') {
      const audit = await auditOnly(em, enrolment);
      throw new CredentialRequestRefused(
        'conflict',
        `Qualification enrolment ${enrolment.id} is ${enrolment.status}, not Ready to be Requested: ${audit.reasons.join('; ') || 'audit it first'}`,
      );
    }
  }
  const issuingOfficer = request.issuingOfficerId
    ? await em.findOne(IssuingOfficer, { id: request.issuingOfficerId })
    : null;
  if (request.issuingOfficerId && !issuingOfficer) {
    throw new CredentialRequestRefused(
      'notFound',
      `issuingOfficerId: issuing officer ${request.issuingOfficerId} not found`,
      'issuingOfficerId',
    );
  }
  if (certificate) enrolment.status = 'Generating Credential';
  const [number] = await nextCredentialNumbers(em, 1);
  return createRequestedCredential(
    em,
    {
      template,
      learner: enrolment.learner,
      qualificationEnrolment: enrolment,
      credentialDate: request.credentialDate,
      issuingOfficer,
      statusReason: request.statusReason,
    },
    actor,
    { templateId: template.id, credentialDate: request.credentialDate },
    number!,
  );
}
