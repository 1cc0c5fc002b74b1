/**
 * `npm run bench -- --n 1000`: end-to-end generation throughput against raw render throughput, the worker's memory,
 * single-request latency, read latency during bulk runs of N (whose time is compared with runs of N without readers),
 * and what each credential cost (CPU per process and Temporal service, database rows and
 * bytes), on this machine. It starts what it needs the way `npm start` does
 * (embedded PostgreSQL, a Temporal dev server persisted to a file, the API and one worker as separate processes) in a
 * temp dir on free 127.0.0.1 ports, or uses DATABASE_URL and TEMPORAL_ADDRESS when set; `--cluster` runs Temporal as
 * the server's four services on the PostgreSQL, with two APIs and two workers. `--lifecycle` also bulk-issues and
 * bulk-emails the N (through the fake Resend) and prints their cost. `--turn-runs` runs of N (2 by default) have the
 * readers on and off in turns of a few seconds, for `turnSlowdown`: the readers' cost within runs. `--warm-up`
 * credentials (1,000 by default) are bulk-requested first, untimed, as the raw loop renders before it is timed. Ends
 * with one JSON line
 * {"n":…,"e2ePerSec":…,"rawPerSec":…,"ratio":…,"workerPeakRssMb":…,"p50Ms":…,"p99Ms":…,"duringRunP50Ms":…,…}.
 *
 * Raw renders run in ONE child process with RENDER_CONCURRENCY renders in flight and the render process's Node flags,
 * after the system has gone idle: the worker renders in one render process (RENDER_PROCESSES=1), whose renders share
 * one JavaScript thread, so that is exactly the render capacity the end-to-end path has. The ratio is then the share
 * of it the whole pipeline (API, Temporal, PostgreSQL writes, the PDF stored) delivers. A second figure with one
 * process per core is printed for information only. The worker's RSS is its own plus its render processes'.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client as Pg } from 'pg';
import { loadConfig } from '../apps/config';
import { migrate } from '../apps/migrate/migrate';
import { ensureSearchAttributes } from '../dev/temporal-server';
import { ApiClient, inPool, percentile, sleep } from './harness/api-client';
import { integerArg } from './harness/args';
import { cpuSnapshot, describeCpu } from './harness/cpu-usage';
import { RssSampler } from './harness/rss-sampler';
import { rawRenderRate } from './harness/raw-render-rate';
import { readUntil, summariseReads, type ReadSamples } from './harness/readers';
import { overallTurnRates, readInTurns, turnRates, type TurnRates } from './harness/alternating-readers';
import {
  capacitySnapshot,
  describeCapacity,
  perCredential,
  type CapacityPerCredential,
  type CapacitySnapshot,
} from './harness/capacity';
import { FakeResend } from '../dev/fake-resend';
import { LocalStack } from './harness/stack';
import { certificateOfCompletion, createCompletedEnrolments, ensureOrganisation, waitForRun } from './harness/workload';

const say = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    clients: { type: 'string', default: '20' },
    requests: { type: 'string', default: '1000' },
    'post-every': { type: 'string', default: '5' },
    'raw-renders': { type: 'string' },
    'timeout-minutes': { type: 'string' },
    keep: { type: 'boolean', default: false },
    cluster: { type: 'boolean', default: false },
    apis: { type: 'string' },
    workers: { type: 'string' },
    lifecycle: { type: 'boolean', default: false },
    'read-rate': { type: 'string', default: '40' },
    'reader-runs': { type: 'string', default: '2' },
    'turn-runs': { type: 'string', default: '2' },
    'warm-up': { type: 'string', default: '1000' },
  },
});

const n = integerArg('n', args.n, 1, 10_000);
/** Requests per second from all readers during the second run: 20 people each opening something every half second. */
const readRate = integerArg('read-rate', args['read-rate'], 1, 10_000);
/** Runs of N with readers, as many without: the slowdown compares their means (see the reads phase). */
const readerRuns = integerArg('reader-runs', args['reader-runs'], 1, 10);
/** Runs of N with readers in turns (harness/alternating-readers.ts): the slowdown within runs. */
const turnRuns = integerArg('turn-runs', args['turn-runs'], 0, 10);
/**
 * Credentials bulk-requested, untimed, before the first run of N: the raw loop renders 300 before it is timed, and the
 * worker's code, database connections and statements warm up the same way (0: the first run starts cold).
 */
const warmUp = integerArg('warm-up', args['warm-up'], 0, 10_000);
/** Readers on, then off, for this long in those runs; the first half second of each is left out. */
const turnWindowMs = 4000;
const turnSettleMs = 500;
const clients = integerArg('clients', args.clients, 1, 200);
const latencyRequests = integerArg('requests', args.requests, clients, 100_000);
const rawRenders = integerArg('raw-renders', args['raw-renders'] ?? String(Math.min(n, 1000)), 20, 100_000);
const timeoutMs =
  integerArg('timeout-minutes', args['timeout-minutes'] ?? String(Math.max(10, Math.ceil(n / 200) + 5)), 1, 600) *
  60_000;
/** The workers' settings, as they read them from this environment (their defaults and their checks). */
const workerConfig = loadConfig();
const renderConcurrency = workerConfig.renderConcurrency;
const apiCount = integerArg('apis', args.apis ?? (args.cluster ? '2' : '1'), 1, 8);
const workerCount = integerArg('workers', args.workers ?? (args.cluster ? '2' : '1'), 1, 8);
/** The workers' render capacity is this many processes, RENDER_PROCESSES each. */
const renderProcesses = workerCount * workerConfig.renderProcesses;
/** Every fifth latency request (by default) is a single credential request (POST), the rest read one (GET). */
const postEvery = integerArg('post-every', args['post-every'], 1, 100_000);

let stack: LocalStack | null = null;
let fake: FakeResend | null = null;
let dataDir = '';
let stopping = false;

let stopped: Promise<never> | null = null;

/** Stops everything once; a second call (Ctrl-C during a failure, say) waits for the first. */
function shutdown(code: number): Promise<never> {
  stopped ??= stopAll(code);
  return stopped;
}

async function stopAll(code: number): Promise<never> {
  stopping = true;
  say('stopping the API, worker and whatever else the bench started...');
  await stack?.stop().catch((err: unknown) => say(`while stopping: ${String(err)}`));
  await fake?.stop().catch(() => undefined);
  if (dataDir) {
    if (args.keep || code !== 0) say(`kept the data dir with logs: ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(code);
}

async function query<T extends Record<string, any>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const db = new Pg({ connectionString: url });
  await db.connect();
  try {
    return (await db.query<T>(text, params)).rows;
  } finally {
    await db.end();
  }
}

/**
 * The slowest 1% of requests counted by the quarter second of the phase they started in, e.g. "1.00 s: 9, 2.25 s: 1".
 */
function whenSlowestStarted(samples: { at: number; ms: number }[]): string {
  const slowest = [...samples].sort((a, b) => b.ms - a.ms).slice(0, Math.max(1, Math.ceil(samples.length / 100)));
  const byQuarter = new Map<number, number>();
  for (const { at } of slowest) {
    const quarter = Math.floor(at / 250);
    byQuarter.set(quarter, (byQuarter.get(quarter) ?? 0) + 1);
  }
  return [...byQuarter]
    .sort((a, b) => a[0] - b[0])
    .map(([q, count]) => `${(q / 4).toFixed(2)} s: ${count}`)
    .join(', ');
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void shutdown(130));
  process.once('SIGTERM', () => void shutdown(143));
  dataDir = mkdtempSync(join(tmpdir(), 'credentials-bench-'));
  chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  say(
    `N=${n}, ${clients} clients x ${latencyRequests} requests, ${rawRenders} raw renders, RENDER_CONCURRENCY=${renderConcurrency}, ${cpus().length} cores; logs in ${dataDir}/logs`,
  );
  say('figures on a shared machine are noisy: compare runs, not single numbers');

  if (args.lifecycle) fake = await FakeResend.start({});
  if (args.cluster && process.env.TEMPORAL_ADDRESS) {
    console.error('--cluster starts its own Temporal cluster: unset TEMPORAL_ADDRESS');
    process.exit(2);
  }
  stack = await LocalStack.create({
    dataDir,
    say,
    temporal: args.cluster ? 'cluster' : 'dev',
    apis: apiCount,
    workers: workerCount,
    appEnv: fake
      ? {
          RESEND_API_KEY: fake.apiKey,
          RESEND_BASE_URL: fake.url,
          RESEND_FROM: 'Bench Training <credentials@bench.example.com>',
          EMAIL_RATE_PER_SECOND: '500',
        }
      : {},
    onUnexpectedExit: (name, how) => {
      if (stopping) return;
      say(`!! ${name} exited on its own (${how}); see ${dataDir}/logs/${name}.log`);
      void shutdown(1);
    },
  });
  const s = stack;
  if (process.env.DATABASE_URL) {
    s.databaseUrl = process.env.DATABASE_URL;
    say('using DATABASE_URL');
  } else {
    say('starting embedded PostgreSQL');
    await s.startPostgres();
  }
  await migrate(s.databaseUrl);
  if (process.env.TEMPORAL_ADDRESS) {
    s.temporalAddress = process.env.TEMPORAL_ADDRESS;
    say(`using TEMPORAL_ADDRESS ${s.temporalAddress}`);
    await ensureSearchAttributes(s.temporalAddress, process.env.TEMPORAL_NAMESPACE ?? 'default');
  } else {
    say(
      args.cluster
        ? 'starting a Temporal cluster on the PostgreSQL: history, matching, frontend and worker services'
        : 'starting the Temporal dev server (persisted to temporal.db, as npm start runs it)',
    );
    await s.startTemporal();
  }
  s.startWorkers();
  const rss = new RssSampler(() => s.workerPid);
  await s.startApis();
  // Clients alternate between the APIs, as behind a load balancer.
  const apis = s.apiUrls.map((url) => new ApiClient(url, s.adminKey));
  const api = apis[0]!;
  say(`APIs ${s.apiUrls.join(' ')}, ${workerCount} worker(s), Temporal ${s.temporalKind} at ${s.temporalAddress}`);

  await ensureOrganisation(api);
  /**
   * Requests before the measured ones, in the same mix and from the same clients, not counted: the code paths are warm
   * and each client has its connection, as in steady traffic. (After a bulk run longer than the API's keep-alive, the
   * clients' connections are gone, and opening them all at once would slow the first measured requests.)
   */
  const warmUpRequests = 2 * clients;
  const extras = Math.ceil((warmUpRequests + latencyRequests) / postEvery);
  const runsOfN = 1 + 2 * readerRuns + turnRuns;
  say(
    `creating ${runsOfN} x ${n} + ${warmUp} + ${extras} learners with completed enrolments (runs of N with and without readers; a warm-up run; single requests)`,
  );
  const { offerId, enrolmentIds: all } = await createCompletedEnrolments(api, runsOfN * n + warmUp + extras, say);
  const learners = all.length;
  const runIds = Array.from({ length: runsOfN }, (_, i) => all.slice(i * n, (i + 1) * n));
  const enrolmentIds = runIds[0]!;
  const warmUpIds = all.slice(runsOfN * n, runsOfN * n + warmUp);
  const spare = all.slice(runsOfN * n + warmUp);
  if (workerConfig.renderIdleWarmUpRenders > 0) {
    say(`waiting for the render processes' warm-up while idle (RENDER_IDLE_WARM_UP_RENDERS), which no run should pay`);
    if (!(await s.renderWarmedUp(renderProcesses))) say('  not logged within 5 minutes; going on');
  }

  // Where the CPU goes: our process trees (the database and Temporal only when we started them) and the machine.
  const postgresRoot = process.env.DATABASE_URL ? undefined : `postgres-process.js ${dataDir}`;
  const roots = () => ({ ...s.cpuRoots(), ...(postgresRoot ? { postgres: postgresRoot } : {}) });
  const cpuTrees = () => cpuSnapshot(roots());
  const capacity = () =>
    capacitySnapshot({
      databaseUrl: s.databaseUrl,
      databases: [new URL(s.databaseUrl).pathname.slice(1), 'temporal', 'temporal_visibility'],
      roots: s.cpuRoots(),
      postgresRoot,
    });

  /** Bulk-requests the enrolments and waits until all are Generated; the run's seconds. */
  const bulkRequest = async (ids: string[], label: string): Promise<number> => {
    const started = performance.now();
    const { bulkRunId } = await api.expect(202, 'POST', `/course-offers/${offerId}/credential-requests`, {
      enrolmentIds: ids,
      templateId: certificateOfCompletion,
      credentialDate: '2026-11-02',
    });
    say(`${label}: bulk request ${bulkRunId} of ${ids.length}`);
    const run = await waitForRun(apis[1] ?? api, bulkRunId, { label, say, timeoutMs, cancelled: () => stopping });
    const seconds = (performance.now() - started) / 1000;
    const [{ generated }] = (await query<{ generated: number }>(
      s.databaseUrl,
      `select count(*)::int as generated from credential where course_enrolment_id = any($1) and status = 'Generated'`,
      [ids],
    )) as [{ generated: number }];
    if (generated !== ids.length || run.failed) {
      say(
        `!! only ${generated} of ${ids.length} Generated (${run.failed} failed): ${JSON.stringify(run.failures.slice(0, 5))}`,
      );
      await shutdown(1);
    }
    return seconds;
  };

  const warmUpSeconds = warmUpIds.length ? await bulkRequest(warmUpIds, 'warm-up') : 0;
  if (warmUpIds.length) say(`warm-up: ${warmUp} Generated in ${warmUpSeconds.toFixed(1)} s, not counted`);
  // The database settles as weeks of use would leave it: the learners just made are vacuumed and analysed and their WAL
  // checkpointed before the first run, instead of autovacuum and a checkpoint doing it during that run.
  say('settling the database: vacuum analyze, checkpoint');
  await query(s.databaseUrl, 'vacuum analyze');
  await query(s.databaseUrl, 'checkpoint').catch((err: unknown) => say(`checkpoint refused, going on: ${String(err)}`));

  // ---- end to end: bulk request of N until all are Generated ----
  const cpuBeforeE2e = cpuTrees();
  const capacityBefore = await capacity();
  const rssBefore = rss.at(Date.now()) ?? 0;
  const e2eStartedAt = Date.now();
  const e2eSeconds = await bulkRequest(enrolmentIds, 'e2e');
  const e2ePerSec = n / e2eSeconds;
  say(`CPU during the bulk run: ${describeCpu(cpuBeforeE2e, cpuTrees(), cpus().length)}`);
  await sleep(1500); // PostgreSQL's statistics lag their transactions by up to a second
  const generation = perCredential(capacityBefore, await capacity(), n);
  for (const line of describeCapacity(generation)) say(`generation: ${line}`);
  const rssAfterE2e = rss.at(Date.now()) ?? 0;
  const e2eEndedAt = Date.now();
  const rssCourse = [0, 0.25, 0.5, 0.75, 1].map(
    (f) => `${(rss.at(e2eStartedAt + f * (e2eEndedAt - e2eStartedAt)) ?? 0).toFixed(0)}`,
  );
  say(`worker RSS across the bulk run at 0/25/50/75/100%: ${rssCourse.join(' / ')} MB`);
  say(
    `end to end: ${n} Generated in ${e2eSeconds.toFixed(1)} s = ${e2ePerSec.toFixed(1)} credentials/s; worker RSS ${rssBefore.toFixed(0)} MB before, peak ${rss.peakSince(e2eStartedAt).toFixed(0)} MB, ${rssAfterE2e.toFixed(0)} MB after`,
  );

  const credentialIds = (
    await query<{ id: string }>(s.databaseUrl, 'select id from credential where course_enrolment_id = any($1)', [
      enrolmentIds,
    ])
  ).map((r) => r.id);

  // ---- reads while bulk runs of N render ----
  // Runs with readers and without in the order with, without, without, with (--reader-runs 2), the slowdown their
  // means' ratio: a run takes more or less than the next by itself here, and a steady drift cannot favour this order.
  // The first run is left out: it was often slower all through (a fresh stack), which would count for the readers.
  say(
    `reads during runs: ${clients} readers, ${readRate} requests/s in all, during ${readerRuns} run(s) of ${n} and ${readerRuns} without`,
  );
  const secondsWithout: number[] = [];
  const secondsWith: number[] = [];
  const readSamples: ReadSamples[] = [];
  const runWithReaders = async (ids: string[], label: string) => {
    const cpuBeforeReads = cpuTrees();
    const run = bulkRequest(ids, label);
    readSamples.push(await readUntil({ apis, credentialIds, learners, clients, ratePerSecond: readRate, done: run }));
    secondsWith.push(await run);
    say(`CPU during ${label}: ${describeCpu(cpuBeforeReads, cpuTrees(), cpus().length)}`);
  };
  for (let pair = 1; pair <= readerRuns; pair++) {
    const [first, second] = [runIds[2 * pair - 1]!, runIds[2 * pair]!];
    if (pair % 2) {
      await runWithReaders(first, `with-readers-${pair}`);
      secondsWithout.push(await bulkRequest(second, `without-readers-${pair}`));
    } else {
      secondsWithout.push(await bulkRequest(first, `without-readers-${pair}`));
      await runWithReaders(second, `with-readers-${pair}`);
    }
  }
  const mean = (list: number[]) => list.reduce((sum, x) => sum + x, 0) / list.length;
  const runSlowdown = mean(secondsWith) / mean(secondsWithout);
  const reads = summariseReads(readSamples);
  for (const [route, r] of Object.entries(reads.byRoute))
    say(
      `  ${route.padEnd(24)} ${String(r.requests).padStart(6)} requests  p50 ${r.p50Ms.toFixed(1)} ms  p99 ${r.p99Ms.toFixed(1)} ms`,
    );
  const listed = (list: number[]) => list.map((x) => `${x.toFixed(1)} s`).join(', ');
  say(
    `reads during the runs: ${reads.requests}, p50 ${reads.p50Ms.toFixed(1)} ms, p99 ${reads.p99Ms.toFixed(1)} ms${reads.errors.length ? `; ${reads.errors.length} failed, e.g. ${reads.errors[0]}` : ''}; runs with readers took ${runSlowdown.toFixed(2)}x those without (with: ${listed(secondsWith)}; without: ${listed(secondsWithout)}; the first run, left out: ${e2eSeconds.toFixed(1)} s)`,
  );

  // ---- the same comparison within runs: readers on and off in turns of a few seconds ----
  const turns = await inTurns(runIds.slice(1 + 2 * readerRuns), apis, credentialIds, learners, bulkRequest);

  // ---- latency of single requests under `clients` concurrent clients ----
  const pick = () => credentialIds[Math.floor(Math.random() * credentialIds.length)]!;
  const timings: Record<string, number[]> = {
    'GET /credentials/:id': [],
    'POST /course-enrolments/:id/credentials': [],
  };
  const errors: string[] = [];
  let spareNext = 0;
  const newCredentials: string[] = [];
  const single = (i: number) => {
    const enrolmentId = i % postEvery === postEvery - 1 ? spare[spareNext++] : undefined;
    const via = apis[i % apis.length]!;
    const call = enrolmentId
      ? via.call('POST', `/course-enrolments/${enrolmentId}/credentials`, {
          templateId: certificateOfCompletion,
          credentialDate: '2026-11-02',
        })
      : via.call('GET', `/credentials/${pick()}`);
    return call.then((answer) => ({ enrolmentId, answer }));
  };
  await inPool(
    Array.from({ length: warmUpRequests }, (_, i) => i),
    clients,
    async (i) => {
      const { enrolmentId, answer } = await single(i);
      if (enrolmentId && answer.status === 202) newCredentials.push(answer.body.id);
    },
  );
  const latencyStarted = performance.now();
  const cpuBeforeLatency = cpuTrees();
  /** When each measured request started (ms into the phase) and how long it took: are the slowest ones one stall? */
  const startsAndTimes: { at: number; ms: number }[] = [];
  await inPool(
    Array.from({ length: latencyRequests }, (_, i) => i),
    clients,
    async (i) => {
      const at = performance.now() - latencyStarted;
      const { enrolmentId, answer } = await single(i);
      startsAndTimes.push({ at, ms: answer.ms });
      const route = enrolmentId ? 'POST /course-enrolments/:id/credentials' : 'GET /credentials/:id';
      if (answer.status !== (enrolmentId ? 202 : 200)) errors.push(`${route} answered ${answer.status}`);
      else if (enrolmentId) newCredentials.push(answer.body.id);
      timings[route]!.push(answer.ms);
    },
  );
  const latencySeconds = (performance.now() - latencyStarted) / 1000;
  say(`CPU during the single requests: ${describeCpu(cpuBeforeLatency, cpuTrees(), cpus().length)}`);
  const everything = Object.values(timings)
    .flat()
    .sort((a, b) => a - b);
  for (const [route, list] of Object.entries(timings)) {
    list.sort((a, b) => a - b);
    say(
      `  ${route.padEnd(40)} ${String(list.length).padStart(5)} requests  p50 ${percentile(list, 0.5).toFixed(1)} ms  p99 ${percentile(list, 0.99).toFixed(1)} ms  max ${list[list.length - 1]?.toFixed(1)} ms`,
    );
  }
  const p50 = percentile(everything, 0.5);
  const p99 = percentile(everything, 0.99);
  say(`the slowest 1% started at: ${whenSlowestStarted(startsAndTimes)}`);
  say(
    `latency: ${everything.length} requests from ${clients} clients in ${latencySeconds.toFixed(1)} s (${(everything.length / latencySeconds).toFixed(0)}/s): p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms${errors.length ? `; ${errors.length} unexpected answers, e.g. ${errors[0]}` : ''}`,
  );

  // The single requests rendered in the background: let them finish so the raw loop has the machine to itself.
  const idleDeadline = Date.now() + 5 * 60_000;
  for (;;) {
    const { open } = (
      await query<{ open: number }>(
        s.databaseUrl,
        `select count(*)::int as open from credential where id = any($1) and status in ('Requested', 'Generating')`,
        [newCredentials],
      )
    )[0]!;
    if (open === 0) break;
    if (Date.now() > idleDeadline) {
      say(`!! ${open} single-request credentials still not Generated after 5 minutes`);
      break;
    }
    await sleep(500);
  }
  const lifecycle = args.lifecycle ? await issueAndEmail(apis, credentialIds, capacity) : undefined;
  const workerPeakRssMb = rss.peakMb;
  rss.stop();
  say(
    `worker RSS (with its render processes): peak ${workerPeakRssMb.toFixed(0)} MB over ${rss.samples.length} samples (every 500 ms since the worker started)`,
  );

  // ---- raw render throughput of the same template over the run's own snapshots ----
  const snapshots = await query<{ snapshot: unknown }>(
    s.databaseUrl,
    `select d.snapshot from document_version d join credential c on c.id = d.credential_id
      where c.course_enrolment_id = any($1) limit 50`,
    [enrolmentIds],
  );
  const [organisation] = await query<{ logo_png: Buffer | null }>(
    s.databaseUrl,
    'select logo_png from organisation limit 1',
  );
  const inputFile = join(dataDir, 'render-input.json');
  writeFileSync(
    inputFile,
    JSON.stringify({
      snapshots: snapshots.map((r) => r.snapshot),
      logoPng: organisation?.logo_png?.toString('base64') ?? null,
      signaturePng: null,
    }),
  );
  say(
    `raw renders: ${rawRenders} in ${renderProcesses} process(es) with ${renderConcurrency} in flight each (the worker's render capacity)...`,
  );
  const rawPerSec = await rawRenderRate(inputFile, rawRenders, renderProcesses, renderConcurrency);
  say(`raw renders: ${rawPerSec.toFixed(1)}/s in ${renderProcesses} process(es)`);
  const perCore = await rawRenderRate(inputFile, rawRenders, cpus().length, renderConcurrency);
  say(
    `raw renders, for information: ${perCore.toFixed(1)}/s with one process per core (${cpus().length}), what more worker processes could reach`,
  );

  const ratio = e2ePerSec / rawPerSec;
  const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
  say('');
  say(`n                 ${n}`);
  say(
    `e2ePerSec         ${e2ePerSec.toFixed(1)}   (${n} Generated in ${e2eSeconds.toFixed(1)} s${n >= 10_000 ? `; target 10,000 within 300 s: ${e2eSeconds <= 300 ? 'met' : 'MISSED'}` : ''})`,
  );
  say(`rawPerSec         ${rawPerSec.toFixed(1)}`);
  say(`ratio             ${ratio.toFixed(2)}   (target >= 0.8: ${ratio >= 0.8 ? 'met' : 'MISSED'})`);
  say(
    `workerPeakRssMb   ${workerPeakRssMb.toFixed(0)}   (target < 500: ${workerPeakRssMb < 500 ? 'met' : 'MISSED'}; ${rssBefore.toFixed(0)} MB before the bulk run, ${rssAfterE2e.toFixed(0)} MB after)`,
  );
  say(
    `p50Ms / p99Ms     ${p50.toFixed(1)} / ${p99.toFixed(1)}   (target p99 < 100 ms: ${p99 < 100 ? 'met' : 'MISSED'})`,
  );
  say(
    `duringRun p50/p99 ${reads.p50Ms.toFixed(1)} / ${reads.p99Ms.toFixed(1)}   (target p99 < 100 ms: ${reads.p99Ms < 100 ? 'met' : 'MISSED'})`,
  );
  say(`runSlowdown       ${runSlowdown.toFixed(2)}   (target <= 1.10: ${runSlowdown <= 1.1 ? 'met' : 'MISSED'})`);
  if (turns)
    say(
      `turnSlowdown      ${turns.slowdown.toFixed(2)}   (target <= 1.10: ${turns.slowdown <= 1.1 ? 'met' : 'MISSED'}; the same within runs, readers on and off in turns)`,
    );
  for (const line of describeCapacity(generation)) say(`generation        ${line}`);
  for (const [phase, c] of Object.entries(lifecycle ?? {}))
    for (const line of describeCapacity(c)) say(`${phase.padEnd(17)} ${line}`);
  console.log(
    JSON.stringify({
      n,
      e2ePerSec: round(e2ePerSec),
      rawPerSec: round(rawPerSec),
      ratio: round(ratio, 2),
      workerPeakRssMb: Math.round(workerPeakRssMb),
      p50Ms: round(p50),
      p99Ms: round(p99),
      duringRunP50Ms: round(reads.p50Ms),
      duringRunP99Ms: round(reads.p99Ms),
      runSlowdown: round(runSlowdown, 2),
      ...(warmUp ? { warmUp: { n: warmUp, perSec: round(warmUp / warmUpSeconds) } } : {}),
      runSeconds: {
        withReaders: secondsWith.map((x) => round(x)),
        withoutReaders: secondsWithout.map((x) => round(x)),
      },
      ...(turns
        ? {
            turnSlowdown: round(turns.slowdown, 2),
            turnSlowdownByRun: turns.byRun.map((x) => round(x, 2)),
          }
        : {}),
      temporal: s.temporalKind,
      apis: apiCount,
      workers: workerCount,
      cpuMsPerCredential: generation.cpuMs,
      ...(lifecycle ? { issueCpuMs: lifecycle.issue.cpuMs, emailCpuMs: lifecycle.email.cpuMs } : {}),
    }),
  );
  await shutdown(errors.length || reads.errors.length || turns?.errors.length ? 1 : 0);
}

/**
 * Runs of N with readers on and off in turns, starting with readers in odd runs and without in even ones (a rate
 * drifting through a run cannot favour either); renders a second without readers over renders a second with them,
 * over all the runs and for each run.
 */
async function inTurns(
  runs: string[][],
  apis: ApiClient[],
  credentialIds: string[],
  learners: number,
  bulkRequest: (ids: string[], label: string) => Promise<number>,
): Promise<{ slowdown: number; byRun: number[]; errors: string[] } | null> {
  if (!runs.length) return null;
  say(`readers in turns of ${turnWindowMs / 1000} s during ${runs.length} run(s) of ${n}`);
  const byRun: TurnRates[] = [];
  const errors: string[] = [];
  for (const [i, ids] of runs.entries()) {
    const run = bulkRequest(ids, `turns-${i + 1}`);
    const { windows, samples } = await readInTurns({
      read: { apis, credentialIds, learners, clients, ratePerSecond: readRate },
      done: run,
      windowMs: turnWindowMs,
      leadMs: 5000,
      startWith: i % 2 ? 'none' : 'readers',
    });
    await run;
    const at = (
      await query<{ at: number }>(
        stack!.databaseUrl,
        `select extract(epoch from d.created_at) * 1000 as at from document_version d
         join credential c on c.id = d.credential_id where c.course_enrolment_id = any($1)`,
        [ids],
      )
    ).map((row) => Number(row.at));
    const rates = turnRates(windows, at, turnSettleMs);
    say(
      `turns-${i + 1}: ${rates.withReaders.renders} renders in ${rates.withReaders.seconds.toFixed(1)} s with readers, ${rates.withoutReaders.renders} in ${rates.withoutReaders.seconds.toFixed(1)} s without: ${rates.slowdown.toFixed(2)}x`,
    );
    byRun.push(rates);
    errors.push(...samples.flatMap((sample) => sample.errors));
  }
  if (errors.length) say(`!! ${errors.length} reads failed during the turns, e.g. ${errors[0]}`);
  return { slowdown: overallTurnRates(byRun).slowdown, byRun: byRun.map((run) => run.slowdown), errors };
}

/** Bulk-issues, then bulk-emails the credentials, each run awaited; what each cost per credential. */
async function issueAndEmail(
  apis: ApiClient[],
  credentialIds: string[],
  capacity: () => Promise<CapacitySnapshot>,
): Promise<Record<'issue' | 'email', CapacityPerCredential>> {
  const result: Partial<Record<'issue' | 'email', CapacityPerCredential>> = {};
  for (const action of ['issue', 'email'] as const) {
    const before = await capacity();
    const started = performance.now();
    const { bulkRunId } = await apis[0]!.expect(202, 'POST', '/credentials/actions', { action, credentialIds });
    const run = await waitForRun(apis[1] ?? apis[0]!, bulkRunId, {
      label: action,
      say,
      timeoutMs,
      cancelled: () => stopping,
    });
    const seconds = (performance.now() - started) / 1000;
    await sleep(1500);
    result[action] = perCredential(before, await capacity(), credentialIds.length);
    say(`${action}: ${run.succeeded} of ${credentialIds.length} in ${seconds.toFixed(1)} s (${run.failed} failed)`);
    for (const line of describeCapacity(result[action])) say(`${action}: ${line}`);
  }
  return result as Record<'issue' | 'email', CapacityPerCredential>;
}

main().catch(async (err: unknown) => {
  if (!stopping) say(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  await shutdown(1);
});
