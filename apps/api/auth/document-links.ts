import { UnauthorizedException } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { minSecretLength, type AppConfig } from '../../config';
import { secretKeptInDataDir } from '../../data-dir-secret';

/** How long a signed document link works. */
export const documentLinkSeconds = 5 * 60;

/**
 * The secret document links are signed with: DOCUMENT_LINK_SECRET, or one generated once and kept in
 * DATA_DIR/document-link-secret. Every API process of a deployment must have the same one (configured, or a shared
 * data dir), or a link made by one is refused by another.
 */
export function documentLinkSecret(config: Pick<AppConfig, 'dataDir' | 'documentLinkSecret'>): string {
  if (config.documentLinkSecret) return config.documentLinkSecret;
  const parse = (text: string) => {
    if (text.length < minSecretLength) throw new Error(`holds fewer than ${minSecretLength} characters`);
    return text;
  };
  const make = () => randomBytes(32).toString('base64url');
  return secretKeptInDataDir(config.dataDir, 'document-link-secret', 'DOCUMENT_LINK_SECRET', make, parse);
}

/** The HMAC key of document links, derived from the secret (so the secret itself signs nothing else). */
export function documentLinkKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('credential-document-link/v1').digest();
}

/** What a link signs: the credential, the document version and when it stops working (unix seconds). */
export function signDocumentLink(key: Buffer, credentialId: string, version: number, expires: number): string {
  return createHmac('sha256', key).update(`${credentialId}:${version}:${expires}`).digest('base64url');
}

/** The query of a signed link as it arrives (Express's parsed query: text, or a list when repeated). */
export interface SignedLinkQuery {
  version?: unknown;
  expires?: unknown;
  signature?: unknown;
}

const renew = 'ask for a new one with POST /credentials/:id/preview-link';

/**
 * Signed links to a credential's PDF (GET /credentials/:id/document), for a browser tab that cannot send an
 * Authorization header: whoever holds one may read that document version until it expires.
 */
export class DocumentLinks {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = documentLinkKey(secret);
  }

  create(credentialId: string, version: number, now = Date.now()): { url: string; expiresAt: string } {
    const expires = Math.floor(now / 1000) + documentLinkSeconds;
    const signature = signDocumentLink(this.key, credentialId, version, expires);
    return {
      url: `/credentials/${credentialId}/document?version=${version}&expires=${expires}&signature=${signature}`,
      expiresAt: new Date(expires * 1000).toISOString(),
    };
  }

  /** Whether the request carries a link's signature at all (otherwise it needs an API key, as every route does). */
  static carriesSignature(query: SignedLinkQuery): boolean {
    return query.signature !== undefined;
  }

  /** Accepts a valid, unexpired link to this credential, or says (401) what is wrong with it. */
  verify(credentialId: string, query: SignedLinkQuery, now = Date.now()): void {
    const whole = (value: unknown) => (typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : null);
    const version = whole(query.version);
    const expires = whole(query.expires);
    const { signature } = query;
    if (version === null || expires === null || typeof signature !== 'string') {
      throw new UnauthorizedException(
        `The document link is incomplete: it needs version, expires and signature, once each; ${renew}`,
      );
    }
    const expected = Buffer.from(signDocumentLink(this.key, credentialId, version, expires));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new UnauthorizedException(
        `The document link's signature does not match this credential, version and expiry (changed or cut short?); ${renew}`,
      );
    }
    if (now >= expires * 1000) {
      throw new UnauthorizedException(
        `The document link expired at ${new Date(expires * 1000).toISOString()}; ${renew}`,
      );
    }
  }
}
