import { randomBytes } from 'node:crypto';
import type { EmailAttachment, OutgoingEmail } from './email-sender';

/** `addr@domain` or `Display Name <addr@domain>`; nothing that could smuggle a header line in. */
const mailboxPattern =
  /^(?:(?<name>[^<>\r\n]*?)\s*<(?<angle>[^\s<>@]+@[^\s<>@]+)>|(?<bare>[^\s<>@,;:"()]+@[^\s<>@,;:"()]+))$/;

export interface Mailbox {
  name: string | undefined;
  address: string;
}

export function parseMailbox(value: string): Mailbox | null {
  const match = mailboxPattern.exec(value.trim());
  if (!match?.groups) return null;
  const { name, angle, bare } = match.groups;
  const display = name?.trim().replace(/^"(.*)"$/, '$1');
  return { name: display || undefined, address: (angle ?? bare)! };
}

const isPrintableAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

/** RFC 2047 encoded words of at most 75 characters each, never splitting a character. */
function encodedWords(text: string): string[] {
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`);
}

function headerText(text: string): string {
  return isPrintableAscii(text) ? text : encodedWords(text).join('\r\n ');
}

function formatMailbox({ name, address }: Mailbox): string {
  if (!name) return address;
  if (!isPrintableAscii(name)) return `${encodedWords(name).join(' ')} <${address}>`;
  return /^[\w !#$%&'*+\-/=?^`{|}~]*$/.test(name)
    ? `${name} <${address}>`
    : `"${name.replace(/(["\\])/g, '\\$1')}" <${address}>`;
}

function base64Lines(content: Buffer): string {
  return (content.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/** A text part: readable 7bit when it is plain ASCII with short lines, base64 otherwise. */
function textPart(contentType: string, text: string): string {
  const crlf = text.replace(/\r?\n/g, '\r\n');
  const plain = /^[\t\r\n\x20-\x7e]*$/.test(crlf) && crlf.split('\r\n').every((line) => line.length <= 998);
  return plain
    ? `Content-Type: ${contentType}; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n${crlf}`
    : `Content-Type: ${contentType}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(Buffer.from(text))}`;
}

function attachmentPart({ filename, content, contentType }: EmailAttachment): string {
  const safe = isPrintableAscii(filename) && !/["\\]/.test(filename);
  // RFC 2231 for names that are not plain ASCII; mail readers understand both forms.
  const param = safe ? `filename="${filename}"` : `filename*=UTF-8''${encodeURIComponent(filename)}`;
  const nameParam = safe ? `name="${filename}"` : `name*=UTF-8''${encodeURIComponent(filename)}`;
  return [
    `Content-Type: ${contentType}; ${nameParam}`,
    `Content-Disposition: attachment; ${param}`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(content),
  ].join('\r\n');
}

function multipart(subtype: string, parts: string[]): { header: string; body: string } {
  const boundary = `=_credentials_${randomBytes(12).toString('hex')}`;
  return {
    header: `multipart/${subtype}; boundary="${boundary}"`,
    body: `${parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('')}--${boundary}--\r\n`,
  };
}

/** RFC 5322 date: "Sun, 29 Nov 2026 20:20:00 +0000". */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

export interface EmlEnvelope {
  from: Mailbox;
  to: Mailbox;
  messageId: string;
  date: Date;
}

/** One RFC 5322 message: multipart/mixed with the text (and HTML, when given) first and each attachment in base64. */
export function buildEml(message: OutgoingEmail, envelope: EmlEnvelope): string {
  const body =
    message.html === undefined
      ? textPart('text/plain', message.text)
      : (() => {
          const alternative = multipart('alternative', [
            textPart('text/plain', message.text),
            textPart('text/html', message.html),
          ]);
          return `Content-Type: ${alternative.header}\r\n\r\n${alternative.body}`;
        })();
  const mixed = multipart('mixed', [body, ...message.attachments.map(attachmentPart)]);
  const headers = [
    `From: ${formatMailbox(envelope.from)}`,
    `To: ${formatMailbox(envelope.to)}`,
    `Subject: ${headerText(message.subject.replace(/[\r\n]+/g, ' '))}`,
    `Date: ${rfc5322Date(envelope.date)}`,
    `Message-ID: <${envelope.messageId}>`,
    'MIME-Version: 1.0',
    `X-Idempotency-Key: ${message.idempotencyKey}`,
    ...Object.entries(message.tags ?? {}).map(
      ([name, value]) => `X-Tag: ${headerText(`${name}=${value}`.replace(/[\r\n]+/g, ' '))}`,
    ),
    `Content-Type: ${mixed.header}`,
  ];
  return `${headers.join('\r\n')}\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n${mixed.body}`;
}
