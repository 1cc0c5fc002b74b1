import type { CredentialSnapshot } from '../domain/credentials/snapshot';

export interface TemplateImages {
  logoPng: Buffer | null;
  signaturePng: Buffer | null;
  /** The organisation's Nationally Recognised Training logo: only AQF documents draw it (parts/nrt-logo.tsx). */
  nrtLogoPng?: Buffer | null;
}

/** What every template component receives: the merge data, the stored images, and the verification QR code. */
export interface TemplateProps {
  snapshot: CredentialSnapshot;
  images: TemplateImages;
  qrPng: Buffer;
}

/** The data cannot make this document (a testamur without a qualification, a character no font has, ...). */
export class TemplateNotRenderableError extends Error {
  /** The message without any of the credential's text: what may enter Temporal's histories. */
  readonly textFreeMessage: string;

  constructor(message: string, textFreeMessage = message) {
    super(message);
    this.name = 'TemplateNotRenderableError';
    this.textFreeMessage = textFreeMessage;
  }
}

/** The message of a render failure without any of the credential's text, where the error knows one. */
export const textFreeMessage = (err: Error): string =>
  (err as Error & { textFreeMessage?: string }).textFreeMessage ?? err.message;

/** PDF metadata: title, the organisation as author, the number as subject. */
export function documentMeta(title: string, snapshot: CredentialSnapshot) {
  return {
    title: `${title} ${snapshot.credential.number}`,
    author: snapshot.organisation.name,
    subject: snapshot.credential.number,
    creator: 'credentials-engine',
    producer: 'credentials-engine',
  };
}
