import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What Resend answers, per its API reference (https://resend.com/docs/api-reference/errors). */
const resendErrors: Record<number, { name: string; message: string }> = {
  400: { name: 'validation_error', message: 'We found an error with one or more fields in the request.' },
  401: { name: 'missing_api_key', message: 'Missing API key in the authorization header.' },
  403: { name: 'invalid_api_key', message: 'API key is invalid.' },
  404: { name: 'not_found', message: 'The requested endpoint does not exist.' },
  409: {
    name: 'concurrent_idempotent_requests',
    message: 'Same idempotency key used while original request is still in progress.',
  },
  422: { name: 'validation_error', message: 'We found an error with one or more fields in the request.' },
  429: {
    name: 'rate_limit_exceeded',
    message:
      'Too many requests. Please limit the number of requests per second. Or contact support to increase rate limit.',
  },
  500: { name: 'internal_server_error', message: 'An unexpected error occurred.' },
};

export type FakeFailure =
  | number
  | 'disconnect'
  | {
      status: number | 'disconnect';
      afterAccepting?: boolean;
      retryAfterSeconds?: number;
      name?: string;
      message?: string;
    };

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  body: unknown;
  /** What the fake answered; 0 when it dropped the connection. */
  status: number;
}

export interface AcceptedEmail {
  id: string;
  idempotencyKey: string | undefined;
  from: string;
  to: string[];
  subject: string;
  text: string | undefined;
  html: string | undefined;
  tags: Array<{ name: string; value: string }>;
  attachments: Array<{ filename: string | undefined; contentType: string | undefined; content: Buffer }>;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const emailAddress = /^[^\s@<>]+@[^\s@<>.]+(?:\.[^\s@<>.]+)+$/;
const mailbox = (value: unknown) =>
  typeof value === 'string' &&
  (emailAddress.test(value) || /^[^<>]*<([^<>]+)>$/.exec(value)?.[1]?.match(emailAddress) != null);
const tagPart = /^[A-Za-z0-9_-]{1,256}$/;
const dayMs = 24 * 60 * 60 * 1000;

const error = (status: number, name: string, message: string, headers?: Record<string, string>): Answer => ({
  status,
  body: { statusCode: status, name, message },
  ...(headers ? { headers } : {}),
});

/**
 * A local server that speaks enough of Resend's `POST /emails` for the real SDK: Bearer key check, Resend's validation
 * errors, Idempotency-Key semantics (same key and body within 24 h: the first answer again, no second message; same
 * key,
 * other body: 409 invalid_idempotent_request) and failures a test queues with failNext(). It records every request and
 * every accepted message.
 */
export class FakeResend {
  readonly requests: RecordedRequest[] = [];
  readonly messages: AcceptedEmail[] = [];
  private readonly failures: FakeFailure[] = [];
  private readonly idempotent = new Map<string, { bodyHash: string; answer: Answer; at: number }>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly apiKey: string,
    private readonly now: () => number,
    private readonly faults: ((request: RecordedRequest) => FakeFailure | undefined) | undefined,
  ) {}

  /**
   * `faults`, when given, is asked before each authorised send once the failNext() queue is empty: a failure to answer
   * with, or undefined to answer normally (a chaos run's ongoing provider trouble).
   */
  static async start(
    options: {
      apiKey?: string;
      now?: () => number;
      faults?: (request: RecordedRequest) => FakeFailure | undefined;
    } = {},
  ): Promise<FakeResend> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = server.address() as AddressInfo;
    const apiKey = options.apiKey ?? `re_test_${randomUUID().slice(0, 8)}`;
    const fake = new FakeResend(server, `http://127.0.0.1:${port}`, apiKey, options.now ?? Date.now, options.faults);
    server.on('request', (req, res) => void fake.handle(req, res));
    return fake;
  }

  /**
   * The next requests fail in this order, e.g. failNext(429, 500). `'disconnect'` drops the connection without an
   * answer; `{status: 500, afterAccepting: true}` accepts the message first and loses the answer, as when Resend sent
   * it
   * but the reply never arrived.
   */
  failNext(...failures: FakeFailure[]): void {
    this.failures.push(...failures);
  }

  /** Requests that reached POST /emails, with the Idempotency-Key each carried. */
  get emailRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/emails');
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString();
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: (req.url ?? '').split('?')[0]!,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      authorization: req.headers.authorization,
      body,
      status: 0,
    };
    this.requests.push(record);

    const answer = this.answer(record, raw);
    if (answer === 'disconnect') {
      req.socket.destroy();
      return;
    }
    record.status = answer.status;
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  }

  private answer(request: RecordedRequest, raw: string): Answer | 'disconnect' {
    if (request.path !== '/emails') return error(404, 'not_found', 'The requested endpoint does not exist.');
    if (request.method !== 'POST')
      return error(405, 'method_not_allowed', 'Method is not allowed for the requested path.');
    const bearer = /^Bearer (.+)$/.exec(request.authorization ?? '')?.[1];
    if (!bearer) return error(401, 'missing_api_key', 'Missing API key in the authorization header.');
    if (bearer !== this.apiKey) return error(401, 'validation_error', 'API key is invalid');

    const failure = this.failures.shift() ?? this.faults?.(request);
    if (failure !== undefined) {
      const spec = typeof failure === 'object' ? failure : { status: failure };
      if (spec.afterAccepting) this.accept(request, raw);
      if (spec.status === 'disconnect') return 'disconnect';
      const known = resendErrors[spec.status] ?? {
        name: 'application_error',
        message: 'An unexpected error occurred.',
      };
      const headers: Record<string, string> =
        spec.status === 429
          ? {
              'retry-after': String(spec.retryAfterSeconds ?? 1),
              'ratelimit-limit': '2',
              'ratelimit-remaining': '0',
              'ratelimit-reset': '1',
            }
          : {};
      return error(spec.status, spec.name ?? known.name, spec.message ?? known.message, headers);
    }
    return this.accept(request, raw);
  }

  private accept(request: RecordedRequest, raw: string): Answer {
    const key = request.idempotencyKey;
    if (key !== undefined && (key.length < 1 || key.length > 256)) {
      return error(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.');
    }
    const bodyHash = createHash('sha256').update(raw).digest('hex');
    if (key !== undefined) {
      const seen = this.idempotent.get(key);
      if (seen && this.now() - seen.at < dayMs) {
        if (seen.bodyHash !== bodyHash) {
          return error(
            409,
            'invalid_idempotent_request',
            'Same idempotency key used with a different request payload.',
          );
        }
        return seen.answer;
      }
    }
    const problem = validate(request.body);
    if (problem) return problem;

    const email = request.body as Record<string, any>;
    const id = randomUUID();
    this.messages.push({
      id,
      idempotencyKey: key,
      from: email.from,
      to: [email.to].flat(),
      subject: email.subject,
      text: email.text ?? undefined,
      html: email.html ?? undefined,
      tags: email.tags ?? [],
      attachments: (email.attachments ?? []).map((a: Record<string, string>) => ({
        filename: a.filename,
        contentType: a.content_type,
        content: Buffer.from(a.content!, 'base64'),
      })),
    });
    const answer: Answer = { status: 200, body: { id } };
    if (key !== undefined) this.idempotent.set(key, { bodyHash, answer, at: this.now() });
    return answer;
  }
}

/** Resend's checks on a send, with its error names and messages. */
function validate(body: unknown): Answer | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return error(422, 'validation_error', 'The request body must be a JSON object.');
  }
  const email = body as Record<string, unknown>;
  for (const field of ['from', 'to', 'subject']) {
    if (email[field] === undefined || email[field] === null || email[field] === '') {
      return error(422, 'missing_required_field', `Missing \`${field}\` field.`);
    }
  }
  if (!mailbox(email.from)) {
    return error(
      422,
      'validation_error',
      'Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.',
    );
  }
  const to = [email.to].flat();
  if (to.length > 50 || !to.every(mailbox)) {
    return error(
      422,
      'validation_error',
      'Invalid `to` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.',
    );
  }
  if (typeof email.html !== 'string' && typeof email.text !== 'string') {
    return error(422, 'validation_error', 'Missing `html` or `text` field.');
  }
  const attachments = (email.attachments ?? []) as Array<Record<string, unknown>>;
  for (const attachment of attachments) {
    const content = attachment.content;
    if (typeof content !== 'string' && typeof attachment.path !== 'string') {
      return error(422, 'invalid_attachment', 'Attachment must have either a `content` or `path`.');
    }
    if (typeof content === 'string' && !/^[A-Za-z0-9+/]*={0,2}$/.test(content)) {
      return error(422, 'invalid_attachment', 'Attachment `content` must be base64 encoded.');
    }
  }
  const tags = (email.tags ?? []) as Array<Record<string, unknown>>;
  if (!tags.every((t) => tagPart.test(String(t.name)) && tagPart.test(String(t.value)))) {
    return error(422, 'validation_error', 'Tags should only contain ASCII letters, numbers, underscores, or dashes.');
  }
  return null;
}
