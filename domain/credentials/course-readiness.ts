import type { CredentialType } from '../entities/credential-template.entity';
import { needsVerifiedUsi, usiClears } from './usi-requirement';

/** What a course credential request is checked against, for one enrolment and, when one is named, one template. */
export interface CourseEnrolmentFacts {
  enrolmentStatus: string;
  completionDate: string | null;
  learner: { usiVerified: boolean; usiExempt: boolean };
  template: { name: string; type: CredentialType } | null;
  /** The template's credential of this enrolment that is neither cancelled nor deleted. */
  active: { number: string; status: string } | null;
}

/**
 * Why a credential cannot be requested for this enrolment now, in words: what the request refuses. A certificate needs
 * a Completed enrolment with its completion date (it prints it); without a template, what a certificate would need.
 * One active credential per template and enrolment.
 */
export function requestBlockers(facts: CourseEnrolmentFacts): string[] {
  const reasons: string[] = [];
  const certificate = !facts.template || facts.template.type === 'Certificate';
  if (certificate && facts.enrolmentStatus !== 'Completed')
    reasons.push(`Not completed: the enrolment is ${facts.enrolmentStatus}, and a certificate needs it Completed`);
  if (certificate && !facts.completionDate) reasons.push('No completion date: a certificate prints it');
  if (facts.template && facts.active)
    reasons.push(`Already has an active ${facts.template.name} credential ${facts.active.number}`);
  return reasons;
}

/**
 * requestBlockers, and what the issue step would refuse once the credential is made: an accredited template and a
 * USI neither verified nor exempt. The course offer's enrolment list shows these so staff fix them first.
 */
export function notReadyReasons(facts: CourseEnrolmentFacts): string[] {
  const reasons = requestBlockers(facts);
  const { template } = facts;
  if (template && needsVerifiedUsi({ type: template.type, fromQualification: false }) && !usiClears(facts.learner))
    reasons.push(`USI not verified: ${template.name} is accredited`);
  return reasons;
}
