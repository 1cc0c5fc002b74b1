/**
 * `npm run chaos -- --n 1000`: proves that a bulk request, issue and email of N credentials survives three worker
 * SIGKILLs, a Temporal dev server restart and a PostgreSQL restart, with nothing lost and nothing done twice.
 * `--cluster`: on a Temporal cluster (history, matching, frontend and worker services on PostgreSQL) with two APIs and
 * two workers, killing workers, APIs, the history and the matching service instead. Then, on both, a race: the same
 * credential issued, emailed and cancelled from two API processes at once (`--race`, credentials).
 *
 * It runs its own PostgreSQL, Temporal, fake Resend, APIs and workers in a temp dir on free 127.0.0.1 ports, then
 * counts the outcome from PostgreSQL and from what the fake Resend accepted, and ends with one JSON line. Exit code 0
 * only when every target is met: N everywhere, 0 duplicates, 0 lost, every raced action done once.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client as Pg } from 'pg';
import { FakeResend, type FakeFailure } from '../dev/fake-resend';
import { migrate } from '../apps/migrate/migrate';
import { ApiClient, sleep } from './harness/api-client';
import { raceActions, type RaceOutcome } from './harness/action-race';
import { countOutcome } from './harness/chaos-outcome';
import { cpuSnapshot, describeCpu } from './harness/cpu-usage';
import { describeFailures, diagnoseRun } from './harness/diagnose';
import { LocalStack } from './harness/stack';
import type { TemporalService } from './harness/temporal-cluster';
import { workflowIds } from '../temporal/ids';
import {
  certificateOfCompletion,
  createCompletedEnrolments,
  ensureOrganisation,
  RunTimeoutError,
  waitForRun,
  type BulkRun,
} from './harness/workload';

const say = (line: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}`);

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    'email-rate': { type: 'string', default: '20' },
    'email-faults': { type: 'string', default: '0.05' },
    'timeout-minutes': { type: 'string' },
    'data-dir': { type: 'string' },
    keep: { type: 'boolean', default: false },
    cluster: { type: 'boolean', default: false },
    race: { type: 'string', default: '50' },
  },
});

function numberArg(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    console.error(`--${name} must be a number from ${min} to ${max} (got ${value})`);
    process.exit(2);
  }
  return n;
}

const n = Math.round(numberArg('n', args.n, 1, 10_000));
const emailRate = Math.round(numberArg('email-rate', args['email-rate'], 1, 1000));
const emailFaultRate = numberArg('email-faults', args['email-faults'], 0, 0.5);
const raceCredentials = Math.round(numberArg('race', args.race, 0, 1000));
const onCluster = args.cluster;
// Each run gets its own bound: renders, recovery after every kill (heartbeat and start-to-close timeouts are 30 s)
// and email at the configured rate, with room for a busy shared machine.
const phaseTimeoutMs =
  numberArg('timeout-minutes', args['timeout-minutes'] ?? String(Math.max(10, Math.ceil(n / 100) + 5)), 1, 600) *
  60_000;

type Phase = 'request' | 'issue' | 'email';

interface Disruption {
  at: number;
  name: string;
  act: () => Promise<void>;
}

const anomalies: string[] = [];
const disruptionLog: string[] = [];
let shuttingDown = false;
let stack: LocalStack | null = null;
let fake: FakeResend | null = null;
let dataDir = '';

let stopped: Promise<never> | null = null;

/** Stops everything once; a second call (Ctrl-C during a failure, say) waits for the first. */
function shutdown(code: number, keepData: boolean): Promise<never> {
  stopped ??= stopAll(code, keepData);
  return stopped;
}

async function stopAll(code: number, keepData: boolean): Promise<never> {
  shuttingDown = true;
  say('stopping API, worker, Temporal, PostgreSQL and the fake Resend...');
  await stack?.stop().catch((err: unknown) => say(`while stopping: ${String(err)}`));
  await fake?.stop().catch(() => undefined);
  if (dataDir) {
    if (keepData) say(`kept the data dir with logs: ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(code);
}

/** A provider with trouble now and then: 429s, 500s, dropped connections, and sends whose answer is lost. */
function emailFaults(rate: number): (() => FakeFailure | undefined) | undefined {
  if (rate <= 0) return undefined;
  const kinds: FakeFailure[] = [
    { status: 429, retryAfterSeconds: 1 },
    500,
    'disconnect',
    { status: 500, afterAccepting: true },
    { status: 'disconnect', afterAccepting: true },
  ];
  const every = Math.max(2, Math.round(1 / rate));
  let requests = 0;
  let injected = 0;
  return () => (++requests % every === 0 ? kinds[injected++ % kinds.length] : undefined);
}

async function waitHealthy(urls: string[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const healthy = (url: string) =>
    fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) }).then(
      (r) => r.ok,
      () => false,
    );
  while (!(await Promise.all(urls.map(healthy))).every(Boolean)) {
    if (Date.now() > deadline) throw new Error(`the API did not report healthy within ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void shutdown(130, true));
  process.once('SIGTERM', () => void shutdown(143, true));

  const chosen = args['data-dir'] ? resolve(args['data-dir']) : null;
  // Only a new or empty folder: the script deletes it afterwards, and must never touch `npm start`'s .data.
  if (chosen && existsSync(chosen) && readdirSync(chosen).length) {
    console.error(`--data-dir ${chosen} is not empty: give a new or empty folder`);
    process.exit(2);
  }
  dataDir = chosen ?? mkdtempSync(join(tmpdir(), 'credentials-chaos-'));
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  say(
    `N=${n}, email rate ${emailRate}/s, email faults ${(emailFaultRate * 100).toFixed(0)}% of sends, ${phaseTimeoutMs / 60_000} min per run; data and logs in ${dataDir}`,
  );

  fake = await FakeResend.start({ faults: emailFaults(emailFaultRate) });
  stack = await LocalStack.create({
    dataDir,
    say,
    temporal: onCluster ? 'cluster' : 'dev',
    apis: onCluster ? 2 : 1,
    workers: onCluster ? 2 : 1,
    appEnv: {
      RESEND_API_KEY: fake.apiKey,
      RESEND_BASE_URL: fake.url,
      RESEND_FROM: 'Chaos Training <credentials@chaos.example.com>',
      EMAIL_RATE_PER_SECOND: String(emailRate),
    },
    onUnexpectedExit: (name, how) => {
      if (shuttingDown) return;
      anomalies.push(
        `${name} exited on its own (${how}) at ${new Date().toISOString()}; see ${dataDir}/logs/${name}.log`,
      );
      say(`!! ${name} exited on its own (${how}): a defect to report; starting it again so the run can go on`);
      // A supervisor would restart it: do the same so the rest of the run still counts (stop() makes these no-ops).
      const restart = name.startsWith('temporal-')
        ? () => stack!.restartTemporalService(name.slice('temporal-'.length) as TemporalService, 'SIGTERM', 0)
        : () => stack!.ensure(name);
      setTimeout(() => void restart().catch((err: unknown) => say(`!! ${name} restart failed: ${String(err)}`)), 2000);
    },
  });
  const s = stack;

  say('starting embedded PostgreSQL');
  await s.startPostgres();
  await migrate(s.databaseUrl);
  say(
    onCluster
      ? 'starting a Temporal cluster on the PostgreSQL (history, matching, frontend, worker services)'
      : 'starting the Temporal dev server (persisted to temporal.db)',
  );
  await s.startTemporal();
  say(onCluster ? 'starting two workers and two APIs' : 'starting the worker and the API');
  s.startWorkers();
  await s.startApis();
  // Calls alternate between the APIs, as behind a load balancer.
  const api = new ApiClient(s.apiUrls, s.adminKey);
  say(
    `APIs ${s.apiUrls.join(' ')}, Temporal ${s.temporalAddress}, PostgreSQL ${s.databaseUrl.replace(/:[^:@/]+@/, ':***@')}, fake Resend ${fake.url}`,
  );

  await ensureOrganisation(api);
  say(`creating ${n} learners with completed enrolments`);
  const { offerId, enrolmentIds } = await createCompletedEnrolments(api, n, say);

  let workerKills = 0;
  const killWorker = async (index = 0) => {
    workerKills++;
    await s.kill('worker', index, 'SIGKILL');
    await sleep(1000);
    s.startWorker(index);
  };
  const killApi = async (index: number) => {
    await s.kill('api', index, 'SIGKILL');
    await sleep(1000);
    await s.startApi(index);
  };
  const clusterPlan: Record<Phase, Disruption[]> = {
    request: [
      { at: 0.2, name: 'SIGKILL worker-1, start it again', act: () => killWorker(0) },
      {
        at: 0.45,
        name: "SIGKILL Temporal's history service, start it again",
        act: () => s.restartTemporalService('history'),
      },
      { at: 0.7, name: 'SIGKILL api-1, start it again', act: () => killApi(0) },
    ],
    issue: [
      {
        at: 0.3,
        name: "SIGKILL Temporal's matching service, start it again",
        act: () => s.restartTemporalService('matching'),
      },
      { at: 0.6, name: 'SIGKILL worker-2, start it again', act: () => killWorker(1) },
    ],
    email: [
      {
        at: 0.3,
        name: 'restart PostgreSQL (stop, start on the same data dir and port)',
        act: () => s.restartPostgres(),
      },
      { at: 0.5, name: 'SIGKILL api-2, start it again', act: () => killApi(1) },
      { at: 0.7, name: 'SIGKILL worker-1, start it again', act: () => killWorker(0) },
    ],
  };
  const devPlan: Record<Phase, Disruption[]> = {
    request: [
      { at: 0.25, name: 'SIGKILL the worker (1 of 3), start it again', act: killWorker },
      {
        at: 0.6,
        name: 'restart the Temporal dev server (SIGTERM, start on the same db file)',
        act: () => s.restartTemporal(),
      },
    ],
    issue: [{ at: 0.3, name: 'SIGKILL the worker (2 of 3), start it again', act: killWorker }],
    email: [
      {
        at: 0.3,
        name: 'restart PostgreSQL (stop, start on the same data dir and port)',
        act: () => s.restartPostgres(),
      },
      { at: 0.65, name: 'SIGKILL the worker (3 of 3), start it again', act: killWorker },
    ],
  };

  const plan = onCluster ? clusterPlan : devPlan;
  const runs: Array<{ phase: Phase; runId: string; run: BulkRun | null; seconds: number; cpu: string }> = [];
  // Where the CPU went in each run: the machine is shared and CPU-bound, so the durations alone say little.
  const cpuTrees = () => cpuSnapshot({ ...s.cpuRoots(), postgres: `postgres-process.js ${dataDir}` });
  async function phase(name: Phase, start: () => Promise<{ bulkRunId: string }>): Promise<void> {
    await waitHealthy(s.apiUrls);
    const started = performance.now();
    const cpuBefore = cpuTrees();
    const { bulkRunId } = await start();
    say(`${name}: bulk run ${bulkRunId} (workflow ${workflowIds.bulkRun(bulkRunId)})`);
    const due = [...plan[name]];
    const disrupt = async (d: Disruption, progress: string) => {
      say(`>> ${d.name} at ${progress}`);
      const t = performance.now();
      await d.act();
      const line = `${new Date().toISOString().slice(11, 19)} ${name} run at ${progress}: ${d.name} (${((performance.now() - t) / 1000).toFixed(1)} s)`;
      disruptionLog.push(line);
      say(`>> done: ${line}`);
    };
    let run: BulkRun | null = null;
    try {
      run = await waitForRun(api, bulkRunId, {
        label: name,
        say,
        timeoutMs: phaseTimeoutMs,
        cancelled: () => shuttingDown,
        onProgress: async (r) => {
          while (due.length && r.succeeded + r.failed >= Math.ceil(due[0]!.at * r.total)) {
            await disrupt(due.shift()!, `${r.succeeded + r.failed}/${r.total} done`);
          }
        },
      });
      // A run quicker than the poll still gets its disruptions, right after it (said as such).
      for (const d of due.splice(0))
        await disrupt(d, `the end (the run finished before ${Math.round(d.at * 100)}% was seen)`);
      if (run.failed) await describeFailures(s.databaseUrl, bulkRunId, say);
    } catch (err) {
      if (!(err instanceof RunTimeoutError)) throw err;
      anomalies.push(`${name} run ${bulkRunId} is stuck: ${err.message}`);
      say(`!! ${err.message}`);
      await diagnoseRun(s.databaseUrl, s.temporalAddress, bulkRunId, say);
      run = err.run;
    }
    runs.push({
      phase: name,
      runId: bulkRunId,
      run,
      seconds: (performance.now() - started) / 1000,
      cpu: describeCpu(cpuBefore, cpuTrees(), cpus().length),
    });
  }

  const credentialIds = async (offer = offerId): Promise<string[]> => {
    const db = new Pg({ connectionString: s.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        `select c.id from credential c join course_enrolment e on e.id = c.course_enrolment_id
          where e.course_offer_id = $1 and c.deleted_at is null order by c.number`,
        [offer],
      );
      return rows.map((r: { id: string }) => r.id);
    } finally {
      await db.end();
    }
  };

  await phase('request', () =>
    api.expect(202, 'POST', `/course-offers/${offerId}/credential-requests`, {
      enrolmentIds,
      templateId: certificateOfCompletion,
      credentialDate: '2026-11-02',
    }),
  );
  const ids = await credentialIds();
  await phase('issue', () => api.expect(202, 'POST', '/credentials/actions', { action: 'issue', credentialIds: ids }));
  await phase('email', () => api.expect(202, 'POST', '/credentials/actions', { action: 'email', credentialIds: ids }));

  let race: RaceOutcome | null = null;
  if (raceCredentials > 0) {
    await waitHealthy(s.apiUrls);
    say(`race: ${raceCredentials} credentials, each issued, emailed and cancelled from both API processes at once`);
    const { offerId: raceOffer, enrolmentIds: raceEnrolments } = await createCompletedEnrolments(
      api,
      raceCredentials,
      say,
    );
    const { bulkRunId } = await api.expect(202, 'POST', `/course-offers/${raceOffer}/credential-requests`, {
      enrolmentIds: raceEnrolments,
      templateId: certificateOfCompletion,
      credentialDate: '2026-11-02',
    });
    await waitForRun(api, bulkRunId, { label: 'race setup', say, timeoutMs: phaseTimeoutMs });
    const apis = s.apiUrls.map((url) => new ApiClient(url, s.adminKey));
    race = await raceActions({
      apis: [apis[0]!, apis[1] ?? apis[0]!],
      databaseUrl: s.databaseUrl,
      credentialIds: await credentialIds(raceOffer),
      fake,
    });
    say(
      `race: done once: ${JSON.stringify(race.once)}; refused with a reason: ${JSON.stringify(race.refused)}; ${race.violations.length} violations`,
    );
    for (const v of race.violations.slice(0, 10)) say(`  race violation: ${v}`);
  }

  const figures = await countOutcome(s.databaseUrl, offerId, fake);
  say('');
  say('runs:');
  for (const r of runs) {
    say(
      `  ${r.phase.padEnd(8)} ${r.runId}: ${r.run ? `${r.run.status}, ${r.run.succeeded} succeeded, ${r.run.failed} failed, ${r.run.pending} pending` : 'no answer'} in ${r.seconds.toFixed(1)} s`,
    );
    say(`           CPU (a killed process's share is not counted): ${r.cpu}`);
  }
  say(`disruptions (${workerKills} worker SIGKILLs, ${s.workerStartCount - 1} worker restarts):`);
  for (const line of disruptionLog) say(`  ${line}`);
  say(
    `fake Resend: ${fake.emailRequests.length} send requests, ${fake.emailRequests.filter((r) => r.status !== 200).length} answered with a failure or dropped, ${fake.messages.length} messages accepted`,
  );
  say('outcome (from PostgreSQL and the fake Resend):');
  say(`  requested             ${figures.requested}   enrolments with a credential`);
  say(`  generated             ${figures.generated}   credentials with a stored document`);
  say(`  issued                ${figures.issued}   credentials Issued`);
  say(`  emailsAccepted        ${figures.emailsAccepted}   messages the fake Resend accepted for them`);
  say(`  duplicateCredentials  ${figures.duplicateCredentials}   enrolments with more than one credential`);
  say(
    `  duplicateEmails       ${figures.duplicateEmails}   accepted messages beyond one per credential (or per idempotency key)`,
  );
  say(
    `  lost                  ${figures.lost}   enrolments not ending Issued and emailed: ${JSON.stringify(figures.lostDetail)}`,
  );
  say(
    `  (also: ${figures.duplicateDocuments} credentials with more than one document version, ${figures.extraEmailRows} with more than one email_message row, ${figures.notSent} with emailStatus other than Sent)`,
  );
  for (const example of figures.examples) say(`  e.g. ${example}`);

  const misses = [
    ...(['requested', 'generated', 'issued', 'emailsAccepted'] as const)
      .filter((k) => figures[k] !== n)
      .map((k) => `${k} ${figures[k]} != ${n}`),
    ...(['duplicateCredentials', 'duplicateEmails', 'lost', 'duplicateDocuments'] as const)
      .filter((k) => figures[k] !== 0)
      .map((k) => `${k} ${figures[k]} != 0`),
    ...runs
      .filter((r) => r.run?.status !== 'Completed' || r.run.failed)
      .map((r) => `${r.phase} run ${r.runId} ${r.run?.status ?? 'unknown'} with ${r.run?.failed ?? '?'} failed`),
    ...(race?.violations.map((v) => `race: ${v}`) ?? []),
    ...anomalies,
  ];
  say(
    misses.length
      ? `TARGETS MISSED:\n  - ${misses.join('\n  - ')}`
      : 'all targets met: N everywhere, 0 duplicates, 0 lost',
  );
  console.log(
    JSON.stringify({
      requested: figures.requested,
      generated: figures.generated,
      issued: figures.issued,
      emailsAccepted: figures.emailsAccepted,
      duplicateCredentials: figures.duplicateCredentials,
      duplicateEmails: figures.duplicateEmails,
      lost: figures.lost,
      temporal: onCluster ? 'cluster' : 'dev',
      disruptions: disruptionLog,
      ...(race
        ? {
            race: {
              credentials: race.credentials,
              once: race.once,
              refused: race.refused,
              violations: race.violations.length,
            },
          }
        : {}),
    }),
  );
  await shutdown(misses.length ? 1 : 0, misses.length > 0 || args.keep);
}

main().catch(async (err: unknown) => {
  if (!shuttingDown) say(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  await shutdown(1, true);
});
