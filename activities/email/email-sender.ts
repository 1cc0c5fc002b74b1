/** The email port: the credential workflow's email step sends through this, never through a provider directly. */

export interface EmailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface OutgoingEmail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html?: string;
  attachments: EmailAttachment[];
  /** Same key, same email: a retry of a send that may have gone through never sends a second one. */
  idempotencyKey: string;
  /** Provider tags (Resend allows ASCII letters, digits, _ and - in names and values); they come back in webhooks. */
  tags?: Record<string, string>;
}

export interface SentEmail {
  providerMessageId: string;
}

export interface EmailSender {
  send(message: OutgoingEmail): Promise<SentEmail>;
}

export interface EmailErrorDetails {
  /** Which adapter failed: 'resend' or 'outbox'. */
  provider: string;
  /** The provider's own error name, e.g. Resend's `validation_error` or `rate_limit_exceeded`. */
  code?: string;
  /** HTTP status, when there was an answer. */
  statusCode?: number | null;
  /** The provider's message as it gave it, for emailStatus Failed and the credential history. */
  providerMessage?: string;
  cause?: unknown;
}

/** Retrying cannot help: a bad address, a validation error, a rejected API key, any 4xx but 429. */
export class PermanentEmailError extends Error {
  readonly provider: string;
  readonly code: string | undefined;
  readonly statusCode: number | null | undefined;
  readonly providerMessage: string;

  constructor(message: string, details: EmailErrorDetails) {
    super(message, { cause: details.cause });
    this.name = 'PermanentEmailError';
    this.provider = details.provider;
    this.code = details.code;
    this.statusCode = details.statusCode;
    this.providerMessage = details.providerMessage ?? message;
  }
}

/** Worth retrying with backoff: 429, 5xx, network errors and timeouts. */
export class TemporaryEmailError extends Error {
  readonly provider: string;
  readonly code: string | undefined;
  readonly statusCode: number | null | undefined;
  readonly providerMessage: string;
  /** The provider's Retry-After, when it sent one. */
  readonly retryAfterSeconds: number | undefined;

  constructor(message: string, details: EmailErrorDetails & { retryAfterSeconds?: number }) {
    super(message, { cause: details.cause });
    this.name = 'TemporaryEmailError';
    this.provider = details.provider;
    this.code = details.code;
    this.statusCode = details.statusCode;
    this.providerMessage = details.providerMessage ?? message;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export function isPermanentEmailError(err: unknown): err is PermanentEmailError {
  return err instanceof PermanentEmailError;
}

export function isTemporaryEmailError(err: unknown): err is TemporaryEmailError {
  return err instanceof TemporaryEmailError;
}
