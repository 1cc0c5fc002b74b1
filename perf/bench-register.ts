/**
 * `npm run bench:register [-- --n 100000 --runs 30 --keep]`: how fast the Credential Register answers at scale.
 *
 * Fills a database with N credentials (harness/register-seed.ts: SQL generate_series, a realistic spread of statuses
 * and dates), then times every kind of register query through RegisterService.list() (the page
 * query and the count the API runs, without HTTP), prints the EXPLAIN ANALYZE plans, and ends with one JSON line.
 * Database: a new database `register_bench_<pid>` on DATABASE_URL's server (dropped afterwards unless --keep), or a
 * fresh embedded PostgreSQL on a free port in a temp dir. It never touches an existing database's data.
 */
import { performance } from 'node:perf_hooks';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../domain/orm-config';
import { RegisterQuery } from '../apps/api/register/register.query';
import { RegisterService } from '../apps/api/register/register.service';
import type { RegisterScope } from '../apps/api/register/register.sql';
import { migrate } from '../apps/migrate/migrate';
import { benchDatabase, fillRegister, recordOfResults } from './harness/register-seed';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const n = arg('n', 100_000);
const runs = arg('runs', 30);
const keep = process.argv.includes('--keep');

interface Case {
  name: string;
  query: Partial<RegisterQuery>;
  scope?: RegisterScope;
}

async function cases(orm: MikroORM): Promise<Case[]> {
  const em = orm.em.fork();
  const one = async (text: string) => (await em.execute(text))[0] as Record<string, string>;
  const busyLearner = await one(
    `select learner_id as id from credential group by learner_id order by count(*) desc limit 1`,
  );
  const offer = await one(`select id from course_offer order by id limit 1`);
  const qualification = await one(`select id from qualification order by id limit 1`);
  const person = await one(`select given_name, family_name from learner where middle_name is null order by id limit 1`);
  const credential = await one(`select number from credential order by id limit 1`);
  const officer = await one(`select id from issuing_officer order by id limit 1`);
  const bulkRun = await one(`select id from bulk_run limit 1`);
  return [
    { name: 'all', query: {} },
    { name: 'all, page 100', query: { page: 100 } },
    { name: 'all, pageSize 500', query: { pageSize: 500 } },
    { name: 'status=Generated', query: { status: ['Generated'] } },
    { name: 'status=GenerationFailed,Requested', query: { status: ['GenerationFailed', 'Requested'] } },
    { name: 'type=Transcript', query: { type: ['Transcript'] } },
    { name: 'templateId', query: { templateId: recordOfResults } },
    { name: 'learnerId', query: { learnerId: busyLearner.id } },
    { name: 'GET /learners/:id/credentials', query: {}, scope: { learnerId: busyLearner.id } },
    { name: 'GET /course-offers/:id/credentials', query: {}, scope: { courseOfferId: offer.id } },
    { name: 'GET /qualifications/:id/credentials', query: {}, scope: { qualificationId: qualification.id } },
    { name: 'from/to (one month)', query: { from: '2025-06-01', to: '2025-06-30' } },
    { name: 'q=family name', query: { q: person.family_name!.toLowerCase() } },
    { name: 'q=given family', query: { q: `${person.given_name} ${person.family_name}` } },
    { name: 'q=number part', query: { q: credential.number!.slice(2, 10) } },
    { name: 'overdue=true', query: { overdue: true } },
    {
      name: 'status+from/to+q',
      query: { status: ['Issued'], from: '2025-01-01', to: '2025-12-31', q: person.family_name },
    },
    { name: 'includeDeleted=true', query: { includeDeleted: true } },
    { name: 'emailStatus=Bounced,Failed', query: { emailStatus: ['Bounced', 'Failed'] } },
    { name: 'emailStatus=Delivered', query: { emailStatus: ['Delivered'] } },
    { name: 'printed=true', query: { printed: true } },
    { name: 'printed=false', query: { printed: false } },
    { name: 'issuingOfficerId', query: { issuingOfficerId: officer.id } },
    { name: 'bulkRunId', query: { bulkRunId: bulkRun.id } },
    { name: 'status=Issued+printed=false', query: { status: ['Issued'], printed: false } },
  ];
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const round = (ms: number) => Math.round(ms * 100) / 100;

async function measure(orm: MikroORM) {
  const results: Record<string, { medianMs: number; p95Ms: number; total: number }> = {};
  const plans: string[] = [];
  for (const c of await cases(orm)) {
    const query = Object.assign(new RegisterQuery(), c.query);
    const service = new RegisterService(orm.em.fork());
    let total = 0;
    for (let i = 0; i < 3; i++) total = (await service.list(query, c.scope)).total;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await service.list(query, c.scope);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    results[c.name] = { medianMs: round(percentile(times, 0.5)), p95Ms: round(percentile(times, 0.95)), total };
    console.log(
      `${c.name.padEnd(38)} median ${results[c.name]!.medianMs.toFixed(2).padStart(7)} ms   p95 ${results[c.name]!.p95Ms.toFixed(2).padStart(7)} ms   total ${total}`,
    );

    const sql = await service.sql(query, c.scope);
    const explain = async (text: string, params: unknown[]) =>
      (
        await orm.em
          .fork()
          .execute<Array<{ 'QUERY PLAN': string }>>(`explain (analyze, costs off, summary off) ${text}`, params)
      )
        .map((row) => `    ${row['QUERY PLAN']}`)
        .join('\n');
    plans.push(
      `--- ${c.name}: page\n${await explain(sql.page, sql.pageParams)}\n--- ${c.name}: count\n${await explain(sql.count, sql.countParams)}`,
    );
  }
  return { results, plans };
}

async function main(): Promise<void> {
  const db = await benchDatabase('register_bench', keep);
  try {
    console.log(`database ${db.url.replace(/:[^:@/]+@/, ':***@')}`);
    await migrate(db.url);
    console.log(`filling ${n} credentials`);
    const fillSeconds = await fillRegister(db.url, n);
    const orm = await MikroORM.init(ormConfig(db.url, { poolMax: 4 }));
    try {
      console.log(
        `\nRegisterService.list() (page query + count), ${runs} runs each after 3 warm-ups, pageSize 50 unless said:`,
      );
      const { results, plans } = await measure(orm);
      console.log(`\nEXPLAIN ANALYZE plans:\n${plans.join('\n')}`);
      console.log(JSON.stringify({ n, runs, fillSeconds: Math.round(fillSeconds * 10) / 10, queries: results }));
    } finally {
      await orm.close();
    }
  } finally {
    await db.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
