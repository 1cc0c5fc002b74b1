import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { sql } from '../support/db';
import { certificateOfCompletion, courseWithLearners, expectStatus } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
let sut: RunningSystem;

beforeAll(async () => {
  sut = await startSystem({ RESEND_WEBHOOK_SECRET: secret });
});

afterAll(async () => {
  await sut?.stop();
});

/** Signs like Resend (Svix): base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" keyed with the secret's base64 bytes. */
function signed(event: unknown, options: { secret?: string; id?: string; timestamp?: number } = {}) {
  const body = JSON.stringify(event);
  const id = options.id ?? `msg_${randomBytes(12).toString('hex')}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const key = Buffer.from((options.secret ?? secret).slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { body, headers: { 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': `v1,${signature}` } };
}

async function deliver(system: RunningSystem, request: { body: string; headers: Record<string, string> }) {
  const response = await fetch(`${system.url}/webhooks/resend`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: request.body,
  });
  return { status: response.status, body: await response.json() };
}

const emailEvent = (type: string, emailId: string, extra: Record<string, unknown> = {}) => ({
  type,
  created_at: new Date().toISOString(),
  data: {
    email_id: emailId,
    from: 'certs@example.edu.au',
    to: ['learner@example.com'],
    subject: 'Your certificate',
    created_at: new Date().toISOString(),
    ...extra,
  },
});

/** A credential through the API, plus the email_message row the email step would have written after Resend took it. */
async function sentCredential(sendNumber = 1, existing?: string) {
  let credentialId = existing;
  if (!credentialId) {
    const { enrolments } = await courseWithLearners(sut, [['Webhook', 'Learner']]);
    const requested = expectStatus(
      await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
        body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
      }),
      202,
    );
    credentialId = requested.id as string;
    await eventually(
      async () => {
        const { body } = await sut.call('GET', `/credentials/${credentialId}`);
        return ['Requested', 'Generating'].includes(body.status) ? undefined : body;
      },
      60_000,
      'the credential to finish generating',
    );
  }
  const providerMessageId = randomUUID();
  const [row] = await sql(
    `insert into email_message (id, created_at, updated_at, credential_id, send_number, document_version, idempotency_key, to_address, provider_message_id, status, sent_at)
     values ($1, now(), now(), $2, $3, 1, $4, 'learner@example.com', $5, 'Sent', now()) returning id`,
    [randomUUID(), credentialId, sendNumber, `credential-${credentialId}-v1-send-${sendNumber}`, providerMessageId],
  );
  await sql(`update credential set email_status = 'Sent', emailed_at = now() where id = $1`, [credentialId]);
  return { credentialId: credentialId!, providerMessageId, emailMessageId: row!.id as string };
}

const credential = async (id: string) => expectStatus(await sut.call('GET', `/credentials/${id}`), 200);
const messageStatus = async (id: string) =>
  (await sql('select status, error, provider_message_id from email_message where id = $1', [id]))[0];
const resendHistory = async (id: string) =>
  (await credential(id)).history.filter((e: { actor: string }) => e.actor === 'resend');

describe('POST /webhooks/resend', () => {
  it('refuses missing, forged, tampered and stale signatures with 401, changing nothing', async () => {
    const { credentialId, providerMessageId, emailMessageId } = await sentCredential();
    const event = emailEvent('email.delivered', providerMessageId);
    const good = signed(event);

    const missing = await deliver(sut, { body: good.body, headers: {} });
    expect(missing).toMatchObject({ status: 401, body: { message: expect.stringContaining('svix-signature') } });

    const forged = await deliver(sut, signed(event, { secret: `whsec_${randomBytes(24).toString('base64')}` }));
    expect(forged).toMatchObject({
      status: 401,
      body: { message: expect.stringContaining('Invalid webhook signature') },
    });

    const tampered = await deliver(sut, {
      ...good,
      body: JSON.stringify(emailEvent('email.bounced', providerMessageId)),
    });
    expect(tampered.status).toBe(401);

    const stale = await deliver(sut, signed(event, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 }));
    expect(stale).toMatchObject({ status: 401, body: { message: expect.stringContaining('too old') } });

    expect((await credential(credentialId)).emailStatus).toBe('Sent');
    expect(await messageStatus(emailMessageId)).toMatchObject({ status: 'Sent' });
  });

  it('moves the email to Delivered once, however often Resend repeats the event', async () => {
    const { credentialId, providerMessageId, emailMessageId } = await sentCredential();
    const request = signed(emailEvent('email.delivered', providerMessageId));

    expect(await deliver(sut, request)).toMatchObject({ status: 200, body: { outcome: 'applied' } });
    expect(await deliver(sut, request)).toMatchObject({ status: 200, body: { outcome: 'duplicate' } });

    expect((await credential(credentialId)).emailStatus).toBe('Delivered');
    expect(await messageStatus(emailMessageId)).toMatchObject({ status: 'Delivered', error: null });
    expect(await resendHistory(credentialId)).toEqual([
      expect.objectContaining({
        event: 'EmailDelivered',
        actor: 'resend',
        detail: expect.objectContaining({ emailId: providerMessageId, sendNumber: 1 }),
      }),
    ]);
  });

  it("records a bounce with Resend's reason, and a late delivered event does not undo it", async () => {
    const { credentialId, providerMessageId, emailMessageId } = await sentCredential();
    const bounce = {
      type: 'Permanent',
      subType: 'General',
      message: 'The recipient mail server rejected the address.',
    };

    expect((await deliver(sut, signed(emailEvent('email.bounced', providerMessageId, { bounce })))).status).toBe(200);
    expect(await deliver(sut, signed(emailEvent('email.delivered', providerMessageId)))).toMatchObject({
      status: 200,
      body: { outcome: 'ignored' },
    });

    expect((await credential(credentialId)).emailStatus).toBe('Bounced');
    expect(await messageStatus(emailMessageId)).toMatchObject({ status: 'Bounced', error: bounce.message });
    expect(await resendHistory(credentialId)).toEqual([
      expect.objectContaining({ event: 'EmailBounced', detail: expect.objectContaining({ bounce }) }),
    ]);
  });

  it("leaves the credential's status to its newest send when an older one bounces", async () => {
    const first = await sentCredential(1);
    const second = await sentCredential(2, first.credentialId);
    await deliver(sut, signed(emailEvent('email.delivered', second.providerMessageId)));

    expect((await deliver(sut, signed(emailEvent('email.bounced', first.providerMessageId)))).status).toBe(200);

    expect((await credential(first.credentialId)).emailStatus).toBe('Delivered');
    expect(await messageStatus(first.emailMessageId)).toMatchObject({ status: 'Bounced' });
    expect((await resendHistory(first.credentialId)).map((e: { event: string }) => e.event).sort()).toEqual([
      'EmailBounced',
      'EmailDelivered',
    ]);
  });

  it('finds the email by its tag when the event outruns the saving of the provider id', async () => {
    const { credentialId, emailMessageId } = await sentCredential();
    await sql('update email_message set provider_message_id = null where id = $1', [emailMessageId]);
    const resendId = randomUUID();

    const answer = await deliver(
      sut,
      signed(emailEvent('email.delivered', resendId, { tags: { email_message_id: emailMessageId } })),
    );

    expect(answer).toMatchObject({ status: 200, body: { outcome: 'applied' } });
    expect(await messageStatus(emailMessageId)).toMatchObject({ status: 'Delivered', provider_message_id: resendId });
    expect((await credential(credentialId)).emailStatus).toBe('Delivered');
  });

  it('acknowledges unknown emails and untracked events with 200 so Resend stops retrying', async () => {
    const { credentialId, providerMessageId } = await sentCredential();

    expect(await deliver(sut, signed(emailEvent('email.delivered', randomUUID())))).toMatchObject({
      status: 200,
      body: { outcome: 'ignored' },
    });
    expect(await deliver(sut, signed(emailEvent('email.opened', providerMessageId)))).toMatchObject({
      status: 200,
      body: { outcome: 'ignored' },
    });
    expect(
      await deliver(
        sut,
        signed({ type: 'contact.created', created_at: new Date().toISOString(), data: { id: randomUUID() } }),
      ),
    ).toMatchObject({ status: 200 });

    expect((await credential(credentialId)).emailStatus).toBe('Sent');
    expect(await resendHistory(credentialId)).toEqual([]);
  });

  it('records complaints and delays in the history without changing the delivery status', async () => {
    const { credentialId, providerMessageId } = await sentCredential();
    await deliver(sut, signed(emailEvent('email.delivery_delayed', providerMessageId)));
    await deliver(sut, signed(emailEvent('email.delivered', providerMessageId)));
    await deliver(sut, signed(emailEvent('email.complained', providerMessageId)));

    expect((await credential(credentialId)).emailStatus).toBe('Delivered');
    expect((await resendHistory(credentialId)).map((e: { event: string }) => e.event)).toEqual([
      'EmailDeliveryDelayed',
      'EmailDelivered',
      'EmailComplained',
    ]);
  });
});

describe('POST /webhooks/resend without RESEND_WEBHOOK_SECRET', () => {
  let unconfigured: RunningSystem;

  beforeAll(async () => {
    unconfigured = await startSystem({ RESEND_WEBHOOK_SECRET: '' });
  });

  afterAll(async () => {
    await unconfigured?.stop();
  });

  it('answers 401 saying the secret is not configured, even to a well-signed event', async () => {
    const answer = await deliver(unconfigured, signed(emailEvent('email.delivered', randomUUID())));
    expect(answer).toMatchObject({
      status: 401,
      body: { message: expect.stringContaining('RESEND_WEBHOOK_SECRET is not configured') },
    });
  });
});
