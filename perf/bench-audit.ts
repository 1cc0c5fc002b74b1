/**
 * `npm run bench:audit [-- --n 10000]`: audits N enrolments of a Diploma-shaped qualification (6 core, 6 electives
 * from two groups and a list, up to 2 imported) twice: the pure audit engine in a loop, and the full audit against
 * PostgreSQL (load results, audit, update the status under a row lock), 8 at a time like the bulk audit's window.
 * Uses DATABASE_URL when set, else a fresh embedded PostgreSQL in a temporary folder. Ends with one JSON line.
 */
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../domain/orm-config';
import type { PackagingRules } from '../domain/entities/qualification.entity';
import { auditEnrolment, type UnitResultInput } from '../domain/qualifications/audit';
import { auditAndApply } from '../domain/qualifications/audit-enrolment';
import { migrate } from '../apps/migrate/migrate';
import { freePort } from '../dev/ports';
import { ensureDatabase, startEmbeddedPostgres } from '../dev/postgres';

const n = Number(process.argv[process.argv.indexOf('--n') + 1] || 10_000) || 10_000;
const codes = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);
const core = codes('BNCORE', 6);
const groupA = codes('BNGRPA', 6);
const groupB = codes('BNGRPB', 6);
const listed = codes('BNLIST', 8);
const imported = codes('BNIMPT', 6);
const rules: PackagingRules = {
  totalUnits: 12,
  core,
  electives: {
    count: 6,
    groups: [
      { name: 'A', units: groupA, min: 2, max: null },
      { name: 'B', units: groupB, min: 1, max: 3 },
    ],
    listed,
    importedMax: 2,
  },
};
const outcomes = ['20', '20', '20', '20', '20', '20', '20', '51', '60', '30', '70'];

/** Deterministic pseudo-random results: most learners nearly done, some with resits and non-achieving outcomes. */
function resultsFor(seed: number): UnitResultInput[] {
  let x = (seed * 2654435761) % 4294967296;
  const next = () => (x = (x * 1664525 + 1013904223) % 4294967296) / 4294967296;
  const pool = [...groupA, ...groupB, ...listed, ...imported];
  const picked = [...core, ...pool.filter(() => next() < 0.3)];
  return picked.map((unitCode, i) => ({
    unitCode,
    outcome: outcomes[Math.floor(next() * outcomes.length)]!,
    date: `2026-${String(1 + (i % 9)).padStart(2, '0')}-1${i % 9}`,
  }));
}

async function main(): Promise<void> {
  const enrolments = Array.from({ length: n }, (_, i) => resultsFor(i + 1));
  const totalResults = enrolments.reduce((sum, r) => sum + r.length, 0);

  let started = performance.now();
  let ready = 0;
  for (const results of enrolments) if (auditEnrolment(rules, results).achieved) ready++;
  const pureMs = performance.now() - started;
  const purePerSec = Math.round(n / (pureMs / 1000));
  console.log(
    `pure audit: ${n} enrolments (${totalResults} results) in ${pureMs.toFixed(0)} ms = ${purePerSec} audits/s; ${ready} ready`,
  );

  const dir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'bench-audit-'));
  if (dir) chmodSync(dir, 0o755);
  const db = dir ? await startEmbeddedPostgres(dir, await freePort(), 'bench_audit') : null;
  let url = db?.url ?? '';
  if (!db) {
    const target = new URL(process.env.DATABASE_URL!);
    await ensureDatabase(process.env.DATABASE_URL!, `bench_audit_${process.pid}`);
    target.pathname = `/bench_audit_${process.pid}`;
    url = target.toString();
  }
  try {
    await migrate(url);
    const orm = await MikroORM.init(ormConfig(url, { poolMax: 10 }));
    try {
      const connection = orm.em.getConnection();
      const units = [...core, ...groupA, ...groupB, ...listed, ...imported];
      await connection.execute(
        `insert into unit (id, created_at, updated_at, code, title) select gen_random_uuid(), now(), now(), c, 'Unit ' || c from jsonb_array_elements_text(?::jsonb) c`,
        [JSON.stringify(units)],
      );
      const [qualification] = await connection.execute<{ id: string }[]>(
        `insert into qualification (id, created_at, updated_at, code, title, packaging_rules) values (gen_random_uuid(), now(), now(), 'BENCH50000', 'Diploma of Benchmarking', ?) returning id`,
        [JSON.stringify(rules)],
      );
      console.log(`loading ${n} enrolments and ${totalResults} results into PostgreSQL...`);
      const ids: string[] = [];
      for (let start = 0; start < n; start += 500) {
        const batch = enrolments.slice(start, start + 500);
        const learners = await connection.execute<{ id: string }[]>(
          `insert into learner (id, created_at, updated_at, given_name, family_name, date_of_birth, email)
           select gen_random_uuid(), now(), now(), 'Bench', 'Learner ' || g, '1990-01-01', 'bench' || g || '@example.com' from generate_series(?::int, ?::int) g returning id`,
          [start + 1, start + batch.length],
        );
        const rows = await connection.execute<{ id: string }[]>(
          `insert into qualification_enrolment (id, created_at, updated_at, learner_id, qualification_id, status)
           select gen_random_uuid(), now(), now(), l::uuid, ?, 'Not Yet Achieved' from jsonb_array_elements_text(?::jsonb) l returning id`,
          [qualification!.id, JSON.stringify(learners.map((l) => l.id))],
        );
        const flat = batch.flatMap((results, i) => results.map((r) => [rows[i]!.id, r.unitCode, r.outcome, r.date]));
        // One result per unit and enrolment (the table's rule): the last generated wins, as a later PUT would.
        await connection.execute(
          `insert into unit_result (id, created_at, updated_at, qualification_enrolment_id, unit_id, outcome, date)
           select gen_random_uuid(), now(), now(), (t->>0)::uuid, u.id, t->>2, (t->>3)::date from jsonb_array_elements(?::jsonb) t
           join unit u on u.code = t->>1 on conflict (qualification_enrolment_id, unit_id) do update set outcome = excluded.outcome`,
          [JSON.stringify(flat)],
        );
        ids.push(...rows.map((r) => r.id));
      }
      started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < ids.length) await auditAndApply(orm.em.fork(), ids[next++]!);
        }),
      );
      const dbMs = performance.now() - started;
      const dbPerSec = Math.round(n / (dbMs / 1000));
      const [counted] = await connection.execute<{ n: string }[]>(
        `select count(*) as n from qualification_enrolment where status = 'Ready to be Requested'`,
      );
      console.log(
        `audit with PostgreSQL: ${n} enrolments in ${(dbMs / 1000).toFixed(1)} s = ${dbPerSec} audits/s; ${counted!.n} now Ready to be Requested`,
      );
      console.log(
        JSON.stringify({
          n,
          results: totalResults,
          pureAuditsPerSec: purePerSec,
          dbAuditsPerSec: dbPerSec,
          ready: Number(counted!.n),
        }),
      );
    } finally {
      await orm.close();
    }
  } finally {
    await db?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
