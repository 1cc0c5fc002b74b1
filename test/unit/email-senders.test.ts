import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createEmailSender } from '../../activities/email/create-email-sender';
import {
  isPermanentEmailError,
  PermanentEmailError,
  TemporaryEmailError,
  type EmailSender,
  type OutgoingEmail,
} from '../../activities/email/email-sender';
import { OutboxEmailSender } from '../../activities/email/outbox-sender';
import { ResendEmailSender } from '../../activities/email/resend-sender';
import { FakeResend } from '../support/fake-resend';

let pdf: Buffer;
let fake: FakeResend;

beforeAll(async () => {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Certificate of Completion 2026-000123', {
    x: 50,
    y: 780,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  pdf = Buffer.from(await doc.save());
});

beforeEach(async () => {
  fake = await FakeResend.start();
});

afterEach(async () => {
  await fake.stop();
});

let keys = 0;
function email(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  keys += 1;
  return {
    to: "Mary-Jane O'Connor <mary.jane@example.com>",
    from: 'Test Training Institute <certificates@example.edu.au>',
    subject: 'Your certificate 2026-000123',
    text: 'Dear Mary-Jane,\n\nYour certificate is attached.\n',
    attachments: [{ filename: 'credential-2026-000123-v1.pdf', content: pdf, contentType: 'application/pdf' }],
    idempotencyKey: `credential-5b0e6f2c-v1-send-${keys}`,
    ...overrides,
  };
}

const resendSender = (options: { apiKey?: string; baseUrl?: string; timeoutMs?: number } = {}) =>
  new ResendEmailSender({
    apiKey: options.apiKey ?? fake.apiKey,
    baseUrl: options.baseUrl ?? fake.url,
    timeoutMs: options.timeoutMs,
  });

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the send to fail');
}

/** What the email activity's retry policy does: try again on temporary errors, never on permanent ones. */
async function sendWithRetries(sender: EmailSender, message: OutgoingEmail, attempts: number) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await sender.send(message);
    } catch (err) {
      if (isPermanentEmailError(err) || attempt === attempts) throw err;
    }
  }
}

describe('ResendEmailSender against a local Resend-compatible server', () => {
  it('sends one email with the PDF attached as base64 and the idempotency key in the header', async () => {
    const sut = resendSender();
    const message = email({ tags: { credential_id: '5b0e6f2c', email_message_id: 'abc-123' } });

    const sent = await sut.send(message);

    expect(fake.messages).toHaveLength(1);
    const accepted = fake.messages[0]!;
    expect(sent.providerMessageId).toBe(accepted.id);
    expect(accepted).toMatchObject({
      idempotencyKey: message.idempotencyKey,
      from: message.from,
      to: [message.to],
      subject: message.subject,
      text: message.text,
      tags: [
        { name: 'credential_id', value: '5b0e6f2c' },
        { name: 'email_message_id', value: 'abc-123' },
      ],
    });
    expect(accepted.attachments).toHaveLength(1);
    expect(accepted.attachments[0]).toMatchObject({
      filename: 'credential-2026-000123-v1.pdf',
      contentType: 'application/pdf',
    });
    expect(accepted.attachments[0]!.content.equals(pdf)).toBe(true);
    expect(fake.emailRequests.map((r) => [r.idempotencyKey, r.authorization])).toEqual([
      [message.idempotencyKey, `Bearer ${fake.apiKey}`],
    ]);
  });

  it('reports 429 as temporary with Retry-After, and accepts nothing', async () => {
    fake.failNext({ status: 429, retryAfterSeconds: 3 });
    const err = await failureOf(resendSender().send(email()));
    expect(err).toBeInstanceOf(TemporaryEmailError);
    expect(err).toMatchObject({ statusCode: 429, code: 'rate_limit_exceeded', retryAfterSeconds: 3 });
    expect(isPermanentEmailError(err)).toBe(false);
    expect(fake.messages).toHaveLength(0);
  });

  it('reports 5xx as temporary', async () => {
    fake.failNext(500, 503);
    const sut = resendSender();
    await expect(sut.send(email())).rejects.toMatchObject({
      name: 'TemporaryEmailError',
      statusCode: 500,
      code: 'internal_server_error',
    });
    await expect(sut.send(email())).rejects.toMatchObject({ name: 'TemporaryEmailError', statusCode: 503 });
  });

  it("reports a validation error (422) as permanent with Resend's message", async () => {
    const err = await failureOf(resendSender().send(email({ to: 'not-an-address' })));
    expect(err).toBeInstanceOf(PermanentEmailError);
    expect(err).toMatchObject({
      statusCode: 422,
      code: 'validation_error',
      providerMessage: expect.stringContaining('Invalid `to` field'),
    });
    expect((err as Error).message).toContain('Invalid `to` field');
    expect(fake.messages).toHaveLength(0);
  });

  it('reports a wrong API key as permanent', async () => {
    const err = await failureOf(resendSender({ apiKey: 're_wrong' }).send(email()));
    expect(err).toBeInstanceOf(PermanentEmailError);
    expect(err).toMatchObject({ statusCode: 401, providerMessage: 'API key is invalid' });
  });

  it('reports a refused connection, a dropped connection and a timeout as temporary', async () => {
    const closed = await listening(createServer());
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await failureOf(resendSender({ baseUrl: closedUrl }).send(email()));
    expect(refused).toBeInstanceOf(TemporaryEmailError);
    expect(refused).toMatchObject({ statusCode: null, code: 'application_error' });

    fake.failNext('disconnect');
    expect(await failureOf(resendSender().send(email()))).toBeInstanceOf(TemporaryEmailError);

    const silent = await listening(createServer(() => undefined)); // reads the request, never answers
    try {
      const started = Date.now();
      const timedOut = await failureOf(
        resendSender({ baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, timeoutMs: 300 }).send(
          email(),
        ),
      );
      expect(timedOut).toBeInstanceOf(TemporaryEmailError);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('retried after 429 and 500, sends one message, every try carrying the same Idempotency-Key', async () => {
    fake.failNext(429, 500);
    const message = email();

    const sent = await sendWithRetries(resendSender(), message, 5);

    expect(fake.emailRequests.map((r) => [r.status, r.idempotencyKey])).toEqual([
      [429, message.idempotencyKey],
      [500, message.idempotencyKey],
      [200, message.idempotencyKey],
    ]);
    expect(fake.messages.map((m) => m.id)).toEqual([sent.providerMessageId]);
  });

  it('sends nothing twice when Resend accepted a message but its answer was lost', async () => {
    fake.failNext({ status: 500, afterAccepting: true }, { status: 'disconnect', afterAccepting: true });
    const message = email();

    const sent = await sendWithRetries(resendSender(), message, 5);
    const again = await resendSender().send(message);

    expect(fake.emailRequests).toHaveLength(4);
    expect(new Set(fake.emailRequests.map((r) => r.idempotencyKey))).toEqual(new Set([message.idempotencyKey]));
    expect(fake.messages).toHaveLength(1);
    expect([sent.providerMessageId, again.providerMessageId]).toEqual([fake.messages[0]!.id, fake.messages[0]!.id]);
  });

  it('is refused, permanently, when one idempotency key comes with a different email', async () => {
    const sut = resendSender();
    const first = email();
    await sut.send(first);
    const err = await failureOf(sut.send({ ...first, subject: 'Something else' }));
    expect(err).toBeInstanceOf(PermanentEmailError);
    expect(err).toMatchObject({ statusCode: 409, code: 'invalid_idempotent_request' });
    expect(fake.messages).toHaveLength(1);
  });

  it('sends distinct messages for distinct keys', async () => {
    const sut = resendSender();
    const a = await sut.send(email());
    const b = await sut.send(email());
    expect(a.providerMessageId).not.toBe(b.providerMessageId);
    expect(fake.messages).toHaveLength(2);
  });
});

describe('OutboxEmailSender', () => {
  const newDataDir = () => mkdtempSync(join(tmpdir(), 'outbox-test-'));
  const emlFiles = (dataDir: string) => readdirSync(join(dataDir, 'outbox'));

  it('writes one RFC 5322 message per email, with the PDF attached byte for byte', async () => {
    const dataDir = newDataDir();
    const sut = new OutboxEmailSender({ dataDir, now: () => new Date('2026-11-29T20:20:00.123Z') });
    const message = email({
      subject: 'Your certificate – Zoë Ñúñez 2026-000123',
      text: 'Dear Zoë,\r\nyour certificate is attached.\n',
    });

    const sent = await sut.send(message);

    expect(emlFiles(dataDir)).toEqual([`2026-11-29T20-20-00-123Z-${message.idempotencyKey}.eml`]);
    const raw = readFileSync(join(dataDir, 'outbox', emlFiles(dataDir)[0]!));
    const headerBlock = raw.toString().split('\r\n\r\n')[0]!;
    expect(headerBlock).toMatch(/^MIME-Version: 1\.0$/m);
    expect(headerBlock).toMatch(/^Content-Type: multipart\/mixed; boundary="[^"]+"$/m);
    expect(headerBlock).toContain('Date: Sun, 29 Nov 2026 20:20:00 +0000');
    expect(
      raw
        .toString()
        .split('\r\n')
        .every((line) => line.length <= 998),
    ).toBe(true);

    const parsed = await PostalMime.parse(raw);
    expect(parsed.from).toEqual({ name: 'Test Training Institute', address: 'certificates@example.edu.au' });
    expect(parsed.to).toEqual([{ name: "Mary-Jane O'Connor", address: 'mary.jane@example.com' }]);
    expect(parsed.subject).toBe(message.subject);
    expect(new Date(parsed.date!).toISOString()).toBe('2026-11-29T20:20:00.000Z');
    expect(parsed.messageId).toBe(`<${sent.providerMessageId}@example.edu.au>`);
    expect(parsed.text?.replace(/\r\n/g, '\n')).toBe('Dear Zoë,\nyour certificate is attached.\n');
    expect(parsed.attachments).toHaveLength(1);
    const attachment = parsed.attachments[0]!;
    expect(attachment).toMatchObject({
      filename: 'credential-2026-000123-v1.pdf',
      mimeType: 'application/pdf',
      disposition: 'attachment',
    });
    expect(Buffer.from(attachment.content as ArrayBuffer).equals(pdf)).toBe(true);
  });

  it('keeps the HTML part beside the text when there is one', async () => {
    const dataDir = newDataDir();
    await new OutboxEmailSender({ dataDir }).send(email({ html: '<p>Dear <b>Mary-Jane</b></p>' }));
    const parsed = await PostalMime.parse(readFileSync(join(dataDir, 'outbox', emlFiles(dataDir)[0]!)));
    expect(parsed.html).toContain('<p>Dear <b>Mary-Jane</b></p>');
    expect(parsed.text).toContain('Your certificate is attached.');
    expect(parsed.attachments).toHaveLength(1);
  });

  it('writes one file and returns one id for one idempotency key, across calls, restarts and races', async () => {
    const dataDir = newDataDir();
    const message = email();
    const first = await new OutboxEmailSender({ dataDir }).send(message);

    const again = await new OutboxEmailSender({ dataDir }).send(message);
    const racing = new OutboxEmailSender({ dataDir });
    const raced = await Promise.all([
      racing.send(message),
      racing.send(message),
      new OutboxEmailSender({ dataDir }).send(message),
    ]);

    expect([again, ...raced].map((s) => s.providerMessageId)).toEqual(Array(4).fill(first.providerMessageId));
    expect(emlFiles(dataDir)).toHaveLength(1);

    const other = await new OutboxEmailSender({ dataDir }).send(email());
    expect(other.providerMessageId).not.toBe(first.providerMessageId);
    expect(emlFiles(dataDir)).toHaveLength(2);
    expect(emlFiles(dataDir).every((name) => name.endsWith('.eml'))).toBe(true); // no temp files left behind
  });

  it('writes concurrent first sends of one key only once', async () => {
    const dataDir = newDataDir();
    const message = email();
    const sent = await Promise.all([1, 2, 3].map(() => new OutboxEmailSender({ dataDir }).send(message)));
    expect(new Set(sent.map((s) => s.providerMessageId)).size).toBe(1);
    expect(emlFiles(dataDir)).toHaveLength(1);
  });

  it('refuses a bad address permanently, like Resend', async () => {
    const dataDir = newDataDir();
    const sut = new OutboxEmailSender({ dataDir });
    await expect(sut.send(email({ to: 'not-an-address' }))).rejects.toBeInstanceOf(PermanentEmailError);
    await expect(sut.send(email({ to: 'a@example.com\r\nBcc: b@example.com' }))).rejects.toBeInstanceOf(
      PermanentEmailError,
    );
  });

  it('keeps keys that are not file-name safe apart', async () => {
    const dataDir = newDataDir();
    const sut = new OutboxEmailSender({ dataDir });
    const a = await sut.send(email({ idempotencyKey: 'welcome/123' }));
    const b = await sut.send(email({ idempotencyKey: 'welcome_123' }));
    const c = await sut.send(email({ idempotencyKey: 'welcome/123' }));
    expect(a.providerMessageId).not.toBe(b.providerMessageId);
    expect(c.providerMessageId).toBe(a.providerMessageId);
    expect(emlFiles(dataDir)).toHaveLength(2);
  });
});

describe('createEmailSender', () => {
  it('uses the outbox in DATA_DIR when no Resend API key is set', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'outbox-test-'));
    const sut = createEmailSender({
      resendApiKey: undefined,
      resendBaseUrl: undefined,
      resendFrom: 'Credentials <credentials@localhost>',
      dataDir,
    });
    expect(sut).toBeInstanceOf(OutboxEmailSender);
    expect((sut as OutboxEmailSender).directory).toBe(join(dataDir, 'outbox'));
    await sut.send(email({ from: '' }));
    expect(readFileSync(join(dataDir, 'outbox', readdirSync(join(dataDir, 'outbox'))[0]!)).toString()).toContain(
      'From: Credentials <credentials@localhost>',
    );
  });

  it('uses Resend at RESEND_BASE_URL when the key is set', async () => {
    const sut = createEmailSender({
      resendApiKey: fake.apiKey,
      resendBaseUrl: `${fake.url}/`,
      resendFrom: 'Certs <certs@example.edu.au>',
      dataDir: '/nonexistent',
    });
    expect(sut).toBeInstanceOf(ResendEmailSender);
    const sent = await sut.send(email({ from: '' }));
    expect(fake.messages).toEqual([
      expect.objectContaining({ id: sent.providerMessageId, from: 'Certs <certs@example.edu.au>' }),
    ]);
  });
});

async function listening(server: Server): Promise<Server> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
