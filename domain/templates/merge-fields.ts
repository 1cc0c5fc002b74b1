import type { CredentialSnapshot } from '../credentials/snapshot';
import { formatLongDate } from './long-date';
import { aqfRecognitionStatement, statementOfAttainmentStatement } from './statements';

const longDate = (iso: string | null | undefined) => (iso ? formatLongDate(iso) : '');

/**
 * What a custom layout's text may print, by name. Deliberately no USI (never printed) and no date of birth or email:
 * a credential identifies its holder by name and number, and is shown to anyone the holder hands it to.
 */
const resolvers = {
  'learner.fullName': (s) => s.learner.fullName,
  'learner.givenName': (s) => s.learner.givenName,
  'learner.middleName': (s) => s.learner.middleName ?? '',
  'learner.familyName': (s) => s.learner.familyName,
  'credential.number': (s) => s.credential.number,
  'credential.date': (s) => longDate(s.credential.credentialDate),
  'credential.type': (s) => s.credential.type,
  'credential.verificationUrl': (s) => s.credential.verificationUrl,
  'organisation.name': (s) => s.organisation.name,
  'organisation.rtoCode': (s) => s.organisation.rtoCode,
  'course.code': (s) => s.course?.code ?? '',
  'course.name': (s) => s.course?.name ?? '',
  'course.startDate': (s) => longDate(s.course?.startDate),
  'course.endDate': (s) => longDate(s.course?.endDate),
  'course.completionDate': (s) => longDate(s.course?.completionDate),
  'qualification.code': (s) => s.qualification?.code ?? '',
  'qualification.title': (s) => s.qualification?.title ?? '',
  'issuingOfficer.name': (s) => s.issuingOfficer?.name ?? '',
  'issuingOfficer.position': (s) => s.issuingOfficer?.position ?? '',
  'statements.aqf': () => aqfRecognitionStatement,
  'statements.attainment': () => statementOfAttainmentStatement,
} satisfies Record<string, (snapshot: CredentialSnapshot) => string>;

export type MergeField = keyof typeof resolvers;
export const mergeFields = Object.keys(resolvers).sort() as MergeField[];

export function isMergeField(name: string): name is MergeField {
  return Object.prototype.hasOwnProperty.call(resolvers, name);
}

/**
 * `{{ learner.fullName }}`: a field name between double braces, spaces allowed inside (trimmed from the capture). One
 * greedy run of non-braces and nothing optional around it, so a failed match costs one pass over that run, never the
 * quadratic retrying of `\s*` against a lazy capture (`{{` and 2,000 spaces took seconds).
 */
export const mergeFieldPattern = /\{\{([^{}]*)\}\}/g;

export type MergeTextProblem = { kind: 'unknown'; field: string } | { kind: 'malformed'; near: string };

/** Every problem with a text's merge fields: unknown names, and braces that do not pair up. */
export function mergeTextProblems(text: string): MergeTextProblem[] {
  const problems: MergeTextProblem[] = [];
  for (const match of text.matchAll(mergeFieldPattern)) {
    const name = match[1]!.trim();
    if (!isMergeField(name)) problems.push({ kind: 'unknown', field: name });
  }
  const rest = text.replace(mergeFieldPattern, '');
  const stray = /\{\{|\}\}/.exec(rest);
  if (stray) {
    const at = stray.index;
    problems.push({ kind: 'malformed', near: rest.slice(Math.max(0, at - 10), at + 20) });
  }
  return problems;
}

/** The text with each merge field replaced by its value (unknown fields were refused when the layout was saved). */
export function mergeText(text: string, snapshot: CredentialSnapshot): string {
  return text.replace(mergeFieldPattern, (_, raw: string) => {
    const name = raw.trim();
    return isMergeField(name) ? resolvers[name](snapshot) : '';
  });
}
