import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client, Connection } from '@temporalio/client';
import { createBulkActivities } from '../../activities/bulk-runs';
import { ormConfig } from '../../domain/orm-config';
import type { WorkflowsClient } from '../../temporal/client';
import { runFailure } from '../support/temporal';
import { sql } from '../support/db';
import { workflowIds } from '../../temporal/ids';
import { certificateOfCompletion, courseWithLearners, requestInBulk, testamur } from '../support/fixtures';
import { pdfText } from '../support/pdf-text';
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

async function finished(bulkRunId: string, timeoutMs = 120_000) {
  return eventually(
    async () => {
      const { body } = await sut.call('GET', `/bulk-runs/${bulkRunId}`);
      return body.status === 'Completed' ? body : undefined;
    },
    timeoutMs,
    `bulk run ${bulkRunId} to complete`,
  );
}

/** The activities of a bulk run's first page (it then continued as new, to find nothing left), in history order. */
async function pageActivities(bulkRunId: string) {
  const workflowId = workflowIds.bulkRun(bulkRunId);
  const firstRun = await eventually(
    async () => {
      const runs = [];
      for await (const wf of temporal.workflow.list({ query: `WorkflowId = "${workflowId}"` })) runs.push(wf);
      return runs.find((wf) => wf.status.name === 'CONTINUED_AS_NEW');
    },
    30_000,
    "visibility to list the run's page",
  );
  const events = (await temporal.workflow.getHandle(workflowId, firstRun.runId).fetchHistory()).events ?? [];
  const activities = new Map<
    string,
    { name: string; input: { seqs: number[] }; scheduledAt: number; completedAt?: number }
  >();
  for (const [at, event] of events.entries()) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) {
      const input = JSON.parse(Buffer.from(scheduled.input!.payloads![0]!.data!).toString());
      activities.set(String(event.eventId), { name: scheduled.activityType!.name!, input, scheduledAt: at });
    }
    const completed = event.activityTaskCompletedEventAttributes;
    const activity = completed && activities.get(String(completed.scheduledEventId));
    if (activity) activity.completedAt = at;
  }
  return [...activities.values()];
}

const names = (n: number, family: string): Array<[string, string]> =>
  Array.from({ length: n }, (_, i) => [`Learner${i + 1}`, family]);

describe('bulk runs', () => {
  it('requests a course offer in bulk: every enrolment once, failing ones counted and listed, never the run', async () => {
    // The seventh learner's name has a letter no bundled font can print: that credential cannot be rendered.
    const learners = names(12, 'Bulk').map(([given, family], i): [string, string] =>
      i === 6 ? ['አበበ', family] : [given, family],
    );
    const { offer, enrolments } = await courseWithLearners(sut, learners);
    const ids = enrolments.map((e: { id: string }) => e.id);
    const body = { templateId: certificateOfCompletion, credentialDate: '2026-11-25' };
    // One enrolment already has its certificate: the run must not make a second one.
    const earlier = await sut.call('POST', `/course-enrolments/${ids[3]}/credentials`, { body });
    expect(earlier.status).toBe(202);

    const started = await sut.call('POST', `/course-offers/${offer.id}/credential-requests`, {
      body: { ...body, enrolmentIds: ids },
    });
    expect(started.status).toBe(202);
    const run = await finished(started.body.bulkRunId);
    expect(run).toMatchObject({
      action: 'request',
      total: 12,
      succeeded: 10,
      failed: 2,
      pending: 0,
      finishedAt: expect.any(String),
    });
    const unprintable = (await sql('select id from credential where course_enrolment_id = $1', [ids[6]]))[0]!;
    expect(run.failures).toEqual([
      { targetId: ids[3], credentialId: null, message: expect.stringContaining(earlier.body.number) },
      {
        targetId: ids[6],
        credentialId: unprintable.id,
        message: expect.stringMatching(/Rendering failed: .*"አ" \(U\+12A0\)/),
      },
    ]);

    // The earlier single request has a workflow of its own, which may still be rendering when the run completes.
    await eventually(
      async () => (await sut.call('GET', `/credentials/${earlier.body.id}`)).body.status === 'Generated' || undefined,
      60_000,
      'the earlier single request to be generated',
    );
    const rows = await sql(
      `select course_enrolment_id as e, count(*)::int as n, min(status) as status from credential
        where course_enrolment_id = any($1) group by course_enrolment_id`,
      [ids],
    );
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(
      rows
        .filter((r) => r.status === 'Generated')
        .map((r) => r.e)
        .sort(),
    ).toEqual(ids.filter((id: string) => id !== ids[6]).sort());
    expect(
      await sql(
        `select count(*)::int as n from document_version d join credential c on c.id = d.credential_id where c.course_enrolment_id = any($1)`,
        [ids],
      ),
    ).toEqual([{ n: 11 }]);

    // Ops find the run in the Temporal UI by BulkRunId, and each credential it could not generate as a workflow of its
    // own, with the reason in that workflow's history.
    await eventually(
      async () => {
        const listed = [];
        for await (const wf of temporal.workflow.list({ query: `BulkRunId = "${started.body.bulkRunId}"` }))
          listed.push(wf);
        const credentialWorkflows = listed.filter((wf) => wf.type === 'credentialWorkflow');
        if (!listed.some((wf) => wf.type === 'bulkRunWorkflow') || credentialWorkflows.length !== 1) return undefined;
        expect(credentialWorkflows[0]!.workflowId).toBe(workflowIds.credential(unprintable.id));
        expect(credentialWorkflows[0]!.searchAttributes.CredentialStatus).toEqual(['GenerationFailed']);
        return listed;
      },
      30_000,
      'visibility to list the run and its failed generation',
    );
    const failure = await runFailure(temporal, workflowIds.credential(unprintable.id));
    // The run's failure names the credential and the script, never the learner's characters (the run lists those).
    expect(failure).toMatchObject({
      type: 'GenerationFailed',
      message: expect.stringMatching(/^Credential \S+: Rendering failed: .*Ethiopic script/),
    });
    expect(failure!.message).not.toContain('አ');
  });

  it('records and generates a large request fifty credentials to an activity, several activities at once', async () => {
    const { offer, enrolments } = await courseWithLearners(sut, names(150, 'Batches'));
    const started = await requestInBulk(sut, offer.id, enrolments);
    expect(started.status).toBe(202);
    expect(await finished(started.body.bulkRunId)).toMatchObject({ total: 150, succeeded: 150, failed: 0 });

    const activities = await pageActivities(started.body.bulkRunId);
    const batches = activities.filter((a) => a.name === 'recordAndGenerateBatch');
    const [first, second, third] = batches;
    // Three lanes, their first batches staggered (a third, two thirds and all of fifty), then fifty at a time.
    expect(batches.map((b) => b.input.seqs.length)).toEqual([17, 34, 50, 49]);
    // Each batch records its own requests: no activity of the page's but its load and its batches.
    expect(activities.map((a) => a.name)).toEqual(['loadBulkPage', ...Array(4).fill('recordAndGenerateBatch')]);
    // The second batch went to a worker while the first was still rendering: batches overlap.
    expect(second!.scheduledAt).toBeLessThan(first!.completedAt!);
    expect(third!.completedAt).toBeDefined();

    // Each credential was recorded Generating, its request and the start of its generation one transaction (so its
    // row written once, not inserted and then updated), and its history lists the three events in order.
    const histories = await sql(
      `select array_agg(e.event order by e.created_at, e.id) as events,
              count(distinct e.xmin::text) filter (where e.event <> 'Generated')::int as transactions
         from bulk_run_item i join credential_event e on e.credential_id = i.credential_id
        where i.bulk_run_id = $1 group by i.credential_id`,
      [started.body.bulkRunId],
    );
    expect(histories).toHaveLength(150);
    for (const history of histories)
      expect(history).toEqual({ events: ['Requested', 'GenerationStarted', 'Generated'], transactions: 1 });
  });

  it("refuses targets that are not the offer's, unknown credentials, and a cancel without a reason", async () => {
    const { offer, enrolments: here } = await courseWithLearners(sut, names(1, 'Here'));
    const { enrolments: elsewhere } = await courseWithLearners(sut, names(1, 'Elsewhere'));
    const nowhere = '00000000-0000-4000-8000-0000000000dd';
    const wrong = await sut.call('POST', `/course-offers/${offer.id}/credential-requests`, {
      body: {
        templateId: certificateOfCompletion,
        credentialDate: '2026-11-25',
        enrolmentIds: [nowhere, here[0].id, elsewhere[0].id],
      },
    });
    expect(wrong.status).toBe(400);
    // Only the strangers, in the order given.
    expect(wrong.body.details[0]).toEqual({
      field: 'enrolmentIds',
      messages: [`not enrolments of course offer ${offer.id}: ${nowhere}, ${elsewhere[0].id}`],
    });
    const notQualifications = await sut.call('POST', '/qualification-enrolments/credential-requests', {
      body: { templateId: testamur, credentialDate: '2026-11-25', enrolmentIds: [here[0].id] },
    });
    expect(notQualifications.status).toBe(404);
    expect(notQualifications.body.message).toBe(`Qualification enrolments not found: ${here[0].id}`);
    const duplicate = await sut.call('POST', `/course-offers/${offer.id}/credential-requests`, {
      body: {
        templateId: certificateOfCompletion,
        credentialDate: '2026-11-25',
        enrolmentIds: [elsewhere[0].id, elsewhere[0].id],
      },
    });
    expect(duplicate.status).toBe(400);
    const unknown = await sut.call('POST', '/credentials/actions', {
      body: { action: 'issue', credentialIds: ['00000000-0000-4000-8000-0000000000ee'] },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('00000000-0000-4000-8000-0000000000ee');
    const noReason = await sut.call('POST', '/credentials/actions', {
      body: { action: 'cancel', credentialIds: ['00000000-0000-4000-8000-0000000000ee'] },
    });
    expect(noReason.status).toBe(400);
    expect((await sut.call('GET', '/bulk-runs/00000000-0000-4000-8000-0000000000ee')).status).toBe(404);
  });

  it('issues and cancels in bulk, each credential through its own workflow, five items to an activity', async () => {
    const { offer, enrolments } = await courseWithLearners(sut, names(7, 'Actions'));
    const body = {
      templateId: certificateOfCompletion,
      credentialDate: '2026-11-25',
      enrolmentIds: enrolments.map((e: { id: string }) => e.id),
    };
    await finished((await sut.call('POST', `/course-offers/${offer.id}/credential-requests`, { body })).body.bulkRunId);
    const credentials = await sql<{ id: string }>(
      'select id from credential where course_enrolment_id = any($1) order by id',
      [body.enrolmentIds],
    );
    const ids = credentials.map((c) => c.id);

    const issue = await sut.call('POST', '/credentials/actions', {
      body: { action: 'issue', credentialIds: ids.slice(0, 4) },
    });
    expect(issue.status).toBe(202);
    expect(await finished(issue.body.bulkRunId)).toMatchObject({ total: 4, succeeded: 4, failed: 0 });

    const cancel = await sut.call('POST', '/credentials/actions', {
      body: { action: 'cancel', credentialIds: ids, reason: 'Course delivered in error' },
    });
    expect(await finished(cancel.body.bulkRunId)).toMatchObject({ total: 7, succeeded: 7, failed: 0 });
    // Its page ran the seven items in two activities of five and two, both in flight at once.
    const activities = await pageActivities(cancel.body.bulkRunId);
    expect(activities.map((a) => [a.name, a.input.seqs?.length])).toEqual([
      ['loadBulkPage', undefined],
      ['runBulkItems', 5],
      ['runBulkItems', 2],
    ]);
    expect(activities[2]!.scheduledAt).toBeLessThan(activities[1]!.completedAt!);
    const statuses = await sql('select status, status_reason from credential where id = any($1)', [ids]);
    expect(statuses.every((s) => s.status === 'Cancelled' && s.status_reason === 'Course delivered in error')).toBe(
      true,
    );

    const again = await sut.call('POST', '/credentials/actions', {
      body: { action: 'issue', credentialIds: ids.slice(0, 2) },
    });
    const refused = await finished(again.body.bulkRunId);
    expect(refused).toMatchObject({ total: 2, succeeded: 0, failed: 2 });
    expect(refused.failures[0].message).toContain('Cancelled');
  });
});

describe("a group of an action run's items", () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await MikroORM.init(ormConfig(process.env.TEST_DATABASE_URL!));
  });
  afterAll(async () => {
    await orm?.close();
  });

  it("writes the others' outcomes when one item cannot reach Temporal, so the retry runs only that one", async () => {
    const { offer, enrolments } = await courseWithLearners(sut, names(3, 'Grouped'));
    await finished((await requestInBulk(sut, offer.id, enrolments)).body.bulkRunId);
    const ids = (
      await sql<{ id: string }>('select id from credential where course_enrolment_id = any($1) order by id', [
        enrolments.map((e: { id: string }) => e.id),
      ])
    ).map((c) => c.id);
    const runId = randomUUID();
    await sql(
      `insert into bulk_run (id, created_at, updated_at, action, total, params)
       values ($1, now(), now(), 'print', 3, '{"actor": "grouped test"}')`,
      [runId],
    );
    for (const [index, id] of ids.entries()) {
      await sql(
        `insert into bulk_run_item (id, created_at, updated_at, bulk_run_id, seq, target_id)
         values ($1, now(), now(), $2, $3, $4)`,
        [randomUUID(), runId, index + 1, id],
      );
    }
    // Temporal, as the activity's client sees it: the second credential's Update cannot get through, once.
    const sent: string[] = [];
    let away = true;
    const workflows = {
      actOnCredential: async (credential: { id: string; status: string }) => {
        sent.push(credential.id);
        if (away && credential.id === ids[1]) throw new Error('Temporal is unreachable');
        return { status: credential.status };
      },
    } as unknown as WorkflowsClient;
    const activities = createBulkActivities({ orm, workflows });
    const items = () =>
      sql('select seq, status from bulk_run_item where bulk_run_id = $1 order by seq', [runId]).then((rows) =>
        rows.map((row) => `${row.seq} ${row.status}`),
      );

    await expect(activities.runBulkItems({ runId, seqs: [1, 2, 3] })).rejects.toThrow('Temporal is unreachable');
    expect(await items()).toEqual(['1 Succeeded', '2 Pending', '3 Succeeded']);
    away = false;
    sent.length = 0;
    await activities.runBulkItems({ runId, seqs: [1, 2, 3] });
    expect(sent).toEqual([ids[1]]);
    expect(await items()).toEqual(['1 Succeeded', '2 Succeeded', '3 Succeeded']);
    expect(await sql('select succeeded, failed from bulk_run where id = $1', [runId])).toEqual([
      { succeeded: 3, failed: 0 },
    ]);
  });
});

describe('the list of bulk runs', () => {
  it('lists runs newest first, filtered by status, each with its workflow id and a link to it in the Temporal UI', async () => {
    const { offer, enrolments } = await courseWithLearners(sut, names(2, 'Listed'));
    const request = async (enrolment: { id: string }) =>
      (await requestInBulk(sut, offer.id, [enrolment])).body.bulkRunId as string;
    const first = await request(enrolments[0]);
    await finished(first);
    const second = await request(enrolments[1]);
    const done = await finished(second);
    const link = (id: string) => ({
      workflowId: workflowIds.bulkRun(id),
      workflowUrl: `http://localhost:8233/namespaces/default/workflows/${encodeURIComponent(workflowIds.bulkRun(id))}`,
    });
    expect(done).toMatchObject({ id: second, ...link(second) });

    const viewer = (await sut.call('POST', '/api-keys', { body: { name: 'bulk list viewer', role: 'viewer' } })).body
      .key;
    const page = await sut.call('GET', '/bulk-runs?status=Completed&pageSize=500', { key: viewer });
    expect(page.status).toBe(200);
    const listed = page.body.items.map((run: { id: string }) => run.id);
    expect(listed.indexOf(second)).toBeLessThan(listed.indexOf(first));
    expect(page.body.items.find((run: { id: string }) => run.id === second)).toEqual({
      id: second,
      action: 'request',
      status: 'Completed',
      total: 1,
      succeeded: 1,
      failed: 0,
      pending: 0,
      startedAt: done.startedAt,
      finishedAt: done.finishedAt,
      ...link(second),
    });
    const running = (await sut.call('GET', '/bulk-runs?status=Running&pageSize=500')).body.items;
    expect(running.map((run: { id: string }) => run.id)).not.toContain(second);
    const paged = (await sut.call('GET', '/bulk-runs?pageSize=1')).body;
    expect(paged).toMatchObject({ page: 1, pageSize: 1, items: [expect.any(Object)] });
    expect(paged.total).toBeGreaterThanOrEqual(2);
    const bad = await sut.call('GET', '/bulk-runs?status=Stuck');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('status must be one of Running, Completed');
  });
});

describe('bulk print', () => {
  it('prints in bulk and serves one merged PDF in the order asked', async () => {
    const { offer, enrolments } = await courseWithLearners(sut, [
      ['Zed', 'Printer'],
      ['Amy', 'Printer'],
      ['Max', 'Printer'],
    ]);
    const enrolmentIds = enrolments.map((e: { id: string }) => e.id);
    await finished((await requestInBulk(sut, offer.id, enrolments)).body.bulkRunId);
    const rows = await sql<{ id: string; e: string }>(
      'select id, course_enrolment_id as e from credential where course_enrolment_id = any($1)',
      [enrolmentIds],
    );
    const byEnrolment = new Map(rows.map((r) => [r.e, r.id]));
    const order = [enrolmentIds[1], enrolmentIds[2], enrolmentIds[0]].map((e) => byEnrolment.get(e!)!);

    const print = await sut.call('POST', '/credentials/actions', { body: { action: 'print', credentialIds: order } });
    expect(print.status).toBe(202);
    await finished(print.body.bulkRunId);
    const merged = await sut.call('GET', `/bulk-runs/${print.body.bulkRunId}/document`);
    expect(merged.status).toBe(200);
    expect(merged.headers.get('content-type')).toContain('application/pdf');
    const text = await pdfText(merged.bytes);
    const positions = ['Amy Printer', 'Max Printer', 'Zed Printer'].map((name) => text.indexOf(name));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const printed = await sql(
      'select count(*)::int as n from credential where id = any($1) and printed_at is not null',
      [order],
    );
    expect(printed).toEqual([{ n: 3 }]);

    const notPrint = await sut.call('POST', '/credentials/actions', {
      body: { action: 'issue', credentialIds: order.slice(0, 1) },
    });
    expect((await sut.call('GET', `/bulk-runs/${notPrint.body.bulkRunId}/document`)).status).toBe(400);
  });
});
