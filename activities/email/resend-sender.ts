import { Resend, type ErrorResponse } from 'resend';
import {
  PermanentEmailError,
  TemporaryEmailError,
  type EmailSender,
  type OutgoingEmail,
  type SentEmail,
} from './email-sender';

export interface ResendSenderOptions {
  apiKey: string;
  /** Another Resend-compatible server (tests). Unset: the SDK's default, which itself honours RESEND_BASE_URL. */
  baseUrl?: string;
  /** Sender used when a message leaves `from` empty. */
  from?: string;
  /** A send that has not answered by then counts as a network failure (temporary). */
  timeoutMs?: number;
}

/**
 * Sends one email per call through the Resend SDK (the batch endpoint carries no attachments). The SDK answers
 * `{data, error}` instead of throwing and never retries by itself: this maps its errors to the port's two kinds and
 * leaves the retrying to the caller, who must reuse the same idempotency key.
 */
export class ResendEmailSender implements EmailSender {
  private readonly client: Resend;
  private readonly from: string | undefined;
  private readonly timeoutMs: number;

  constructor(options: ResendSenderOptions) {
    // The SDK joins baseUrl and '/emails' as strings: a trailing slash would make '//emails'.
    this.client = new Resend(
      options.apiKey,
      options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/+$/, '') } : undefined,
    );
    this.from = options.from;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async send(message: OutgoingEmail): Promise<SentEmail> {
    const from = message.from || this.from;
    if (!from) throw new PermanentEmailError('The email has no sender: set RESEND_FROM', { provider: 'resend' });
    let result: Awaited<ReturnType<Resend['emails']['send']>>;
    try {
      result = await this.client.emails.send(
        {
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html !== undefined ? { html: message.html } : {}),
          attachments: message.attachments.map((a) => ({
            filename: a.filename,
            content: a.content.toString('base64'),
            contentType: a.contentType,
          })),
          ...(message.tags ? { tags: Object.entries(message.tags).map(([name, value]) => ({ name, value })) } : {}),
        },
        { idempotencyKey: message.idempotencyKey, signal: AbortSignal.timeout(this.timeoutMs) },
      );
    } catch (err) {
      // The SDK catches fetch failures itself; anything thrown here is unexpected and may be transient.
      throw new TemporaryEmailError(
        `Resend could not be reached: ${err instanceof Error ? err.message : String(err)}`,
        {
          provider: 'resend',
          cause: err,
        },
      );
    }
    if (result.error) throw toEmailError(result.error, result.headers);
    if (!result.data?.id) {
      throw new TemporaryEmailError('Resend accepted the request but answered without an email id', {
        provider: 'resend',
      });
    }
    return { providerMessageId: result.data.id };
  }
}

/**
 * 429, 5xx and answers that never came (the SDK reports those as `application_error` with statusCode null) are
 * temporary; so is `concurrent_idempotent_requests` (409: the first try with this key is still running). Every other
 * 4xx (validation_error, missing_required_field, invalid_idempotent_request, a bad API key...) is permanent.
 */
export function toEmailError(
  error: ErrorResponse,
  headers: Record<string, string> | null,
): PermanentEmailError | TemporaryEmailError {
  const statusCode = typeof error.statusCode === 'number' ? error.statusCode : null;
  const details = { provider: 'resend', code: error.name, statusCode, providerMessage: error.message };
  const temporary =
    statusCode === null || statusCode === 429 || statusCode >= 500 || error.name === 'concurrent_idempotent_requests';
  if (!temporary) {
    return new PermanentEmailError(
      `Resend rejected the email (${statusCode} ${error.name}): ${error.message}`,
      details,
    );
  }
  const retryAfter = Number(headers?.['retry-after']);
  return new TemporaryEmailError(
    statusCode === null
      ? `Resend did not answer: ${error.message}`
      : `Resend could not send the email now (${statusCode} ${error.name}): ${error.message}`,
    { ...details, ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}) },
  );
}
