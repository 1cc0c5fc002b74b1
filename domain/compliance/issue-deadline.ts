import type { QualificationEnrolmentStatus } from '../entities/qualification-enrolment.entity';

/**
 * Issue within 30 calendar days of the learner meeting the requirements (DESIGN.md, compliance facts). One notion of
 * "overdue" for the register's credentials (overdue=, dueBy) and GET /overdue's enrolments: the day the requirements
 * were met is the course completion date, or the UTC day the qualification audit first found them met; a day before
 * today - 30 is overdue.
 */
export const issueWithinDays = 30;

/** Today as overdue counts days: a UTC calendar day, like every date the API stores. */
export const utcToday = () => new Date().toISOString().slice(0, 10);

/** The UTC day `days` before `today` (both YYYY-MM-DD). */
export function daysBefore(today: string, days: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** The last day the requirements may have been met for an unissued credential not to be overdue today. */
export const overdueCutoff = (today: string) => daysBefore(today, issueWithinDays);

/** SQL: the day a qualification enrolment (alias `qe`) met its requirements, as a UTC date. */
export const qualificationMetDaySql = (qe: string) => `(${qe}.requirements_met_at at time zone 'UTC')::date`;

/** SQL: the day the requirements were met, from a course enrolment `ce` or a qualification enrolment `qe`. */
export const metDaySql = (ce: string, qe: string) => `coalesce(${ce}.completion_date, ${qualificationMetDaySql(qe)})`;

/** Qualification enrolments whose requirements are met and whose certificate is not issued yet. */
export const awaitingIssueStatuses: readonly QualificationEnrolmentStatus[] = [
  'Ready to be Requested',
  'Generating Credential',
  'Awaiting Issue',
  'Credential Failed to Generate',
];
