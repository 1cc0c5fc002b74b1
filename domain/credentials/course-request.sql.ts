import { namedQuery } from '../prepared-query';
import type { CredentialType } from '../entities/credential-template.entity';
import type { CourseEnrolmentFacts } from './course-readiness';
import { credentialNumberSql } from './numbering';

/** One row of courseRequestFacts: the template and officer asked for, and one enrolment asked for, if it exists. */
export interface CourseRequestFactsRow {
  template_id: string | null;
  template_name: string | null;
  template_type: string | null;
  applies_to: 'course' | 'qualification' | 'both' | null;
  current_version: number | null;
  officer_id: string | null;
  enrolment_id: string | null;
  enrolment_status: string | null;
  /** YYYY-MM-DD. */
  completion_date: string | null;
  learner_id: string | null;
  usi_verified: boolean | null;
  usi_exempt: boolean | null;
  course_offer_id: string | null;
  /** A credential from this template for this enrolment that is neither cancelled nor deleted. */
  active_id: string | null;
  active_number: string | null;
  active_status: string | null;
}

/** The facts of one row as the readiness rules (course-readiness.ts) take them; the row must have an enrolment. */
export function enrolmentFacts(row: CourseRequestFactsRow): CourseEnrolmentFacts {
  return {
    enrolmentStatus: row.enrolment_status!,
    completionDate: row.completion_date,
    learner: { usiVerified: row.usi_verified ?? false, usiExempt: row.usi_exempt ?? false },
    template: row.template_id ? { name: row.template_name!, type: row.template_type as CredentialType } : null,
    active: row.active_id ? { number: row.active_number!, status: row.active_status! } : null,
  };
}

/**
 * Everything a course credential request is checked against, in one statement: one row per enrolment found (one row
 * with no enrolment when none is). Parameters: the enrolment ids as a JSON array, the template id, the officer id.
 */
export const courseRequestFacts = namedQuery(
  'course-request-facts',
  `
select t.id as template_id, t.name as template_name, t.type as template_type, t.applies_to, t.current_version,
       o.id as officer_id,
       e.id as enrolment_id, e.status as enrolment_status, to_char(e.completion_date, 'YYYY-MM-DD') as completion_date,
       e.learner_id, l.usi_verified, l.usi_exempt, e.course_offer_id,
       a.id as active_id, a.number as active_number, a.status as active_status
  from (select 1) as one
  left join course_enrolment e on e.id in (select value::uuid from jsonb_array_elements_text(?::jsonb))
  left join learner l on l.id = e.learner_id
  left join credential_template t on t.id = ?
  left join issuing_officer o on o.id = ?
  left join lateral (select c.id, c.number, c.status from credential c
                      where c.course_enrolment_id = e.id and c.template_id = t.id
                        and c.status <> 'Cancelled' and c.deleted_at is null
                      order by c.created_at limit 1) a on true`,
);

/** One credential for insertRequestedCourseCredentials, in the order they are numbered. */
export interface NewCourseCredentialRow {
  id: string;
  verification_code: string;
  type: string;
  template_id: string;
  template_version: number;
  learner_id: string;
  course_enrolment_id: string;
  credential_date: string;
  issuing_officer_id: string | null;
  status_reason: string | null;
  event_id: string;
}

/**
 * Records course credentials and their `Requested` history events in one statement (so atomic without a transaction
 * of its own), numbered in the order given. A bulk request's batch, which generates what it records in the same
 * activity, records them Generating with their `GenerationStarted` event: one write of each row rather than an insert
 * and an update that rewrites every index of the credential. Email status takes its column default.
 * Parameters: the rows as a JSON array, the status ('Requested' or 'Generating'), the actor, the history event's
 * detail as JSON.
 */
export const insertRequestedCourseCredentials = namedQuery(
  'insert-requested-course-credentials',
  `
with given as (
  select r.*, e.n from jsonb_array_elements(?::jsonb) with ordinality as e(value, n),
       jsonb_to_record(e.value) as r(id uuid, verification_code text, type text, template_id uuid, template_version int,
         learner_id uuid, course_enrolment_id uuid, credential_date date, issuing_officer_id uuid, status_reason text,
         event_id uuid)
), numbered as (
  select given.*, nextval('credential_number_seq') as serial from given order by n
), created as (
  insert into credential (id, number, verification_code, type, template_id, template_version, learner_id,
                          course_enrolment_id, credential_date, issuing_officer_id, status_reason, status,
                          created_at, updated_at)
  select id, ${credentialNumberSql('serial')}, verification_code, type, template_id, template_version, learner_id,
         course_enrolment_id, credential_date, issuing_officer_id, status_reason, ?::text, now(), now()
    from numbered order by n
  returning id, number, status
), events as (
  insert into credential_event (id, credential_id, event, actor, detail, created_at, updated_at)
  select numbered.event_id, created.id, 'Requested', ?, ?::jsonb, now(), now()
    from created join numbered on numbered.id = created.id
  -- Later than the request's now() (the transaction's start), so the history lists it second.
  union all
  select gen_random_uuid(), created.id, 'GenerationStarted', 'workflow', '{"version": 1}'::jsonb,
         clock_timestamp(), clock_timestamp()
    from created where created.status = 'Generating'
)
select id, number from created`,
);
