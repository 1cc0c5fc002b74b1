import { readdirSync, readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { sql } from '../support/db';
import { courseWithLearners, requestInBulk } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';

let sut: RunningSystem;
let temporal: Client;

beforeAll(async () => {
  sut = await startSystem();
  temporal = new Client({ connection: await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! }) });
});

afterAll(async () => {
  await temporal?.connection.close();
  await sut?.stop();
});

/** Render processes of this test run's build (their environment says WORKER_ROLE=render). */
function renderProcessPids(): string[] {
  const build = process.env.TEST_DIST_DIR!;
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        return (
          readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(build) &&
          readFileSync(`/proc/${pid}/environ`, 'utf8').includes('WORKER_ROLE=render')
        );
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    });
}

/** Credentials in the tests' bulk runs: five batches of fifty, so the run is still going when its first is in. */
const runSize = 250;

/** A bulk request for `runSize` new learners' certificates: their enrolment ids, the run's id and its path. */
async function requestMany(family: string) {
  const names = Array.from({ length: runSize }, (_, i): [string, string] => [`${family}${i + 1}`, 'Learner']);
  const { offer, enrolments } = await courseWithLearners(sut, names);
  const enrolmentIds: string[] = enrolments.map((e: { id: string }) => e.id);
  const started = await requestInBulk(sut, offer.id, enrolments);
  expect(started.status).toBe(202);
  return { enrolmentIds, bulkRunId: started.body.bulkRunId as string, runPath: `/bulk-runs/${started.body.bulkRunId}` };
}

/**
 * The run once its first batch is in, looked for every 20 ms: the tests act mid-run.
 */
async function firstBatchIn(runPath: string) {
  const deadline = Date.now() + 60_000;
  let run = (await sut.call('GET', runPath)).body;
  while (run.succeeded < 1) {
    if (Date.now() > deadline) throw new Error(`the run never got going: ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    run = (await sut.call('GET', runPath)).body;
  }
  return run;
}

describe('durability', () => {
  it('stops a render process whose worker is SIGKILLed while the render process is still warming up', async () => {
    await sut.killWorker('SIGKILL');
    await eventually(
      async () => (renderProcessPids().length === 0 ? true : undefined),
      15_000,
      'the first render process to exit',
    );
    await sut.startWorker();
    const [pid] = await eventually(
      async () => {
        const pids = renderProcessPids();
        return pids.length ? pids : undefined;
      },
      15_000,
      'a render process to start',
    );
    await sut.killWorker('SIGKILL'); // its warm-up takes seconds: it is still warming up
    await eventually(
      async () => (renderProcessPids().length === 0 ? true : undefined),
      15_000,
      `render process ${pid} to exit`,
    );
    await sut.startWorker();
  }, 60_000);

  it('retries at once the renders of a render process SIGKILLed mid-render, and starts another', async () => {
    const { enrolmentIds, bulkRunId, runPath } = await requestMany('Rerender');
    // Mid-render: the run has rendered its first batch (so the process is past its warm-up) and the process is on the
    // CPU (it does nothing but render).
    await firstBatchIn(runPath);
    const [rendering] = renderProcessPids();
    const onCpu = () => readFileSync(`/proc/${rendering}/stat`, 'utf8').split(') ')[1]?.startsWith('R');
    const deadline = Date.now() + 30_000;
    while (!onCpu()) {
      if (Date.now() > deadline) throw new Error(`render process ${rendering} never seen rendering`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    process.kill(Number(rendering), 'SIGKILL');

    const run = await eventually(
      async () => {
        const { body } = await sut.call('GET', runPath);
        return body.status === 'Completed' ? body : undefined;
      },
      120_000,
      'the run to complete',
    );
    expect(run).toMatchObject({ total: runSize, succeeded: runSize, failed: 0 });
    expect(renderProcessPids()).toHaveLength(1);
    expect(renderProcessPids()).not.toContain(rendering);
    const documents = await sql(
      `select count(*)::int as n, count(distinct d.credential_id)::int as credentials from document_version d
         join credential c on c.id = d.credential_id where c.course_enrolment_id = any($1)`,
      [enrolmentIds],
    );
    expect(documents).toEqual([{ n: runSize, credentials: runSize }]);
    // The retried batch resumed its credentials: no event twice.
    const histories = await sql(
      `select array_agg(e.event order by e.created_at, e.id) as events from credential c
         join credential_event e on e.credential_id = c.id where c.course_enrolment_id = any($1) group by c.id`,
      [enrolmentIds],
    );
    expect(histories).toHaveLength(runSize);
    for (const { events } of histories) expect(events).toEqual(['Requested', 'GenerationStarted', 'Generated']);

    // The batch that was rendering failed with the reason and was retried, not left to its heartbeat timeout.
    const retried = await eventually(
      async () => {
        const retries = [];
        for await (const execution of temporal.workflow.list({ query: `WorkflowId = "bulk-${bulkRunId}"` })) {
          const history = await temporal.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
          for (const event of history.events ?? []) {
            const attributes = event.activityTaskStartedEventAttributes;
            if (attributes?.lastFailure)
              retries.push({ attempt: attributes.attempt, message: attributes.lastFailure.message });
          }
        }
        return retries.length ? retries : undefined;
      },
      30_000,
      "the retried batch in the run's history",
    );
    expect(retried).toContainEqual({
      attempt: 2,
      message: expect.stringMatching(new RegExp(`render process \\(pid ${rendering}\\) exited \\(SIGKILL\\)`)),
    });
  }, 180_000);

  it('finishes a bulk request of 250 after the worker is SIGKILLed mid-run, with nothing lost or doubled', async () => {
    const { enrolmentIds, runPath } = await requestMany('Durable');

    // Killed as soon as the first batch is in (a 250 ms poll at five successes sometimes found the run done).
    const midway = await firstBatchIn(runPath);
    expect(midway.status).toBe('Running');
    await sut.killWorker('SIGKILL');
    const whileDown = (await sut.call('GET', runPath)).body;
    expect(whileDown.succeeded).toBeLessThan(runSize);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await sut.startWorker();

    const run = await eventually(
      async () => {
        const { body } = await sut.call('GET', runPath);
        return body.status === 'Completed' ? body : undefined;
      },
      240_000,
      'the run to complete after the crash',
    );
    expect(run).toMatchObject({ total: runSize, succeeded: runSize, failed: 0, pending: 0 });

    const perEnrolment = await sql(
      `select count(*)::int as credentials, count(*) filter (where status = 'Generated')::int as generated
         from credential where course_enrolment_id = any($1) group by course_enrolment_id`,
      [enrolmentIds],
    );
    expect(perEnrolment).toHaveLength(runSize);
    expect(perEnrolment.every((row) => row.credentials === 1 && row.generated === 1)).toBe(true);
    const documents = await sql(
      `select count(*)::int as n, count(distinct d.credential_id)::int as credentials, max(d.version)::int as newest
         from document_version d join credential c on c.id = d.credential_id where c.course_enrolment_id = any($1)`,
      [enrolmentIds],
    );
    expect(documents).toEqual([{ n: runSize, credentials: runSize, newest: 1 }]);
  }, 360_000); // includes Temporal noticing the dead worker (heartbeat timeouts of 30 s)
});
