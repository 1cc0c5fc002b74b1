/**
 * `npm run bench:reads [-- --learners 10000 --credentials 5000 --seconds 30 --read-rate 40]`: what one read costs, in
 * CPU-milliseconds per process, on an idle stack. The readers of `npm run bench` (GET /credentials/:id and register
 * searches for a learner's full name) run for a while by themselves, each kind alone and then mixed as the bench mixes
 * them, and the CPU the API, PostgreSQL, the worker, Temporal and this script used meanwhile is divided by the reads
 * answered. A run slows by about what its readers take from the cores it needs, so this is the figure to cut.
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
import { cpuSnapshot, ticksPerSecond, used, type CpuSnapshot } from './harness/cpu-usage';
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
    const phases: [string, 'id' | 'search' | undefined][] = [
      ['GET /credentials/:id', 'id'],
      ['GET /credentials?q=', 'search'],
      ['mixed 3:1', undefined],
    ];
    const result: Record<string, unknown> = {};
    for (const [name, only] of phases) {
      // The monotonic clock a --cpu-prof profile of the API counts in (µs): its samples in this phase lie between.
      const from = process.hrtime.bigint() / 1000n;
      const before: CpuSnapshot = cpuSnapshot(roots);
      const selfBefore = process.cpuUsage();
      const reads = await readFor(only);
      const after = cpuSnapshot(roots);
      const to = process.hrtime.bigint() / 1000n;
      const self = process.cpuUsage(selfBefore);
      const perRead = (ticks: number) => Math.round(((1000 * ticks) / ticksPerSecond / reads.requests) * 100) / 100;
      const cpu: Record<string, number> = Object.fromEntries(
        Object.entries(after.trees).map(([tree, pids]) => [tree, perRead(used(before.trees[tree], pids))]),
      );
      cpu.client = Math.round(((self.user + self.system) / 1000 / reads.requests) * 100) / 100;
      const busy = after.machine.busy - before.machine.busy;
      cpu.machine = perRead(busy); // every process on the machine, this script's kernel work too
      say(
        `${name}: ${reads.requests} reads, p50 ${reads.p50Ms.toFixed(1)} ms, p99 ${reads.p99Ms.toFixed(1)} ms; CPU ms per read ${JSON.stringify(cpu)} (monotonic µs ${from}–${to})`,
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
