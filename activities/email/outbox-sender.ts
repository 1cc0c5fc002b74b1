import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PermanentEmailError, type EmailSender, type OutgoingEmail, type SentEmail } from './email-sender';
import { buildEml, parseMailbox } from './mime';

export interface OutboxSenderOptions {
  dataDir: string;
  /** Sender used when a message leaves `from` empty. */
  from?: string;
  now?: () => Date;
}

export function outboxDirectory(dataDir: string): string {
  return join(dataDir, 'outbox');
}

/** "2026-11-29T20-20-00-123Z": sortable, and free of characters some file systems refuse. */
const stampLength = '2026-11-29T20-20-00-123Z'.length;
const fileStamp = (date: Date) => date.toISOString().replace(/[:.]/g, '-');

/**
 * The key as it appears in file names: itself when file-name safe, else sanitised plus a hash so keys stay distinct.
 */
function fileKeyOf(idempotencyKey: string): string {
  if (/^[A-Za-z0-9._-]{1,200}$/.test(idempotencyKey) && !idempotencyKey.startsWith('.')) return idempotencyKey;
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 12);
  return `${idempotencyKey.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100)}-${hash}`;
}

/**
 * The default without RESEND_API_KEY: each message becomes `<DATA_DIR>/outbox/<timestamp>-<idempotency key>.eml`, a
 * complete RFC 5322 message any mail client opens. Idempotent like Resend: the same key again writes nothing and
 * returns
 * the same id (derived from the key, so it survives restarts). Files appear whole or not at all (temp file + rename).
 */
export class OutboxEmailSender implements EmailSender {
  readonly directory: string;
  private readonly from: string | undefined;
  private readonly now: () => Date;
  /** Sends with the same key in this process run one after another. */
  private readonly inFlight = new Map<string, Promise<SentEmail>>();

  constructor(options: OutboxSenderOptions) {
    this.directory = outboxDirectory(options.dataDir);
    this.from = options.from;
    this.now = options.now ?? (() => new Date());
  }

  async send(message: OutgoingEmail): Promise<SentEmail> {
    const previous = this.inFlight.get(message.idempotencyKey) ?? Promise.resolve(null);
    const current = previous.catch(() => null).then(() => this.sendOnce(message));
    this.inFlight.set(message.idempotencyKey, current);
    try {
      return await current;
    } finally {
      if (this.inFlight.get(message.idempotencyKey) === current) this.inFlight.delete(message.idempotencyKey);
    }
  }

  /** The .eml files written for this idempotency key (one, unless something is wrong). */
  async filesFor(idempotencyKey: string): Promise<string[]> {
    const fileKey = fileKeyOf(idempotencyKey);
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return names
      .filter(
        (name) => name.endsWith('.eml') && name.length > stampLength + 5 && name.slice(stampLength + 1, -4) === fileKey,
      )
      .sort()
      .map((name) => join(this.directory, name));
  }

  private async sendOnce(message: OutgoingEmail): Promise<SentEmail> {
    const { to, from, idempotencyKey } = this.validate(message);
    const providerMessageId = `outbox-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
    if ((await this.filesFor(idempotencyKey)).length > 0) return { providerMessageId };

    const date = this.now();
    const eml = buildEml(message, { from, to, date, messageId: `${providerMessageId}@${from.address.split('@')[1]}` });
    await mkdir(this.directory, { recursive: true });
    const temp = join(this.directory, `.${randomBytes(8).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(eml);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(this.directory, `${fileStamp(date)}-${fileKeyOf(idempotencyKey)}.eml`));

    // Another process may have sent the same key at the same moment: every sender keeps the oldest file, so exactly one
    // stays whoever checks first.
    const [, ...extra] = await this.filesFor(idempotencyKey);
    await Promise.all(extra.map((file) => unlink(file).catch(() => undefined)));
    return { providerMessageId };
  }

  private validate(message: OutgoingEmail) {
    const fail = (text: string) => new PermanentEmailError(text, { provider: 'outbox', code: 'validation_error' });
    const to = parseMailbox(message.to);
    if (!to) throw fail(`Invalid \`to\` address "${message.to}": use email@example.com or Name <email@example.com>`);
    const fromText = message.from || this.from || '';
    const from = parseMailbox(fromText);
    if (!from) throw fail(`Invalid \`from\` address "${fromText}": use email@example.com or Name <email@example.com>`);
    if (!/^[\x21-\x7e]{1,256}$/.test(message.idempotencyKey)) {
      throw fail('The idempotency key must be 1 to 256 printable characters without spaces');
    }
    const badType = message.attachments.find((a) => !/^[\w.+-]+\/[\w.+-]+$/.test(a.contentType));
    if (badType) throw fail(`Attachment ${badType.filename} has an invalid content type "${badType.contentType}"`);
    return { to, from, idempotencyKey: message.idempotencyKey };
  }
}
