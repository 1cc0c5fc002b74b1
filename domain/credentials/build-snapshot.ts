import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CredentialType } from '../entities/credential-template.entity';
import { learnerFullName } from '../entities/learner.entity';
import type { Organisation } from '../entities/organisation.entity';
import type { PackagingRules } from '../entities/qualification.entity';
import { UnitResult } from '../entities/unit-result.entity';
import { auditEnrolment } from '../qualifications/audit';
import { isAchievingOutcome } from '../qualifications/outcomes';
import type { CredentialSnapshot, SnapshotUnit } from './snapshot';

const sha256 = (bytes: Buffer | null | undefined) => (bytes ? createHash('sha256').update(bytes).digest('hex') : null);

/**
 * What a snapshot is made of: a credential entity loaded with learner, template, issuingOfficer (with signature),
 * courseEnrolment.courseOffer.course and qualificationEnrolment.qualification populated, or the same read as rows.
 */
export interface SnapshotSource {
  id: string;
  number: string;
  type: CredentialType;
  credentialDate: string;
  verificationCode: string;
  templateVersion: number;
  template: { id: string; builtinKey?: string | null };
  learner: { givenName: string; middleName?: string | null; familyName: string };
  courseEnrolment?: {
    completionDate?: string | null;
    courseOffer: { startDate: string; endDate: string; course: { code: string; name: string } };
  } | null;
  qualificationEnrolment?: {
    id: string;
    qualification: { code: string; title: string; packagingRules: PackagingRules };
  } | null;
  issuingOfficer?: { id: string; name: string; position: string; signaturePng?: Buffer | null } | null;
}

/**
 * The merge data of one credential, from its source and, for a qualification credential, the enrolment's unit
 * results with their units.
 */
export function buildSnapshot(
  credential: SnapshotSource,
  organisation: Organisation,
  publicBaseUrl: string,
  unitResults: readonly UnitResult[] = [],
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
      fullName: learnerFullName(learner),
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
    units: qualificationEnrolment
      ? snapshotUnits(qualificationEnrolment.qualification.packagingRules, unitResults)
      : [],
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

/**
 * buildSnapshot with the unit results loaded: what every caller that compares or renders snapshots should use, so a
 * qualification credential's units are never missing from one side of a comparison.
 */
export async function loadSnapshot(
  em: EntityManager,
  credential: SnapshotSource,
  organisation: Organisation,
  publicBaseUrl: string,
): Promise<CredentialSnapshot> {
  const unitResults = credential.qualificationEnrolment
    ? await em.find(
        UnitResult,
        { qualificationEnrolment: credential.qualificationEnrolment.id },
        { populate: ['unit'] },
      )
    : [];
  return buildSnapshot(credential, organisation, publicBaseUrl, unitResults);
}

/** Each unit once, by its latest result, in the audit's order (core, elective groups, listed, others). */
function snapshotUnits(rules: Parameters<typeof auditEnrolment>[0], results: readonly UnitResult[]): SnapshotUnit[] {
  const titles = new Map(results.map((r) => [r.unit.code, r.unit.title]));
  const audit = auditEnrolment(
    rules,
    results.map((r) => ({
      unitCode: r.unit.code,
      outcome: r.outcome,
      date: r.date,
      recordedAt: r.updatedAt ?? r.createdAt,
    })),
  );
  return audit.units.map((u) => ({
    code: u.unitCode,
    title: titles.get(u.unitCode) ?? u.unitCode,
    outcome: u.outcome,
    outcomeLabel: u.outcomeMeaning,
    achieved: isAchievingOutcome(u.outcome),
    date: u.date,
  }));
}
