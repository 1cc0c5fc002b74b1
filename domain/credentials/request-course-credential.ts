import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { runQuery } from '../prepared-query';
import {
  courseRequestFacts,
  enrolmentFacts,
  insertRequestedCourseCredentials,
  type CourseRequestFactsRow,
  type NewCourseCredentialRow,
} from './course-request.sql';
import { requestBlockers } from './course-readiness';
import type { CredentialStart } from './credential-start';
import { newVerificationCode } from './numbering';

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
  ) {
    super(message);
    this.name = 'CredentialRequestRefused';
  }
}

/**
 * Checks and records one course credential request (status Requested, a new number and verification code, a history
 * event). Outside a transaction that is two prepared statements, which is what keeps a single request cheap; should a
 * concurrent request for the same enrolment and template win the unique index, the answer is the same refusal as if
 * it had come first. The caller starts the workflow.
 */
export async function requestCourseCredential(
  em: EntityManager,
  enrolmentId: string,
  request: CredentialRequest,
  actor: string,
): Promise<CredentialStart> {
  const [result] = await requestCourseCredentials(em, [enrolmentId], request, actor).catch(async (err: unknown) => {
    if (!(err instanceof UniqueConstraintViolationException) || em.isInTransaction()) throw err;
    return requestCourseCredentials(em, [enrolmentId], request, actor);
  });
  if (result instanceof CredentialRequestRefused) throw result;
  return result!;
}

/**
 * What is wrong with the template asked for, for course enrolments: unknown (404) or for qualifications only (400).
 * The same for every enrolment of a request; `facts` is any row of courseRequestFacts.
 */
export function templateRefusal(
  facts: CourseRequestFactsRow | undefined,
  templateId: string,
): CredentialRequestRefused | null {
  if (!facts?.template_id) {
    return new CredentialRequestRefused(
      'notFound',
      `templateId: credential template ${templateId} not found`,
      'templateId',
    );
  }
  if (facts.applies_to === 'qualification') {
    return new CredentialRequestRefused(
      'invalid',
      `${facts.template_name} is for qualification enrolments, not course enrolments`,
      'templateId',
    );
  }
  return null;
}

/** The checks on one enrolment's facts: its credential's row, or why it was refused. */
function check(
  enrolmentId: string,
  facts: CourseRequestFactsRow | undefined,
  request: CredentialRequest,
): CourseRequestFactsRow | CredentialRequestRefused {
  if (!facts) return new CredentialRequestRefused('notFound', `Course enrolment ${enrolmentId} not found`);
  const refused = templateRefusal(facts, request.templateId);
  if (refused) return refused;
  if (request.issuingOfficerId && !facts.officer_id) {
    return new CredentialRequestRefused(
      'notFound',
      `issuingOfficerId: issuing officer ${request.issuingOfficerId} not found`,
      'issuingOfficerId',
    );
  }
  const [blocker] = requestBlockers(enrolmentFacts(facts));
  if (blocker) return new CredentialRequestRefused('conflict', `Course enrolment ${enrolmentId}: ${blocker}`);
  return facts;
}

/**
 * The same for many enrolments at once (a bulk request), in two statements for all of them: per enrolment, its
 * credential, or why it was refused, in the order given. In the caller's transaction when there is one. A caller that
 * generates them at once records them `Generating` (see insertRequestedCourseCredentials).
 */
export async function requestCourseCredentials(
  em: EntityManager,
  enrolmentIds: string[],
  request: CredentialRequest,
  actor: string,
  status: 'Requested' | 'Generating' = 'Requested',
): Promise<Array<CredentialStart | CredentialRequestRefused>> {
  const rows = await runQuery<CourseRequestFactsRow>(em, courseRequestFacts, [
    JSON.stringify(enrolmentIds),
    request.templateId,
    request.issuingOfficerId ?? null,
  ]);
  const byEnrolment = new Map(rows.map((row) => [row.enrolment_id, row]));
  const checked = enrolmentIds.map((id) => check(id, byEnrolment.get(id), request));
  const accepted: NewCourseCredentialRow[] = [];
  for (const facts of checked) {
    if (facts instanceof CredentialRequestRefused) continue;
    accepted.push({
      id: randomUUID(),
      verification_code: newVerificationCode(),
      type: facts.template_type!,
      template_id: facts.template_id!,
      template_version: facts.current_version!,
      learner_id: facts.learner_id!,
      course_enrolment_id: facts.enrolment_id!,
      credential_date: request.credentialDate,
      issuing_officer_id: facts.officer_id,
      status_reason: request.statusReason ?? null,
      event_id: randomUUID(),
    });
  }
  const numbers = new Map(
    accepted.length
      ? (
          await runQuery<{ id: string; number: string }>(em, insertRequestedCourseCredentials, [
            JSON.stringify(accepted),
            status,
            actor,
            JSON.stringify({ templateId: request.templateId, credentialDate: request.credentialDate }),
          ])
        ).map((row) => [row.id, row.number])
      : [],
  );
  let next = 0;
  return checked.map((facts) => {
    if (facts instanceof CredentialRequestRefused) return facts;
    const row = accepted[next++]!;
    return {
      id: row.id,
      number: numbers.get(row.id)!,
      status,
      templateId: row.template_id,
      templateName: facts.template_name!,
      courseOfferId: facts.course_offer_id,
      qualificationCode: null,
    };
  });
}
