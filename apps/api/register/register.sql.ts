import type { CredentialStatus, EmailStatus } from '../../../domain/credentials/lifecycle';
import type { CredentialType } from '../../../domain/entities/credential-template.entity';
import { issueWithinDays, metDaySql, overdueCutoff } from '../../../domain/compliance/issue-deadline';
import { couldBeInCredentialNumber } from '../../../domain/credentials/numbering';

/** What the register can be filtered by (the query string, already validated). */
export interface RegisterFilters {
  status?: CredentialStatus[];
  type?: CredentialType[];
  templateId?: string;
  learnerId?: string;
  courseOfferId?: string;
  qualificationId?: string;
  from?: string;
  to?: string;
  q?: string;
  overdue?: boolean;
  complianceWarnings?: boolean;
  includeDeleted?: boolean;
  emailStatus?: EmailStatus[];
  printed?: boolean;
  issuingOfficerId?: string;
  bulkRunId?: string;
}

/** The owner of a scoped list (GET /learners/:id/credentials ...): ANDed with the filters. */
export type RegisterScope = Pick<RegisterFilters, 'learnerId' | 'courseOfferId' | 'qualificationId'>;

export interface RegisterSql {
  page: string;
  pageParams: unknown[];
  count: string;
  countParams: unknown[];
}

/**
 * The text a name search looks in: "given middle family". The trigram index of Migration20261129203000 is on this
 * exact expression, so change both together.
 */
export const learnerNameSql = `(l.given_name || ' ' || coalesce(l.middle_name, '') || ' ' || l.family_name)`;

/** The date the requirements were met: the course completion date, or the audit's requirementsMetAt as a UTC day. */
const metDateSql = metDaySql('ce', 'qe');

const openSql = `c.status not in ('Issued', 'Cancelled') and c.deleted_at is null`;

/** Text for ILIKE that matches itself literally anywhere: %, _ and \ typed by a user are not wildcards. */
function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

class Conditions {
  readonly sql: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): void {
    this.sql.push(sql);
    this.params.push(...params);
  }

  toString(): string {
    return this.sql.length ? this.sql.join('\n  and ') : 'true';
  }
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

function addOwner(where: Conditions, owner: RegisterScope): void {
  if (owner.learnerId) where.add('c.learner_id = ?', owner.learnerId);
  if (owner.courseOfferId) {
    where.add(
      'c.course_enrolment_id in (select ce.id from course_enrolment ce where ce.course_offer_id = ?)',
      owner.courseOfferId,
    );
  }
  if (owner.qualificationId) {
    where.add(
      'c.qualification_enrolment_id in (select qe.id from qualification_enrolment qe where qe.qualification_id = ?)',
      owner.qualificationId,
    );
  }
}

/**
 * Overdue: still open (not Issued, Cancelled or deleted) and the requirements were met more than 30 days ago, i.e.
 * the met day is before today - 30; practice credentials never are (GET /overdue agrees). The enrolment is looked up
 * per open credential by primary key (a few thousand at most) rather than hashing every enrolment; never NULL, so
 * `not (...)` means "not overdue".
 */
function overdueSql(cutoff: string): { sql: string; params: unknown[] } {
  return {
    sql: `(${openSql} and coalesce(case when c.course_enrolment_id is not null
      then (select ce.completion_date from course_enrolment ce join course_offer co on co.id = ce.course_offer_id
             where ce.id = c.course_enrolment_id and not co.practice) < ?::date
      else (select qe.requirements_met_at from qualification_enrolment qe where qe.id = c.qualification_enrolment_id) < ?::timestamptz
    end, false))`,
    params: [cutoff, `${cutoff}T00:00:00Z`],
  };
}

/** Learners whose name contains every word of q ("ada love" finds "Ada Augusta Lovelace"), any case. */
export function learnersNamedSql(q: string): { sql: string; params: unknown[] } {
  const words = q.split(/\s+/).filter(Boolean);
  return {
    sql: `select l.id from learner l where ${words.map(() => `${learnerNameSql} ilike ?`).join(' and ')}`,
    params: words.map(contains),
  };
}

function whereOf(
  filters: RegisterFilters,
  scope: RegisterScope,
  cutoff: string,
  namedLearnerIds: readonly string[] | undefined,
): Conditions {
  const where = new Conditions();
  if (!filters.includeDeleted) where.add('c.deleted_at is null');
  if (filters.status?.length) where.add(`c.status in (${placeholders(filters.status)})`, ...filters.status);
  if (filters.type?.length) where.add(`c.type in (${placeholders(filters.type)})`, ...filters.type);
  if (filters.templateId) where.add('c.template_id = ?', filters.templateId);
  if (filters.emailStatus?.length)
    where.add(`c.email_status in (${placeholders(filters.emailStatus)})`, ...filters.emailStatus);
  if (filters.printed !== undefined) where.add(`c.printed_at is ${filters.printed ? 'not null' : 'null'}`);
  if (filters.issuingOfficerId) where.add('c.issuing_officer_id = ?', filters.issuingOfficerId);
  // A request run's items are enrolments, each with the credential it made; an action run's are the credentials.
  if (filters.bulkRunId) {
    where.add(
      'c.id in (select coalesce(i.credential_id, i.target_id) from bulk_run_item i where i.bulk_run_id = ?)',
      filters.bulkRunId,
    );
  }
  addOwner(where, filters);
  addOwner(where, scope);
  if (filters.from) where.add('c.credential_date >= ?::date', filters.from);
  if (filters.to) where.add('c.credential_date <= ?::date', filters.to);
  if (filters.q) {
    // The number contains q, or the learner is one of those named. A q no number can contain (a name: letters,
    // spaces) skips the number: its ILIKE on every row was most of a name search's cost. Learner ids found beforehand
    // are passed in so the planner can use the learner index; without them (too many) a sub-select, which it hashes.
    const number = couldBeInCredentialNumber(filters.q) ? contains(filters.q) : null;
    const either = (learnerSql: string, ...params: unknown[]) =>
      number === null
        ? where.add(learnerSql, ...params)
        : where.add(`(c.number ilike ? or ${learnerSql})`, number, ...params);
    if (namedLearnerIds && !namedLearnerIds.length) {
      if (number === null) where.add('false');
      else where.add('c.number ilike ?', number);
    } else if (namedLearnerIds) {
      // One array parameter, not one per id: planning hundreds of parameters took longer than running the query.
      either('c.learner_id = any(?::uuid[])', `{${namedLearnerIds}}`);
    } else {
      const learners = learnersNamedSql(filters.q);
      either(`c.learner_id in (${learners.sql})`, ...learners.params);
    }
  }
  if (filters.complianceWarnings !== undefined)
    where.add(`c.compliance_warnings is ${filters.complianceWarnings ? 'not null' : 'null'}`);
  if (filters.overdue !== undefined) {
    const overdue = overdueSql(cutoff);
    where.add(filters.overdue ? overdue.sql : `not ${overdue.sql}`, ...overdue.params);
  }
  return where;
}

/**
 * One row of `table` by primary key, for the page's few rows. `offset 0` keeps the planner from turning it into a join,
 * which on tables of some thousands it hashed whole (a sequential scan of every learner and enrolment per page).
 */
const byId = (alias: string, table: string, id: string, columns: string) =>
  `select ${columns} from ${table} ${alias} where ${alias}.id = ${id} offset 0`;

/**
 * The register as two statements: one page (newest credential date first, then number, so pages are stable) and the
 * total. Filters use sub-selects rather than joins so the count touches the credential table and its indexes only;
 * the page joins its few rows to learner, template and enrolments afterwards.
 */
export function buildRegisterSql(
  filters: RegisterFilters,
  scope: RegisterScope,
  window: { limit: number; offset: number; today: string },
  namedLearnerIds?: readonly string[],
): RegisterSql {
  const cutoff = overdueCutoff(window.today);
  const where = whereOf(filters, scope, cutoff, namedLearnerIds);
  const page = `with page as (
  select c.* from credential c
  where ${where}
  order by c.credential_date desc, c.number desc
  limit ? offset ?
)
select c.id, c.number, c.status, c.type, c.template_id, t.name as template_name, c.template_version,
  to_char(c.credential_date, 'YYYY-MM-DD') as credential_date,
  c.learner_id, l.given_name, l.middle_name, l.family_name,
  c.course_enrolment_id, ce.course_offer_id, c.qualification_enrolment_id, qe.qualification_id,
  c.document_version, c.email_status, o.id as officer_id, o.name as officer_name,
  coalesce(co.practice, false) as practice,
  coalesce((select json_agg(w->>'code') from jsonb_array_elements(c.compliance_warnings) w), '[]') as compliance_warnings,
  to_char(c.issued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as issued_at,
  to_char(c.printed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as printed_at,
  to_char(c.deleted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as deleted_at,
  to_char(${metDateSql} + ${issueWithinDays}, 'YYYY-MM-DD') as due_by,
  coalesce(${openSql} and ${metDateSql} < ?::date and not coalesce(co.practice, false), false) as overdue
from page c
cross join lateral (${byId('l', 'learner', 'c.learner_id', 'l.given_name, l.middle_name, l.family_name')}) l
join credential_template t on t.id = c.template_id
left join lateral (${byId('ce', 'course_enrolment', 'c.course_enrolment_id', 'ce.course_offer_id, ce.completion_date')}) ce on true
left join course_offer co on co.id = ce.course_offer_id
left join lateral (${byId('qe', 'qualification_enrolment', 'c.qualification_enrolment_id', 'qe.qualification_id, qe.requirements_met_at')}) qe on true
left join issuing_officer o on o.id = c.issuing_officer_id
order by c.credential_date desc, c.number desc`;
  return {
    page,
    pageParams: [...where.params, window.limit, window.offset, cutoff],
    count: `select count(*)::int as total from credential c\nwhere ${where}`,
    countParams: where.params,
  };
}
