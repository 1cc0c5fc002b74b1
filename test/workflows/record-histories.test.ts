/**
 * Records the histories that test/workflows/replay.test.ts replays. Skipped unless RECORD_HISTORIES=1: run it on
 * purpose, when a workflow change is meant to change what the workflows do, and commit the new files with the change
 * (after making sure the change is safe for runs already in flight, or patched):
 *
 *   RECORD_HISTORIES=1 npx jest test/workflows/record-histories.test.ts
 *
 * Each scenario drives the real API and worker processes, then saves every run of the workflows it touched as
 * test/fixtures/histories/<scenario>.<workflow type>.<n>.json (the JSON the Temporal CLI and UI export). Recordings
 * of older paths stay beside them, named for the path (before-patches-*, one-step-actions-*, batches-of-50-*): runs
 * on them must keep replaying while any could be in flight.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { sql } from '../support/db';
import { certificateOfCompletion, courseWithLearners } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';
import { historiesDir, historyToJson } from '../support/workflows';
import { workflowIds } from '../../temporal/ids';

const recording = process.env.RECORD_HISTORIES === '1';
const describeRecording = recording ? describe : describe.skip;

let sut: RunningSystem;
let temporal: Client;

beforeAll(async () => {
  if (!recording) return;
  sut = await startSystem({ DATA_FIX_DEBOUNCE_SECONDS: '2' });
  temporal = new Client({ connection: await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! }) });
});

afterAll(async () => {
  await temporal?.connection.close();
  await sut?.stop();
});

const credentialOf = async (id: string) => (await sut.call('GET', `/credentials/${id}`)).body;

async function credentialIn(id: string, statuses: string[]) {
  return eventually(
    async () => {
      const credential = await credentialOf(id);
      return statuses.includes(credential.status) ? credential : undefined;
    },
    90_000,
    `credential ${id} to be ${statuses.join(' or ')}`,
  );
}

async function bulkRunCompleted(bulkRunId: string) {
  return eventually(
    async () => {
      const { body } = await sut.call('GET', `/bulk-runs/${bulkRunId}`);
      return body.status === 'Completed' ? body : undefined;
    },
    120_000,
    `bulk run ${bulkRunId} to complete`,
  );
}

/** Every run of these workflow ids, once all of them have closed, oldest first. */
async function closedRuns(workflowIds: string[]) {
  const query = workflowIds.map((id) => `WorkflowId = "${id}"`).join(' OR ');
  return eventually(
    async () => {
      const runs = [];
      for await (const run of temporal.workflow.list({ query })) runs.push(run);
      const ids = new Set(runs.map((run) => run.workflowId));
      if (workflowIds.some((id) => !ids.has(id)) || runs.some((run) => run.status.name === 'RUNNING')) return undefined;
      return runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    },
    120_000,
    `every run of ${workflowIds.join(', ')} to close`,
  );
}

/** Replaces the scenario's recorded histories with every run of these workflows. */
async function record(scenario: string, workflowIds: string[]): Promise<void> {
  mkdirSync(historiesDir, { recursive: true });
  for (const file of readdirSync(historiesDir).filter((f) => f.startsWith(`${scenario}.`)))
    rmSync(join(historiesDir, file));
  const counts = new Map<string, number>();
  for (const run of await closedRuns(workflowIds)) {
    const n = (counts.get(run.type) ?? 0) + 1;
    counts.set(run.type, n);
    const history = await temporal.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
    const file = join(historiesDir, `${scenario}.${run.type}.${n}.json`);
    writeFileSync(file, historyToJson(history));
  }
}

/** The history's events of one type, from a run still going. */
async function eventsOf(workflowId: string, type: string): Promise<unknown[]> {
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).filter((event) => (event as Record<string, unknown>)[type]);
}

async function requestOne(enrolmentId: string): Promise<string> {
  const request = await sut.call('POST', `/course-enrolments/${enrolmentId}/credentials`, {
    body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
  });
  expect(request.status).toBe(202);
  return request.body.id;
}

describeRecording('recording workflow histories for the replay tests', () => {
  it('credential-lifecycle: a single request generated, then issued, printed, emailed and cancelled', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Replay', 'Lifecycle']]);
    const id = await requestOne(enrolments[0].id);
    await credentialIn(id, ['Generated']);
    expect((await sut.call('POST', `/credentials/${id}/issue`)).status).toBe(200);
    expect((await sut.call('POST', `/credentials/${id}/print`)).status).toBe(200);
    expect((await sut.call('POST', `/credentials/${id}/email`, { body: {} })).status).toBe(202);
    expect((await sut.call('POST', `/credentials/${id}/cancel`, { body: { reason: 'Recorded' } })).status).toBe(200);
    await eventually(async () => ((await credentialOf(id)).emailStatus === 'Sent' ? true : undefined));
    await record('credential-lifecycle', [workflowIds.credential(id)]);
  }, 180_000);

  it('generation-failed: a single request whose organisation logo is damaged', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Replay', 'Broken']]);
    // As in credential-generation.test.ts: a PNG whose IDAT chunk is cut off, which the renderer refuses.
    const png = Buffer.concat([
      Buffer.from('89504e470d0a1a0a', 'hex'),
      Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
      Buffer.from('0000006449444154789c', 'hex'),
    ]);
    await sql('update organisation set logo_png = $1', [png]);
    try {
      const id = await requestOne(enrolments[0].id);
      await credentialIn(id, ['GenerationFailed']);
      await record('generation-failed', [workflowIds.credential(id)]);
    } finally {
      await sql('update organisation set logo_png = null');
    }
  }, 180_000);

  it('bulk: a bulk request (continued as new, one credential retried as a child) and a bulk issue', async () => {
    // An Ethiopic name: no bundled font prints it, so its batch leaves it to a child credential workflow.
    const { offer, enrolments } = await courseWithLearners(sut, [
      ['Replay', 'BulkOne'],
      ['ኃይሌ', 'BulkTwo'],
      ['Replay', 'BulkThree'],
    ]);
    const enrolmentIds = enrolments.map((e: { id: string }) => e.id);
    const requested = await sut.call('POST', `/course-offers/${offer.id}/credential-requests`, {
      body: { templateId: certificateOfCompletion, credentialDate: '2026-11-25', enrolmentIds },
    });
    expect(requested.status).toBe(202);
    expect(await bulkRunCompleted(requested.body.bulkRunId)).toMatchObject({ succeeded: 2, failed: 1 });
    const credentials = await sql<{ id: string; status: string }>(
      'select id, status from credential where course_enrolment_id = any($1) order by id',
      [enrolmentIds],
    );
    const child = credentials.find((c) => c.status === 'GenerationFailed')!;
    await record('bulk-request', [workflowIds.bulkRun(requested.body.bulkRunId), workflowIds.credential(child.id)]);

    const generated = credentials.filter((c) => c.status === 'Generated').map((c) => c.id);
    const issue = await sut.call('POST', '/credentials/actions', {
      body: { action: 'issue', credentialIds: generated },
    });
    expect(issue.status).toBe(202);
    expect(await bulkRunCompleted(issue.body.bulkRunId)).toMatchObject({ succeeded: 2, failed: 0 });
    await record('bulk-issue', [
      workflowIds.bulkRun(issue.body.bulkRunId),
      ...generated.map((id) => workflowIds.credential(id)),
    ]);
  }, 300_000);

  it('data-fix: a burst of edits debounced into one reissue, and an edit during the reissue into a second', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Replay', 'Smiht']]);
    const learnerId = enrolments[0].learner.id;
    const id = await requestOne(enrolments[0].id);
    await credentialIn(id, ['Generated']);
    const dataFixId = workflowIds.dataFix('learner', learnerId);

    for (const familyName of ['Smiht-', 'Smit', 'Smith'])
      expect((await sut.call('PATCH', `/learners/${learnerId}`, { body: { familyName } })).status).toBe(200);
    await eventually(
      async () =>
        (await eventsOf(dataFixId, 'activityTaskScheduledEventAttributes')).some(
          (e) => (e as any).activityTaskScheduledEventAttributes.activityType?.name === 'reissueCredential',
        ) || undefined,
      60_000,
      'the first round to reissue',
    );
    expect((await sut.call('PATCH', `/learners/${learnerId}`, { body: { familyName: 'Smyth' } })).status).toBe(200);

    // The last edit may reach the first round's render (then the second round finds nothing left to reissue) or not.
    await temporal.workflow.getHandle(dataFixId).result();
    await credentialIn(id, ['Generated']);
    await record('data-fix', [dataFixId, workflowIds.credential(id)]);
  }, 300_000);
});
