import {
  awaitingIssueStatuses,
  issueWithinDays,
  overdueCutoff,
  qualificationMetDaySql,
} from '../../../domain/compliance/issue-deadline';

/** One row of the overdue page query, snake_case as PostgreSQL returns it. */
export interface OverdueRow {
  kind: 'course' | 'qualification';
  enrolment_id: string;
  learner_id: string;
  given_name: string;
  middle_name: string | null;
  family_name: string;
  course_offer_id: string | null;
  course_id: string | null;
  course_code: string | null;
  course_name: string | null;
  qualification_id: string | null;
  qualification_code: string | null;
  qualification_title: string | null;
  completed_on: string;
  due_by: string;
  days_overdue: number;
  credential_id: string | null;
  credential_number: string | null;
  credential_status: string | null;
}

const issued = (column: string, alias: string) =>
  `not exists (select 1 from credential c where c.${column} = ${alias}.id and c.status = 'Issued' and c.deleted_at is null)`;

/**
 * GET /overdue as two statements, a page (oldest first) and the total: completed course enrolments and qualification
 * enrolments whose requirements are met (Ready to be Requested, or a certificate on its way) with no Issued
 * credential, the requirements met before today - 30 (the register's overdue notion, domain/compliance). Practice
 * course offers are left out: their dummy learners owe no one a credential.
 */
export function buildOverdueSql(today: string, window: { limit: number; offset: number }) {
  const cutoff = overdueCutoff(today);
  const due = `with due as (
  select 'course' as kind, ce.id as enrolment_id, ce.learner_id, ce.course_offer_id, null::uuid as qualification_id,
         ce.completion_date as met_on
    from course_enrolment ce join course_offer co on co.id = ce.course_offer_id
   where ce.status = 'Completed' and ce.completion_date < ?::date and not co.practice and ${issued('course_enrolment_id', 'ce')}
  union all
  select 'qualification', qe.id, qe.learner_id, null, qe.qualification_id, ${qualificationMetDaySql('qe')}
    from qualification_enrolment qe
   where qe.status in (${awaitingIssueStatuses.map(() => '?').join(', ')}) and qe.requirements_met_at < ?::timestamptz
     and ${issued('qualification_enrolment_id', 'qe')}
)`;
  const dueParams = [cutoff, ...awaitingIssueStatuses, `${cutoff}T00:00:00Z`];
  const page = `${due}
select d.kind, d.enrolment_id, d.learner_id, l.given_name, l.middle_name, l.family_name,
  d.course_offer_id, cu.id as course_id, cu.code as course_code, cu.name as course_name,
  d.qualification_id, q.code as qualification_code, q.title as qualification_title,
  to_char(d.met_on, 'YYYY-MM-DD') as completed_on, to_char(d.met_on + ${issueWithinDays}, 'YYYY-MM-DD') as due_by,
  ?::date - (d.met_on + ${issueWithinDays}) as days_overdue,
  cr.id as credential_id, cr.number as credential_number, cr.status as credential_status
from due d
join learner l on l.id = d.learner_id
left join course_offer co on co.id = d.course_offer_id
left join course cu on cu.id = co.course_id
left join qualification q on q.id = d.qualification_id
left join lateral (
  select c.id, c.number, c.status from credential c
   where (c.course_enrolment_id = d.enrolment_id or c.qualification_enrolment_id = d.enrolment_id)
     and c.status <> 'Cancelled' and c.deleted_at is null
   order by c.created_at desc limit 1) cr on true
order by d.met_on, d.enrolment_id
limit ? offset ?`;
  return {
    page,
    pageParams: [...dueParams, today, window.limit, window.offset],
    count: `${due}\nselect count(*)::int as total from due`,
    countParams: dueParams,
  };
}
