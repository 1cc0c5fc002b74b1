import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { ActionRefusedError, WorkflowsClient } from '../../temporal/client';
import { sql } from '../support/db';
import { readAs, savedReason } from '../support/stale-reads';
import { certificateOfCompletion, courseWithLearners } from '../support/fixtures';
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

/** The names of the Updates every run of a credential's workflow accepted, oldest first. */
async function acceptedUpdates(credentialId: string): Promise<string[]> {
  const runs = [];
  for await (const run of temporal.workflow.list({ query: `WorkflowId = "credential-${credentialId}"` }))
    runs.push(run);
  runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  const names: string[] = [];
  for (const run of runs) {
    const history = await temporal.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
    for (const event of history.events ?? []) {
      const name = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name;
      if (name) names.push(name);
    }
  }
  return names;
}

/** A Generated certificate of completion for a new learner. */
async function generatedCredential(given = 'Action', family = 'Tester') {
  const { enrolments } = await courseWithLearners(sut, [[given, family]]);
  const request = await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
    body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
  });
  expect(request.status).toBe(202);
  return eventually(async () => {
    const { body } = await sut.call('GET', `/credentials/${request.body.id}`);
    return body.status === 'Generated' ? body : undefined;
  });
}

const events = (credential: { history: Array<{ event: string }> }) => credential.history.map((e) => e.event);

/** Waits until the credential's current run has ended, so the next action starts a run of its own. */
async function runEnded(credentialId: string): Promise<void> {
  const run = temporal.workflow.getHandle(`credential-${credentialId}`);
  await eventually(async () => (await run.describe().catch(() => null))?.status.name === 'COMPLETED' || undefined);
}

describe('single actions on a credential', () => {
  it('regenerates into a new document version and keeps the old one', async () => {
    const credential = await generatedCredential();
    const regenerated = await sut.call('POST', `/credentials/${credential.id}/regenerate`);
    expect(regenerated.status).toBe(200);
    expect(regenerated.body).toMatchObject({ status: 'Generated', document: { version: 2 } });
    expect(events(regenerated.body)).toEqual([
      'Requested',
      'GenerationStarted',
      'Generated',
      'RegenerationStarted',
      'Generated',
    ]);
    expect(regenerated.body.history[3].actor).toBe('ADMIN_API_KEY');
    const v1 = await sut.call('GET', `/credentials/${credential.id}/document?version=1`);
    const v2 = await sut.call('GET', `/credentials/${credential.id}/document`);
    expect(v1.status).toBe(200);
    expect(await pdfText(v2.bytes)).toContain('Action Tester');
    expect(
      await sql('select version from document_version where credential_id = $1 order by version', [credential.id]),
    ).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('issues once, then refuses to issue again or to regenerate, naming the state', async () => {
    const credential = await generatedCredential();
    const issued = await sut.call('POST', `/credentials/${credential.id}/issue`);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ status: 'Issued', issuedAt: expect.any(String) });
    const again = await sut.call('POST', `/credentials/${credential.id}/issue`);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('The credential is Issued');
    const regenerate = await sut.call('POST', `/credentials/${credential.id}/regenerate`);
    expect(regenerate.status).toBe(409);
    expect(regenerate.body.message).toContain('issued credentials are never regenerated');
    const remove = await sut.call('DELETE', `/credentials/${credential.id}`);
    expect(remove.status).toBe(409);
  });

  it('reaches the workflow as Updates named by what they do, which the Temporal UI shows', async () => {
    const credential = await generatedCredential('Named', 'Updates');
    for (const path of ['regenerate', 'issue', 'print']) {
      expect((await sut.call('POST', `/credentials/${credential.id}/${path}`)).status).toBe(200);
    }
    expect((await sut.call('POST', `/credentials/${credential.id}/cancel`, { body: { reason: 'Test' } })).status).toBe(
      200,
    );
    await eventually(async () => ((await acceptedUpdates(credential.id)).length === 4 ? true : undefined));
    expect(await acceptedUpdates(credential.id)).toEqual(['regenerate', 'issue', 'print', 'cancel']);
  });

  it('prints the current document and records when', async () => {
    const credential = await generatedCredential('Print', 'Me');
    const printed = await sut.call('POST', `/credentials/${credential.id}/print`);
    expect(printed.status).toBe(200);
    expect(printed.headers.get('content-type')).toContain('application/pdf');
    expect(await pdfText(printed.bytes)).toContain('Print Me');
    const after = (await sut.call('GET', `/credentials/${credential.id}`)).body;
    expect(after.printedAt).toEqual(expect.any(String));
    expect(events(after)).toContain('Printed');
  });

  it('cancels with a reason (required), after which every action is refused', async () => {
    const credential = await generatedCredential();
    const noReason = await sut.call('POST', `/credentials/${credential.id}/cancel`, { body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details).toEqual([
      { field: 'reason', messages: ['reason is required: say why the credential is cancelled'] },
    ]);
    const cancelled = await sut.call('POST', `/credentials/${credential.id}/cancel`, {
      body: { reason: 'Wrong course' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'Cancelled',
      statusReason: 'Wrong course',
      cancelledAt: expect.any(String),
    });
    expect(cancelled.body.history.at(-1)).toMatchObject({ event: 'Cancelled', detail: { reason: 'Wrong course' } });
    for (const path of ['issue', 'regenerate', 'cancel', 'email']) {
      const refused = await sut.call('POST', `/credentials/${credential.id}/${path}`, {
        body: path === 'cancel' ? { reason: 'again' } : {},
      });
      expect([path, refused.status]).toEqual([path, 409]);
      expect(refused.body.message).toContain('Cancelled');
    }
  });

  it('issues a credential the moment PostgreSQL shows it Generated, while its workflow is still finishing', async () => {
    // The generation commits before its workflow hears the result: an action in between must wait for it, not be
    // refused on the workflow's stale state. Polled straight from the database, ten tries hit that gap.
    const names = Array.from({ length: 10 }, (_, i): [string, string] => [`Prompt${i + 1}`, 'Issuer']);
    const { enrolments } = await courseWithLearners(sut, names);
    const issued = await Promise.all(
      enrolments.map(async (enrolment: { id: string }) => {
        const request = await sut.call('POST', `/course-enrolments/${enrolment.id}/credentials`, {
          body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
        });
        expect(request.status).toBe(202);
        for (;;) {
          const [row] = await sql('select status from credential where id = $1', [request.body.id]);
          if (row!.status === 'Generated') break;
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        const issue = await sut.call('POST', `/credentials/${request.body.id}/issue`);
        return [issue.status, issue.body.status ?? issue.body.message];
      }),
    );
    expect(issued).toEqual(enrolments.map(() => [200, 'Issued']));
  });

  it('refuses an issue or cancel that read the state before another request changed it, but not its own retry', async () => {
    // The first request's run has ended when the second arrives, so the second starts a run of its own, from the
    // status it read before the first landed: only the step in PostgreSQL can tell it from the first one's retry.
    const credential = await generatedCredential('Stale', 'Reader');
    const workflows = new WorkflowsClient(temporal);
    const stale = readAs(credential, 'Generated');
    const first = { kind: 'issue' as const, actor: 'ADMIN_API_KEY', requestId: randomUUID() };
    await expect(workflows.actOnCredential(stale, first)).resolves.toEqual({ status: 'Issued' });
    await runEnded(credential.id);
    await expect(workflows.actOnCredential(stale, first)).resolves.toEqual({ status: 'Issued' });
    await runEnded(credential.id);
    const second = workflows.actOnCredential(stale, { ...first, requestId: randomUUID() });
    await expect(second).rejects.toThrow(ActionRefusedError);
    await expect(second).rejects.toThrow('The credential is Issued');

    const cancelled = await sut.call('POST', `/credentials/${credential.id}/cancel`, {
      body: { reason: 'Wrong unit' },
    });
    expect(cancelled.status).toBe(200);
    await runEnded(credential.id);
    const cancelAgain = workflows.actOnCredential(readAs(credential, 'Issued'), {
      kind: 'cancel',
      actor: 'ADMIN_API_KEY',
      requestId: randomUUID(),
      inputId: await savedReason('Entered twice'),
    });
    await expect(cancelAgain).rejects.toThrow('The credential is Cancelled');
    const { body } = await sut.call('GET', `/credentials/${credential.id}`);
    expect(events(body).filter((e) => e === 'Issued' || e === 'Cancelled')).toEqual(['Issued', 'Cancelled']);
    expect(body.statusReason).toBe('Wrong unit');
  });

  it('issues and cancels once when the same action arrives twice at once', async () => {
    // Two people (or two API processes) acting together: both Updates can reach a new run in one workflow task.
    const names = Array.from({ length: 6 }, (_, i): [string, string] => [`Twice${i + 1}`, 'Racer']);
    const { enrolments } = await courseWithLearners(sut, names);
    const ids: string[] = await Promise.all(
      enrolments.map(async (enrolment: { id: string }) => {
        const request = await sut.call('POST', `/course-enrolments/${enrolment.id}/credentials`, {
          body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
        });
        // Its generation's run has ended, so the two actions below start a new run together.
        await runEnded(request.body.id);
        return request.body.id;
      }),
    );
    const twice = (id: string, path: string, body: object = {}) =>
      Promise.all([1, 2].map(() => sut.call('POST', `/credentials/${id}/${path}`, { body })));
    const answers = await Promise.all(
      ids.map(async (id) => [
        ...(await twice(id, 'issue')),
        ...(await twice(id, 'cancel', { reason: 'Entered twice' })),
      ]),
    );
    for (const [issueA, issueB, cancelA, cancelB] of answers) {
      // Each pair: one did it, the other was refused naming the state, whichever run each request reached.
      expect([issueA!.status, issueB!.status].sort()).toEqual([200, 409]);
      expect([cancelA!.status, cancelB!.status].sort()).toEqual([200, 409]);
      for (const refused of [issueA!, issueB!, cancelA!, cancelB!].filter((a) => a.status === 409))
        expect(refused.body.message).toMatch(/The credential is (Issued|Cancelled)/);
    }
    const recorded = await sql(
      `select event, count(*)::int as times from credential_event
        where credential_id = any($1) and event in ('Issued', 'Cancelled') group by credential_id, event`,
      [ids],
    );
    expect(recorded).toHaveLength(2 * ids.length);
    expect(recorded.every((row) => row.times === 1)).toBe(true);
  });

  it('deletes before issue, keeping the record and its history', async () => {
    const credential = await generatedCredential();
    expect((await sut.call('DELETE', `/credentials/${credential.id}`)).status).toBe(204);
    const after = (await sut.call('GET', `/credentials/${credential.id}`)).body;
    expect(after.deletedAt).toEqual(expect.any(String));
    expect(events(after).at(-1)).toBe('Deleted');
    const issue = await sut.call('POST', `/credentials/${credential.id}/issue`);
    expect(issue.status).toBe(409);
    expect(issue.body.message).toContain('deleted');
    expect(await sql('select count(*)::int as n from credential where id = $1', [credential.id])).toEqual([{ n: 1 }]);
  });

  it('leaves issuing, printing and cancelling to issuers', async () => {
    const credential = await generatedCredential();
    const requester = (await sut.call('POST', '/api-keys', { body: { name: 'requester', role: 'requester' } })).body
      .key;
    for (const path of ['issue', 'print', 'regenerate', 'cancel', 'email']) {
      const body = path === 'cancel' ? { reason: 'x' } : {};
      expect([
        path,
        (await sut.call('POST', `/credentials/${credential.id}/${path}`, { key: requester, body })).status,
      ]).toEqual([path, 403]);
    }
    expect((await sut.call('POST', '/credentials/00000000-0000-4000-8000-0000000000ff/issue')).status).toBe(404);
  });
});
