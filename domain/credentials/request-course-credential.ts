import type { EntityManager } from '@mikro-orm/postgresql';
import { CourseEnrolment, Credential, CredentialTemplate, IssuingOfficer } from '../entities';
import { createRequestedCredential } from './new-credential';

export interface CredentialRequest {
  templateId: string;
  credentialDate: string;
  issuingOfficerId?: string;
  statusReason?: string;
}

export type RefusalKind = 'notFound' | 'invalid' | 'conflict';

/** Why a credential cannot be requested, in words for the requester; the API maps kind to 404/400/409. */
export class CredentialRequestRefused extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
    readonly field?: string,
    readonly existing?: Credential,
  ) {
    super(message);
    this.name = 'CredentialRequestRefused';
  }
}

/**
 * Checks and records one course credential request (status Requested, a new number and verification code, a history
 * event) in the caller's transaction. The caller starts the workflow once the transaction commits.
 */
export async function requestCourseCredential(
  em: EntityManager,
  enrolmentId: string,
  request: CredentialRequest,
  actor: string,
): Promise<Credential> {
  const enrolment = await em.findOne(CourseEnrolment, { id: enrolmentId }, { populate: ['learner', 'courseOffer'] });
  if (!enrolment) throw new CredentialRequestRefused('notFound', `Course enrolment ${enrolmentId} not found`);
  const template = await em.findOne(CredentialTemplate, { id: request.templateId });
  if (!template) {
    throw new CredentialRequestRefused('notFound', `templateId: credential template ${request.templateId} not found`, 'templateId');
  }
  if (template.appliesTo === 'qualification') {
    throw new CredentialRequestRefused('invalid', `${template.name} is for qualification enrolments, not course enrolments`, 'templateId');
  }
  if (template.type === 'Certificate' && enrolment.status !== 'Completed') {
    throw new CredentialRequestRefused('conflict', `Course enrolment ${enrolment.id} is ${enrolment.status}: a certificate needs a Completed enrolment`);
  }
  const issuingOfficer = request.issuingOfficerId ? await em.findOne(IssuingOfficer, { id: request.issuingOfficerId }) : null;
  if (request.issuingOfficerId && !issuingOfficer) {
    throw new CredentialRequestRefused('notFound', `issuingOfficerId: issuing officer ${request.issuingOfficerId} not found`, 'issuingOfficerId');
  }
  const active = await em.findOne(Credential, { courseEnrolment: enrolment, template, status: { $ne: 'Cancelled' }, deletedAt: null });
  if (active) {
    throw new CredentialRequestRefused(
      'conflict', `Credential ${active.number} (${active.id}) from this template is already ${active.status} for this enrolment`,
      undefined, active,
    );
  }
  return createRequestedCredential(em, {
    template, learner: enrolment.learner, courseEnrolment: enrolment, credentialDate: request.credentialDate,
    issuingOfficer, statusReason: request.statusReason,
  }, actor, { templateId: template.id, credentialDate: request.credentialDate });
}
