import { createHash } from 'node:crypto';
import type { CredentialSnapshot, SnapshotUnit } from '../credentials/snapshot';
import { aqfRecognitionStatement, statementOfAttainmentStatement } from '../templates/statements';
import { issuerDid } from './issuer';

export const vcContextV2 = 'https://www.w3.org/ns/credentials/v2';
export const openBadgesContext = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

export interface OpenBadgeInput {
  /** What the issued document printed: the badge says the same. */
  snapshot: CredentialSnapshot;
  /** The template's name, e.g. "Testamur" or "Statement of Attainment". */
  templateName: string;
  learnerEmail: string;
  /** Random per credential, published beside the hash (OB 3.0 IdentityObject.salt). */
  salt: string;
  publicBaseUrl: string;
  credentialStatus: Record<string, string>;
}

const trainingGovAu = (code: string) => `https://training.gov.au/Training/Details/${encodeURIComponent(code)}`;

/** OB 3.0 IdentityHash of an email: `sha256$` + hex SHA-256 of the address (trimmed, lower case) and the salt. */
export function emailIdentityHash(email: string, salt: string): string {
  return `sha256$${createHash('sha256')
    .update(email.trim().toLowerCase() + salt, 'utf8')
    .digest('hex')}`;
}

/** Certificate, Diploma, ... from an AQF qualification title (OB 3.0 AchievementType). */
export function qualificationAchievementType(title: string): string {
  if (/\bdiploma\b/i.test(title)) return 'Diploma';
  if (/\bassociate degree\b/i.test(title)) return 'AssociateDegree';
  if (/\bbachelor\b/i.test(title)) return 'BachelorDegree';
  if (/\bmaster/i.test(title)) return 'MasterDegree';
  return 'Certificate';
}

function alignmentOf(unit: SnapshotUnit) {
  return {
    type: ['Alignment'],
    targetName: `${unit.code} ${unit.title}`,
    targetCode: unit.code,
    targetUrl: trainingGovAu(unit.code),
    targetType: 'ceasn:Competency',
    targetFramework: 'Australian VET training package unit of competency',
  };
}

function achievementOf(input: OpenBadgeInput) {
  const { snapshot, templateName } = input;
  const { organisation, qualification, course, credential } = snapshot;
  const by = `${organisation.name} (RTO ${organisation.rtoCode})`;
  const kind = credential.type;
  if (qualification && kind === 'Certificate') {
    return {
      id: trainingGovAu(qualification.code),
      achievementType: qualificationAchievementType(qualification.title),
      name: `${qualification.code} ${qualification.title}`,
      humanCode: qualification.code,
      description: `${aqfRecognitionStatement}.`,
      criteria: {
        narrative: `Achieved every unit the packaging rules of ${qualification.code} ${qualification.title} require, assessed by ${by}.`,
      },
      units: [] as SnapshotUnit[],
    };
  }
  if (qualification) {
    const statement = kind === 'Statement';
    const units = statement ? snapshot.units.filter((unit) => unit.achieved) : snapshot.units;
    return {
      id: `${credential.verificationUrl}#achievement`,
      achievementType: statement ? 'Certificate' : 'Achievement',
      name: `${templateName}: ${qualification.code} ${qualification.title}`,
      description: statement
        ? `${statementOfAttainmentStatement}. Units achieved towards ${qualification.code} ${qualification.title}.`
        : `Units studied towards ${qualification.code} ${qualification.title} and their outcomes.`,
      criteria: {
        narrative: statement
          ? `Achieved the units of competency listed, assessed by ${by}.`
          : `The results recorded by ${by} for the units listed.`,
      },
      units,
    };
  }
  const name = course?.name ?? templateName;
  return {
    id: `${input.publicBaseUrl}/achievements/course/${encodeURIComponent(course?.code ?? name)}`,
    achievementType: kind === 'Certificate' ? 'CertificateOfCompletion' : 'Achievement',
    name,
    ...(course ? { humanCode: course.code } : {}),
    description: `Completion of ${name}${course ? ` (${course.code})` : ''} with ${organisation.name}.`,
    criteria: { narrative: `Completed ${name} as assessed by ${by}.` },
    units: [] as SnapshotUnit[],
  };
}

/**
 * The unsigned Open Badges 3.0 OpenBadgeCredential of an issued credential (VC Data Model 2.0). The learner is named
 * for display and identified by a salted hash of their email; no USI, date of birth or email in plain text.
 */
export function buildOpenBadge(input: OpenBadgeInput) {
  const { snapshot, publicBaseUrl } = input;
  const { credential, organisation, learner, course } = snapshot;
  const { units, ...achievement } = achievementOf(input);
  const outcomeId = `${achievement.id.replace(/#.*$/, '')}#avetmiss-outcome`;
  const withUnits = units.length > 0;
  const title = snapshot.qualification
    ? `${input.templateName}: ${snapshot.qualification.code} ${snapshot.qualification.title}`
    : `${input.templateName}: ${course?.name ?? ''}`.replace(/: $/, '');
  return {
    '@context': [vcContextV2, openBadgesContext],
    id: credential.verificationUrl,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: title,
    description: `${title}, number ${credential.number}, issued by ${organisation.name} (RTO ${organisation.rtoCode}).`,
    issuer: {
      id: issuerDid(publicBaseUrl),
      type: ['Profile'],
      name: organisation.name,
      url: publicBaseUrl,
      description: `Registered Training Organisation ${organisation.rtoCode}`,
      otherIdentifier: [{ type: 'IdentifierEntry', identifier: organisation.rtoCode, identifierType: 'identifier' }],
    },
    validFrom: `${credential.credentialDate}T00:00:00Z`,
    credentialSubject: {
      type: ['AchievementSubject'],
      name: learner.fullName,
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: emailIdentityHash(input.learnerEmail, input.salt),
          identityType: 'emailAddress',
          hashed: true,
          salt: input.salt,
        },
      ],
      achievement: {
        type: ['Achievement'],
        ...achievement,
        ...(withUnits
          ? {
              alignment: units.map(alignmentOf),
              resultDescription: [
                {
                  id: outcomeId,
                  type: ['ResultDescription'],
                  name: 'AVETMISS outcome',
                  resultType: 'ext:AVETMISSOutcome',
                },
              ],
            }
          : {}),
      },
      ...(withUnits
        ? {
            result: units.map((unit) => ({
              type: ['Result'],
              resultDescription: outcomeId,
              alignment: [alignmentOf(unit)],
              value: `${unit.outcome} ${unit.outcomeLabel}`,
              ...(unit.achieved ? { status: 'Completed' } : {}),
            })),
          }
        : {}),
    },
    credentialStatus: input.credentialStatus,
  };
}
