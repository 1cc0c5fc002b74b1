import type { EntityManager } from '@mikro-orm/postgresql';
import { CourseEnrolment, Credential, CredentialTemplate, IssuingOfficer } from '../entities';
import { createRequestedCredential, nextCredentialSerials } from './new-credential';

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
  const [result] = await requestCourseCredentials(em, [enrolmentId], request, actor);
  if (result instanceof CredentialRequestRefused) throw result;
  return result!;
}

/**
 * The same for many enrolments at once (a bulk request), with a few queries for all of them: per enrolment, its
 * credential, or why it was refused, in the order given. The caller flushes.
 */
export async function requestCourseCredentials(
  em: EntityManager,
  enrolmentIds: string[],
  request: CredentialRequest,
  actor: string,
): Promise<Array<Credential | CredentialRequestRefused>> {
  // The learner and offer are needed as references only (ids for the new row and the search attributes).
  const enrolments = new Map((await em.find(CourseEnrolment, { id: { $in: enrolmentIds } })).map((e) => [e.id, e]));
  const template = await em.findOne(CredentialTemplate, { id: request.templateId });
  const issuingOfficer = request.issuingOfficerId ? await em.findOne(IssuingOfficer, { id: request.issuingOfficerId }) : null;
  const active = new Map(template
    ? (await em.find(Credential, { courseEnrolment: { $in: enrolmentIds }, template, status: { $ne: 'Cancelled' }, deletedAt: null }))
      .map((c) => [c.courseEnrolment!.id, c])
    : []);

  const check = (enrolmentId: string): CourseEnrolment | CredentialRequestRefused => {
    const enrolment = enrolments.get(enrolmentId);
    if (!enrolment) return new CredentialRequestRefused('notFound', `Course enrolment ${enrolmentId} not found`);
    if (!template) {
      return new CredentialRequestRefused('notFound', `templateId: credential template ${request.templateId} not found`, 'templateId');
    }
    if (template.appliesTo === 'qualification') {
      return new CredentialRequestRefused('invalid', `${template.name} is for qualification enrolments, not course enrolments`, 'templateId');
    }
    if (template.type === 'Certificate' && enrolment.status !== 'Completed') {
      return new CredentialRequestRefused('conflict', `Course enrolment ${enrolment.id} is ${enrolment.status}: a certificate needs a Completed enrolment`);
    }
    if (request.issuingOfficerId && !issuingOfficer) {
      return new CredentialRequestRefused('notFound', `issuingOfficerId: issuing officer ${request.issuingOfficerId} not found`, 'issuingOfficerId');
    }
    const existing = active.get(enrolment.id);
    if (existing) {
      return new CredentialRequestRefused(
        'conflict', `Credential ${existing.number} (${existing.id}) from this template is already ${existing.status} for this enrolment`,
        undefined, existing,
      );
    }
    return enrolment;
  };

  const checked = enrolmentIds.map(check);
  const serials = await nextCredentialSerials(em, checked.filter((c) => c instanceof CourseEnrolment).length);
  return checked.map((enrolment) => enrolment instanceof CredentialRequestRefused ? enrolment : createRequestedCredential(em, {
    template: template!, learner: enrolment.learner, courseEnrolment: enrolment, credentialDate: request.credentialDate,
    issuingOfficer, statusReason: request.statusReason,
  }, actor, { templateId: template!.id, credentialDate: request.credentialDate }, serials.shift()!));
}
