/**
 * `npm run bench:reads [-- --learners 10000 --credentials 5000 --seconds 30 --read-rate 40]`: what one read costs, in
 * CPU-milliseconds per process, on an idle stack. The readers of `npm run bench` (GET /credentials/:id and register
 * searches for a learner's full name) run for a while by themselves, each kind alone and then mixed as the bench mixes
 * them. The CPU the API, PostgreSQL, the worker, Temporal, this script and the whole machine used meanwhile, less what
 * each used in as long a time with no reads (polling, the machine's other services), is divided by the reads answered.
 * A run slows by at least what its readers take from the cores it needs, so this is the figure to cut.
 * Starts what it needs as `npm run bench` does (embedded PostgreSQL, the Temporal dev server, one API, one worker).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client as Pg } from 'pg';
import { migrate } from '../apps/migrate/migrate';
import { ApiClient, sleep } from './harness/api-client';
import { integerArg } from './harness/args';
import { cpuSnapshot, ticksPerSecond, usedByTree, type CpuSnapshot } from './harness/cpu-usage';
import { readUntil, summariseReads } from './harness/readers';
import { LocalStack } from './harness/stack';
import { certificateOfCompletion, createCompletedEnrolments, ensureOrganisation, waitForRun } from './harness/workload';

const say = (line: string) => console.log(`[bench:reads ${new Date().toISOString().slice(11, 19)}] ${line}`);
const { values: args } = parseArgs({
  options: {
    learners: { type: 'string', default: '10000' },
    credentials: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '30' },
    'read-rate': { type: 'string', default: '40' },
  },
});
const learnerCount = integerArg('learners', args.learners, 1, 1_000_000);
const credentialCount = Math.min(learnerCount, integerArg('credentials', args.credentials, 1, 1_000_000));
const seconds = integerArg('seconds', args.seconds, 1, 3600);
const readRate = integerArg('read-rate', args['read-rate'], 1, 10_000);
/** As many readers as the bench has. */
const clients = 20;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'credentials-bench-reads-'));
  chmodSync(dataDir, 0o755);
  const stack = await LocalStack.create({ dataDir, say, temporal: 'dev', apis: 1, workers: 1, appEnv: {} });
  try {
    await stack.startPostgres();
    await migrate(stack.databaseUrl);
    await stack.startTemporal();
    stack.startWorkers();
    await stack.startApis();
    const api = new ApiClient(stack.apiUrls[0]!, stack.adminKey);
    await ensureOrganisation(api);
    const { offerId, enrolmentIds } = await createCompletedEnrolments(api, learnerCount, say);
    const { bulkRunId } = await api.expect(202, 'POST', `/course-offers/${offerId}/credential-requests`, {
      enrolmentIds: enrolmentIds.slice(0, credentialCount),
      templateId: certificateOfCompletion,
      credentialDate: '2026-11-02',
    });
    await waitForRun(api, bulkRunId, { label: 'credentials', say, timeoutMs: 30 * 60_000, cancelled: () => false });
    const db = new Pg({ connectionString: stack.databaseUrl });
    await db.connect();
    await db.query('vacuum analyze');
    const ids = (await db.query<{ id: string }>('select id from credential')).rows.map((row) => row.id);
    await db.end();
    const readFor = async (only?: 'id' | 'search') => {
      const samples = await readUntil({
        apis: [api],
        credentialIds: ids,
        learners: learnerCount,
        clients,
        ratePerSecond: readRate,
        done: sleep(seconds * 1000),
        only,
      });
      if (samples.errors.length) throw new Error(`${samples.errors.length} reads failed, e.g. ${samples.errors[0]}`);
      return summariseReads([samples]);
    };
    await readFor(); // warm-up, not counted
    await sleep(3000);

    const roots = { ...stack.cpuRoots(), postgres: `postgres-process.js ${dataDir}` };
    /** CPU ticks of each tree, of this script and of the whole machine (every process, kernel work too) over `work`. */
    const cpuOver = async <T>(work: () => Promise<T>) => {
      const before: CpuSnapshot = cpuSnapshot(roots);
      const selfBefore = process.cpuUsage();
      const started = performance.now();
      const outcome = await work();
      const after = cpuSnapshot(roots);
      const self = process.cpuUsage(selfBefore);
      const ticks = usedByTree(before, after);
      ticks.client = ((self.user + self.system) / 1e6) * ticksPerSecond;
      ticks.machine = after.machine.busy - before.machine.busy;
      return { outcome, ticks, seconds: (performance.now() - started) / 1000 };
    };
    // What each process and the machine use with no one reading (Temporal's and the worker's polling, the machine's
    // other services), before the reads and after them: taken off each phase's figures, which are then what the reads
    // themselves cost. Both ends, because a process's idle work comes and goes (the worker's collector, a sweep).
    const idleBefore = await cpuOver(() => sleep(seconds * 1000));
    const phases: [string, 'id' | 'search' | undefined][] = [
      ['GET /credentials/:id', 'id'],
      ['GET /credentials?q=', 'search'],
      ['mixed 3:1', undefined],
    ];
    const measured = [];
    for (const [name, only] of phases) {
      // The monotonic clock a --cpu-prof profile of the API counts in (µs): its samples in this phase lie between.
      const from = process.hrtime.bigint() / 1000n;
      measured.push({ name, ...(await cpuOver(() => readFor(only))) });
      say(`${name}: done (monotonic µs ${from}–${process.hrtime.bigint() / 1000n})`);
    }
    const idleAfter = await cpuOver(() => sleep(seconds * 1000));
    const idleMsPerSecond = (name: string) =>
      (1000 * ((idleBefore.ticks[name] ?? 0) + (idleAfter.ticks[name] ?? 0))) /
      ticksPerSecond /
      (idleBefore.seconds + idleAfter.seconds);
    const idleCpu = Object.fromEntries(
      Object.keys(idleBefore.ticks).map((name) => [name, Math.round(idleMsPerSecond(name) * 10) / 10]),
    );
    say(`idle, no reads: CPU ms per second ${JSON.stringify(idleCpu)}`);
    const result: Record<string, unknown> = { idleCpuMsPerSecond: idleCpu };
    for (const { name, outcome: reads, ticks, seconds: took } of measured) {
      const cpu = Object.fromEntries(
        Object.entries(ticks).map(([tree, treeTicks]) => {
          const ms = (1000 * treeTicks) / ticksPerSecond - idleMsPerSecond(tree) * took;
          return [tree, Math.round((ms / reads.requests) * 100) / 100];
        }),
      );
      say(
        `${name}: ${reads.requests} reads, p50 ${reads.p50Ms.toFixed(1)} ms, p99 ${reads.p99Ms.toFixed(1)} ms; CPU ms per read beyond idle ${JSON.stringify(cpu)}`,
      );
      result[name] = { reads: reads.requests, p50Ms: reads.p50Ms, p99Ms: reads.p99Ms, cpuMsPerRead: cpu };
    }
    console.log(
      JSON.stringify({ learners: learnerCount, credentials: credentialCount, cores: cpus().length, ...result }),
    );
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
