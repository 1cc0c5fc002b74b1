import { Client, Connection } from '@temporalio/client';
import { sql } from '../support/db';
import { certificateOfCompletion, courseWithLearners, requestInBulk } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';
import { workflowIds } from '../../temporal/ids';

let sut: RunningSystem;
let temporal: Client;

beforeAll(async () => {
  sut = await startSystem({ STRANDED_REQUEST_SECONDS: '2' });
  temporal = new Client({ connection: await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! }) });
});

afterAll(async () => {
  await temporal?.connection.close();
  await sut?.stop();
});

/** Terminates a workflow once the API has started it (right after answering): as if it never started. */
async function neverStarted(workflowId: string): Promise<void> {
  const handle = temporal.workflow.getHandle(workflowId);
  await eventually(
    () =>
      handle.describe().then(
        () => true,
        () => undefined,
      ),
    30_000,
    `workflow ${workflowId} to start`,
  );
  await handle.terminate('test: the start never happened');
}

describe('stranded credential requests', () => {
  it('generates, once, a credential saved as Requested whose workflow never ran (the API died before starting it)', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Stranded', 'Learner']]);
    // With no worker polling, the request's workflow waits; terminating it leaves what an API crash between the
    // commit and the start leaves: a Requested credential and no workflow.
    await sut.killWorker('SIGKILL');
    const requested = await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
      body: { templateId: certificateOfCompletion, credentialDate: '2026-11-25' },
    });
    expect(requested.status).toBe(202);
    const { id } = requested.body;
    await neverStarted(workflowIds.credential(id));
    await sut.startWorker();

    const generated = await eventually(
      async () => {
        const { body } = await sut.call('GET', `/credentials/${id}`);
        return body.status === 'Generated' ? body : undefined;
      },
      60_000,
      'the stranded credential to be generated',
    );
    expect(generated.document.version).toBe(1);
    expect(generated.history.map((e: { event: string }) => e.event)).toEqual([
      'Requested',
      'GenerationStarted',
      'Generated',
    ]);
    expect(await sql('select count(*)::int as n from document_version where credential_id = $1', [id])).toEqual([
      { n: 1 },
    ]);
  }, 120_000);

  it('leaves a deleted request alone', async () => {
    const { enrolments } = await courseWithLearners(sut, [
      ['Withdrawn', 'Request'],
      ['Control', 'Request'],
    ]);
    await sut.killWorker('SIGKILL');
    const ids: string[] = [];
    for (const enrolment of enrolments) {
      const { body } = await sut.call('POST', `/course-enrolments/${enrolment.id}/credentials`, {
        body: { templateId: certificateOfCompletion, credentialDate: '2026-11-25' },
      });
      await neverStarted(workflowIds.credential(body.id));
      ids.push(body.id);
    }
    await sql('update credential set deleted_at = now() where id = $1', [ids[0]]);
    await sut.startWorker();
    // Once the sweep has generated the control, it has also passed over the deleted one.
    await eventually(
      async () => {
        const { body } = await sut.call('GET', `/credentials/${ids[1]}`);
        return body.status === 'Generated' ? body : undefined;
      },
      60_000,
      'the stranded control credential to be generated',
    );
    expect(await sql('select status from credential where id = $1', [ids[0]])).toEqual([{ status: 'Requested' }]);
    const runs = temporal.workflow.list({
      query: `WorkflowId = 'credential-${ids[0]}' AND ExecutionStatus != 'Terminated'`,
    });
    for await (const run of runs)
      throw new Error(`a run was started for the deleted request: ${run.runId} (${run.status.name})`);
  }, 120_000);

  it('starts, once, a bulk run saved as Running whose workflow never ran, and it completes', async () => {
    const { offer, enrolments } = await courseWithLearners(sut, [
      ['Bulk', 'Stranded'],
      ['Bulk', 'Stranded2'],
    ]);
    await sut.killWorker('SIGKILL');
    const started = await requestInBulk(sut, offer.id, enrolments);
    expect(started.status).toBe(202);
    const { bulkRunId } = started.body;
    // As if the API died before starting it: a Running run and no workflow.
    await neverStarted(workflowIds.bulkRun(bulkRunId));
    await sut.startWorker();

    const run = await eventually(
      async () => {
        const { body } = await sut.call('GET', `/bulk-runs/${bulkRunId}`);
        return body.status === 'Completed' ? body : undefined;
      },
      90_000,
      'the stranded bulk run to complete',
    );
    expect(run).toMatchObject({ total: 2, succeeded: 2, failed: 0 });
    expect(
      await sql(
        `select count(*)::int as n from credential where course_enrolment_id = any($1::uuid[]) and deleted_at is null`,
        [enrolments.map((e: { id: string }) => e.id)],
      ),
    ).toEqual([{ n: 2 }]);
    // The offer's search attribute came from the stored run, as the API would have set it.
    const description = await temporal.workflow.getHandle(workflowIds.bulkRun(bulkRunId)).describe();
    expect(description.searchAttributes.CourseOfferId).toEqual([offer.id]);
  }, 150_000);
});
