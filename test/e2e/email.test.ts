import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { sql } from '../support/db';
import { FakeResend } from '../support/fake-resend';
import { certificateOfCompletion, courseWithLearners } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';
import { workflowIds } from '../../temporal/ids';

async function issuedCredential(system: RunningSystem, given: string) {
  const { enrolments } = await courseWithLearners(system, [[given, 'Mailer']]);
  const request = await system.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
    body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
  });
  await eventually(
    async () => (await system.call('GET', `/credentials/${request.body.id}`)).body.status === 'Generated' || undefined,
  );
  expect((await system.call('POST', `/credentials/${request.body.id}/issue`)).status).toBe(200);
  return request.body.id as string;
}

const emailSettled = (system: RunningSystem, id: string) =>
  eventually(
    async () => {
      const { body } = await system.call('GET', `/credentials/${id}`);
      return ['Sent', 'Failed'].includes(body.emailStatus) ? body : undefined;
    },
    90_000,
    'the email to settle',
  );

describe('email through Resend', () => {
  let fake: FakeResend;
  let sut: RunningSystem;
  let temporal: Client;

  beforeAll(async () => {
    temporal = new Client({ connection: await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! }) });
    fake = await FakeResend.start();
    sut = await startSystem({
      RESEND_API_KEY: fake.apiKey,
      RESEND_BASE_URL: fake.url,
      RESEND_FROM: 'Certs <certs@example.edu.au>',
    });
  });

  afterAll(async () => {
    await temporal?.connection.close();
    await sut?.stop();
    await fake?.stop();
  });

  it('retries 429 and 500 with the same Idempotency-Key and sends exactly one message', async () => {
    const id = await issuedCredential(sut, 'Retry');
    fake.failNext(429, 500);
    const answer = await sut.call('POST', `/credentials/${id}/email`, { body: {} });
    expect(answer.status).toBe(202);
    expect(answer.body.emailStatus).toBe('Sending');
    const credential = await emailSettled(sut, id);
    expect(credential.emailStatus).toBe('Sent');

    const tries = fake.emailRequests.filter((r) => r.idempotencyKey?.startsWith(`credential-${id}-`));
    expect(tries.map((r) => r.status)).toEqual([429, 500, 200]);
    expect(new Set(tries.map((r) => r.idempotencyKey)).size).toBe(1);
    const sent = fake.messages.filter((m) => m.idempotencyKey === tries[0]!.idempotencyKey);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(credential.history.map((e: { event: string }) => e.event)).toEqual(
      expect.arrayContaining(['EmailRequested', 'Emailed']),
    );
  });

  it('an issue is one local activity and an email two steps: a local prepare, then send and mark Sent together', async () => {
    const id = await issuedCredential(sut, 'Steps');
    expect((await sut.call('POST', `/credentials/${id}/email`, { body: {} })).status).toBe(202);
    expect((await emailSettled(sut, id)).emailStatus).toBe('Sent');
    // Every step of the credential's runs (an action may join the run before it, if that is still closing): activity
    // tasks, and local activities, which a run records as markers.
    const tasks: string[] = [];
    const local: string[] = [];
    for await (const run of temporal.workflow.list({ query: `WorkflowId = "${workflowIds.credential(id)}"` })) {
      const { events } = await temporal.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
      for (const event of events ?? []) {
        const task = event.activityTaskScheduledEventAttributes?.activityType?.name;
        if (task) tasks.push(task);
        const marker = event.markerRecordedEventAttributes;
        if (marker?.markerName === 'core_local_activity') {
          const data = marker.details?.data?.payloads?.[0]?.data;
          local.push(JSON.parse(Buffer.from(data ?? []).toString('utf8')).activity_type);
        }
      }
    }
    // Generation and the send through the queues; the issue (signed in the same step) and the prepare in the run.
    expect(tasks.sort()).toEqual(['generateDocument', 'sendAndRecordEmail']);
    expect(local.sort()).toEqual(['issueAndSign', 'prepareEmail']);
    const { history } = (await sut.call('GET', `/credentials/${id}`)).body;
    const events = history.map((e: { event: string }) => e.event);
    for (const event of ['Issued', 'OpenBadgeSigned', 'EmailRequested', 'Emailed'])
      expect(events.filter((e: string) => e === event)).toHaveLength(1);
  });

  it('a send whose Sent mark fails is sent again under the same key: one message, marked Sent once', async () => {
    const id = await issuedCredential(sut, 'Remark');
    // The database refuses the first mark of this credential's email (a sequence, so the count survives the
    // rollback), as when PostgreSQL goes away just after Resend accepted the message.
    const tag = id.replace(/-/g, '');
    await sql(`create sequence mark_fault_${tag}`);
    await sql(`create function mark_fault_${tag}() returns trigger language plpgsql as $$
      begin
        if new.credential_id = '${id}' and new.provider_message_id is not null and old.provider_message_id is null
           and nextval('mark_fault_${tag}') = 1 then
          raise exception 'injected: the Sent mark refused';
        end if;
        return new;
      end $$`);
    await sql(`create trigger mark_fault_${tag} before update on email_message
      for each row execute function mark_fault_${tag}()`);
    try {
      expect((await sut.call('POST', `/credentials/${id}/email`, { body: {} })).status).toBe(202);
      const credential = await emailSettled(sut, id);
      expect(credential.emailStatus).toBe('Sent');
      const tries = fake.emailRequests.filter((r) => r.idempotencyKey?.startsWith(`credential-${id}-`));
      expect(tries.map((r) => r.status)).toEqual([200, 200]);
      expect(new Set(tries.map((r) => r.idempotencyKey)).size).toBe(1);
      expect(fake.messages.filter((m) => m.idempotencyKey === tries[0]!.idempotencyKey)).toHaveLength(1);
      expect(credential.history.filter((e: { event: string }) => e.event === 'Emailed')).toHaveLength(1);
      const rows = await sql('select status, provider_message_id from email_message where credential_id = $1', [id]);
      expect(rows).toEqual([{ status: 'Sent', provider_message_id: expect.any(String) }]);
    } finally {
      await sql(`drop trigger mark_fault_${tag} on email_message`);
      await sql(`drop function mark_fault_${tag}()`);
      await sql(`drop sequence mark_fault_${tag}`);
    }
  });

  it("does not retry a validation error: emailStatus Failed with Resend's message", async () => {
    const id = await issuedCredential(sut, 'Refused');
    fake.failNext(422);
    await sut.call('POST', `/credentials/${id}/email`, { body: {} });
    const credential = await emailSettled(sut, id);
    expect(credential.emailStatus).toBe('Failed');
    expect(credential.history.at(-1)).toMatchObject({ event: 'EmailFailed', detail: { error: expect.any(String) } });
    expect(fake.emailRequests.filter((r) => r.idempotencyKey?.startsWith(`credential-${id}-`))).toHaveLength(1);
  });

  it('refuses to email a credential that is not issued, and records every send', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Not', 'Issued']]);
    const request = await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
      body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
    });
    await eventually(
      async () => (await sut.call('GET', `/credentials/${request.body.id}`)).body.status === 'Generated' || undefined,
    );
    const refused = await sut.call('POST', `/credentials/${request.body.id}/email`, { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('Generated');

    const id = await issuedCredential(sut, 'Twice');
    await sut.call('POST', `/credentials/${id}/email`, { body: {} });
    await emailSettled(sut, id);
    await sut.call('POST', `/credentials/${id}/email`, { body: { to: 'other@example.com' } });
    await eventually(async () => {
      const rows = await sql(
        'select send_number, status, to_address from email_message where credential_id = $1 order by send_number',
        [id],
      );
      return rows.length === 2 && rows.every((r) => r.status === 'Sent') ? rows : undefined;
    });
    expect(fake.messages.filter((m) => m.to.includes('other@example.com'))).toHaveLength(1);
  });
});

describe('email without a Resend key', () => {
  it('keeps the message, with the PDF attached, in the local outbox', async () => {
    const sut = await startSystem();
    try {
      const id = await issuedCredential(sut, 'Outbox');
      expect((await sut.call('POST', `/credentials/${id}/email`, { body: {} })).status).toBe(202);
      expect((await emailSettled(sut, id)).emailStatus).toBe('Sent');
      const outbox = join(sut.env.DATA_DIR!, 'outbox');
      const files = readdirSync(outbox).filter((f) => f.endsWith('.eml') && f.includes(id));
      expect(files).toHaveLength(1);
      const eml = readFileSync(join(outbox, files[0]!), 'utf8');
      expect(eml).toMatch(/Subject: .*Certificate of Completion/);
      expect(eml).toContain('application/pdf');
    } finally {
      await sut.stop();
    }
  });
});
