/**
 * AVETMISS "Outcome identifier – national" (NAT00120), the result an RTO reports for a unit of competency.
 * Meanings follow NCVER's AVETMISS 8.0 definitions as RTO systems publish them (eSkilled, aXcelerate, VETtrak,
 * RTOManager, Wisenet help pages). Only 20, 51 and 60 mean the learner holds the unit; everything else, including 81
 * (a non-assessable enrolment completed) and 61 (a unit superseded before the learner finished it), does not.
 */
export interface OutcomeIdentifier {
  code: string;
  meaning: string;
  /** Counts toward a qualification, a statement of attainment or a record of results as achieved. */
  achieved: boolean;
}

export const outcomeIdentifiers: readonly OutcomeIdentifier[] = [
  { code: '20', meaning: 'Competency achieved/pass', achieved: true },
  { code: '30', meaning: 'Competency not achieved/fail', achieved: false },
  { code: '40', meaning: 'Withdrawn/discontinued', achieved: false },
  { code: '41', meaning: 'Incomplete due to RTO closure', achieved: false },
  { code: '51', meaning: 'Recognition of prior learning granted', achieved: true },
  { code: '52', meaning: 'Recognition of prior learning not granted', achieved: false },
  { code: '60', meaning: 'Credit transfer/national recognition', achieved: true },
  { code: '61', meaning: 'Superseded subject (superseded before the learner completed it)', achieved: false },
  { code: '65', meaning: 'Transitioned to a superseding qualification before completing the unit', achieved: false },
  { code: '70', meaning: 'Continuing enrolment', achieved: false },
  { code: '81', meaning: 'Non-assessable enrolment – satisfactorily completed', achieved: false },
  { code: '82', meaning: 'Non-assessable enrolment – withdrawn or not satisfactorily completed', achieved: false },
  { code: '85', meaning: 'Not yet started', achieved: false },
  { code: '90', meaning: 'Legacy code no longer valid for national reporting', achieved: false },
];

const byCode = new Map(outcomeIdentifiers.map((o) => [o.code, o]));

export const outcomeCodes: readonly string[] = outcomeIdentifiers.map((o) => o.code);
export const achievingOutcomeCodes: readonly string[] = outcomeIdentifiers.filter((o) => o.achieved).map((o) => o.code);

export function isKnownOutcome(code: string): boolean {
  return byCode.has(code);
}

export function isAchievingOutcome(code: string): boolean {
  return byCode.get(code)?.achieved ?? false;
}

export function outcomeMeaning(code: string): string {
  return byCode.get(code)?.meaning ?? 'unknown outcome identifier';
}

/** "30 Competency not achieved/fail": how a result reads in sentences and on records. */
export function describeOutcome(code: string): string {
  return `${code} ${outcomeMeaning(code)}`;
}

/** For error messages: "20 (Competency achieved/pass), 30 (...), ...". */
export function listOutcomes(): string {
  return outcomeIdentifiers.map((o) => `${o.code} (${o.meaning})`).join(', ');
}
