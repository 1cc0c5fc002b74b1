import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { courseRequestFacts } from '../../domain/credentials/course-request.sql';
import { certificateOfCompletion } from '../support/fixtures';

type PlanNode = { 'Relation Name'?: string; 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };

/** Every scan of `relation` in a JSON plan, as "Index Scan on <index>" or "Seq Scan". */
function scansOf(node: PlanNode, relation: string): string[] {
  const own = node['Relation Name'] === relation ? [`${node['Node Type']} ${node['Index Name'] ?? ''}`.trim()] : [];
  return [...own, ...(node.Plans ?? []).flatMap((child) => scansOf(child, relation))];
}

describe("a course request's facts", () => {
  it("find the enrolment's active credential by the enrolment and template, even with statistics of an empty table", async () => {
    const sut = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await sut.connect();
    try {
      await sut.query('begin');
      // 3,000 credentials of one template, as a bulk run leaves them; rolled back at the end.
      const offerId = randomUUID();
      const courseId = randomUUID();
      await sut.query(
        `insert into course (id, created_at, updated_at, code, name) values ($1, now(), now(), $2, 'Plan')`,
        [courseId, `PLAN${Date.now()}`],
      );
      await sut.query(
        `insert into course_offer (id, created_at, updated_at, course_id, start_date, end_date)
         values ($1, now(), now(), $2, '2026-01-01', '2026-06-30')`,
        [offerId, courseId],
      );
      const enrolments = await sut.query<{ id: string }>(
        `with l as (
           insert into learner (id, created_at, updated_at, given_name, family_name, date_of_birth, email)
           select gen_random_uuid(), now(), now(), 'Plan', 'Learner ' || i, '2000-01-01', 'plan' || i || '@example.test'
             from generate_series(1, 3000) i returning id),
         e as (
           insert into course_enrolment (id, created_at, updated_at, course_offer_id, learner_id, status)
           select gen_random_uuid(), now(), now(), $1, l.id, 'Completed' from l returning id, learner_id),
         c as (
           insert into credential (id, created_at, updated_at, number, verification_code, type, template_id,
                                   template_version, learner_id, course_enrolment_id, credential_date)
           select gen_random_uuid(), now(), now(), 'PLAN-' || e.id, md5(e.id::text), 'Certificate', $2, 1,
                  e.learner_id, e.id, '2026-12-01' from e returning course_enrolment_id)
         select course_enrolment_id as id from c limit 50`,
        [offerId, certificateOfCompletion],
      );
      // What the last analyze saw: no credentials at all.
      await sut.query(`delete from pg_statistic where starelid = 'credential'::regclass`);
      await sut.query(`update pg_class set reltuples = 0, relpages = 0 where oid = 'credential'::regclass`);

      const [{ 'QUERY PLAN': plan }] = (
        await sut.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
          `explain (format json) ${courseRequestFacts.numbered}`,
          [JSON.stringify(enrolments.rows.map((e) => e.id)), certificateOfCompletion, null],
        )
      ).rows as [{ 'QUERY PLAN': [{ Plan: PlanNode }] }];
      // Not the template's index, which reads all 3,000 credentials for each enrolment.
      expect(scansOf(plan[0].Plan, 'credential')).toEqual([
        'Index Scan credential_course_enrolment_id_template_id_index',
      ]);
    } finally {
      await sut.query('rollback').catch(() => undefined);
      await sut.end();
    }
  });
});
