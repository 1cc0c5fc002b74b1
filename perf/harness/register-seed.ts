/** The Credential Register at scale, for the benchmarks: a database filled with N credentials by SQL. */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { builtinTemplates } from '../../domain/templates/builtins';
import { freePort } from '../../dev/ports';
import { ensureDatabase, startEmbeddedPostgres } from '../../dev/postgres';
import { familyNames, givenNames } from './names';

export const [testamur, statement, recordOfResults, certificateOfCompletion] = builtinTemplates.map((t) => t.id);

const sqlArray = (values: string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;
const pick = (values: string[]) => `(${sqlArray(values)})[1 + floor(random() * ${values.length})::int]`;

/**
 * Status by age: credentials from the last 60 days are mostly in progress, older ones mostly Issued, a few Cancelled,
 * failed or forgotten (those are the overdue ones). `r` is a uniform random number per row.
 */
const statusSql = `case when credential_date > current_date - 60 then
    case when r < 0.10 then 'Requested' when r < 0.13 then 'Generating' when r < 0.60 then 'Generated'
      when r < 0.65 then 'GenerationFailed' when r < 0.98 then 'Issued' else 'Cancelled' end
  else
    case when r < 0.01 then 'Requested' when r < 0.04 then 'Generated' when r < 0.05 then 'GenerationFailed'
      when r < 0.94 then 'Issued' else 'Cancelled' end
  end`;

/** Issuing officers: most credentials name one of them. */
const officers = 20;
/** Items of the one bulk run the register is filtered by (bulkRunId): credentials spread over the register. */
const bulkItems = 500;

/** The credential columns every source shares, from a row with i, status, credential_date and r2. */
const credentialColumns = `md5('credential-' || i)::uuid, now(), now(),
  to_char(credential_date, 'YYYY') || '-' || lpad(i::text, 6, '0'), md5('verify-' || i), status,
  credential_date,
  case when status in ('Generated', 'Issued', 'Cancelled') then 1 end,
  case when status in ('Issued', 'Cancelled') then credential_date + interval '2 days' end,
  case when status = 'Issued' and r2 < 0.3 then credential_date + interval '3 days' end,
  case when status = 'Issued' then (case when r2 < 0.7 then 'Delivered' when r2 < 0.92 then 'Sent'
    when r2 < 0.94 then 'Bounced' when r2 < 0.95 then 'Failed' else 'NotSent' end) else 'NotSent' end,
  case when status = 'Cancelled' then credential_date + interval '40 days' end,
  case when status in ('Requested', 'GenerationFailed') and r2 < 0.2 then credential_date + interval '1 day' end,
  case when random() < 0.8 then md5('officer-' || (1 + floor(random() * ${officers})::int))::uuid end`;
const credentialInsert = `insert into credential (id, created_at, updated_at, number, verification_code, status,
  credential_date, document_version, issued_at, printed_at, email_status, cancelled_at, deleted_at, issuing_officer_id,
  type, template_id, template_version, learner_id, course_enrolment_id, qualification_enrolment_id)`;

/**
 * Fills an empty, migrated database with `n` credentials (SQL generate_series: learners, issuing officers, course
 * offers, qualifications, a bulk run, a realistic spread of statuses and dates); answers the seconds it took. The same
 * n gives the same register (setseed).
 */
export async function fillRegister(url: string, n: number): Promise<number> {
  const started = performance.now();
  const courseCredentials = Math.round(n * 0.9);
  const qualificationCredentials = n - courseCredentials;
  const learners = Math.max(1, Math.round(n * 0.6));
  const offers = Math.max(1, Math.ceil(courseCredentials / 90));
  const db = new Client({ connectionString: url });
  await db.connect();
  const step = async (label: string, text: string) => {
    const t = performance.now();
    const result = await db.query(text);
    console.log(`  ${label}: ${result.rowCount ?? 0} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  try {
    await db.query('select setseed(0.2026)');
    await step(
      'learners',
      `insert into learner (id, created_at, updated_at, given_name, middle_name, family_name, date_of_birth, email, usi_verified)
      select md5('learner-' || i)::uuid, now(), now(), ${pick(givenNames)},
        case when random() < 0.3 then ${pick(givenNames)} end, ${pick(familyNames)},
        date '1960-01-01' + floor(random() * 16000)::int, 'learner' || i || '@example.com', true
      from generate_series(1, ${learners}) i`,
    );
    await step(
      'issuing officers',
      `insert into issuing_officer (id, created_at, updated_at, name, position)
      select md5('officer-' || i)::uuid, now(), now(), 'Officer ' || i, 'Registrar'
      from generate_series(1, ${officers}) i`,
    );
    await step(
      'courses',
      `insert into course (id, created_at, updated_at, code, name)
      select md5('course-' || i)::uuid, now(), now(), 'BENCH' || lpad(i::text, 3, '0'), 'Bench course ' || i
      from generate_series(1, 100) i`,
    );
    await step(
      'course offers',
      `insert into course_offer (id, created_at, updated_at, course_id, start_date, end_date, location)
      select md5('offer-' || i)::uuid, now(), now(), md5('course-' || (1 + i % 100))::uuid,
        date '2023-12-01' + (i * 7919) % 1050, date '2023-12-31' + (i * 7919) % 1050, 'Campus ' || (i % 7)
      from generate_series(1, ${offers}) i`,
    );
    // 90 enrolments an offer, completed on the offer's end date; one credential each.
    await step(
      'course enrolments',
      `insert into course_enrolment (id, created_at, updated_at, course_offer_id, learner_id, status, completion_date)
      select md5('ce-' || i)::uuid, now(), now(), md5('offer-' || o)::uuid, md5('learner-' || (1 + (i - 1) % ${learners}))::uuid,
        'Completed', date '2023-12-31' + (o * 7919) % 1050
      from generate_series(1, ${courseCredentials}) i, lateral (select 1 + (i - 1) / 90 as o) offer`,
    );
    await step(
      'qualifications',
      `insert into qualification (id, created_at, updated_at, code, title, packaging_rules)
      select md5('qual-' || i)::uuid, now(), now(), 'BSB' || (40000 + i), 'Certificate IV in Bench ' || i,
        '{"totalUnits":0,"core":[],"electives":{"count":0,"groups":[],"listed":[],"importedMax":0}}'
      from generate_series(1, 20) i`,
    );
    await step(
      'qualification enrolments',
      `insert into qualification_enrolment (id, created_at, updated_at, learner_id, qualification_id, status, requirements_met_at)
      select md5('qe-' || i)::uuid, now(), now(), md5('learner-' || (1 + (i * 13) % ${learners}))::uuid,
        md5('qual-' || (1 + i % 20))::uuid, 'Awaiting Issue', timestamptz '2024-01-01 03:00Z' + ((i * 7919) % 1050) * interval '1 day'
      from generate_series(1, ${qualificationCredentials}) i`,
    );
    await step(
      'course credentials',
      `${credentialInsert}
      select ${credentialColumns}, case when r3 < 0.85 then 'Certificate' else 'Transcript' end,
        case when r3 < 0.85 then '${certificateOfCompletion}'::uuid else '${recordOfResults}'::uuid end, 1,
        md5('learner-' || (1 + (i - 1) % ${learners}))::uuid, md5('ce-' || i)::uuid, null
      from (select *, ${statusSql} as status from (
        select i, date '2023-12-31' + ((1 + (i - 1) / 90) * 7919) % 1050 + i % 21 as credential_date,
          random() as r, random() as r2, random() as r3
        from generate_series(1, ${courseCredentials}) i) s) t`,
    );
    await step(
      'qualification credentials',
      `${credentialInsert}
      select ${credentialColumns}, case when r3 < 0.7 then 'Certificate' else 'Statement' end,
        case when r3 < 0.7 then '${testamur}'::uuid else '${statement}'::uuid end, 1,
        md5('learner-' || (1 + (q * 13) % ${learners}))::uuid, null, md5('qe-' || q)::uuid
      from (select *, ${statusSql} as status from (
        select i, q, date '2024-01-01' + (q * 7919) % 1050 + i % 15 as credential_date,
          random() as r, random() as r2, random() as r3
        from generate_series(${courseCredentials + 1}, ${n}) i, lateral (select i - ${courseCredentials} as q) qe) s) t`,
    );
    await step(
      'a bulk run',
      `insert into bulk_run (id, created_at, updated_at, action, status, total, succeeded, params, finished_at)
      values (md5('bulk-1')::uuid, now(), now(), 'issue', 'Completed', ${bulkItems}, ${bulkItems}, '{}', now())`,
    );
    await step(
      'its items',
      `insert into bulk_run_item (id, created_at, updated_at, bulk_run_id, seq, target_id, status)
      select md5('item-' || s)::uuid, now(), now(), md5('bulk-1')::uuid, s,
        md5('credential-' || (1 + (s * 7919) % ${n}))::uuid, 'Succeeded'
      from generate_series(1, ${bulkItems}) s`,
    );
    await step('vacuum analyze', 'vacuum analyze');
  } finally {
    await db.end();
  }
  return (performance.now() - started) / 1000;
}

/**
 * A database for a benchmark: a new database `<name>_<pid>` on DATABASE_URL's server (dropped afterwards unless
 * `keep`), or a fresh embedded PostgreSQL on a free port in a temp dir. It never touches an existing database's data.
 */
export async function benchDatabase(name: string, keep: boolean): Promise<{ url: string; stop(): Promise<void> }> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const database = `${name}_${process.pid}`;
    await ensureDatabase(external, database);
    const url = new URL(external);
    url.pathname = `/${database}`;
    return {
      url: url.toString(),
      async stop() {
        if (keep) return console.log(`kept database ${url}`);
        const admin = new Client({ connectionString: external });
        await admin.connect();
        await admin.query(`drop database if exists "${database}"`).finally(() => admin.end());
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `${name.replace(/_/g, '-')}-`));
  chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  const db = await startEmbeddedPostgres(dir, await freePort(), name);
  return {
    url: db.url,
    async stop() {
      await db.stop();
      if (keep) return console.log(`kept ${dir}`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
