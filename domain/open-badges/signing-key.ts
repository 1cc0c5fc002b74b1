import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';

/**
 * The issuer's Ed25519 signing key, as Multikey strings (what the Data Integrity libraries and DID documents use):
 * `publicKeyMultibase` is base58btc of 0xed01 + the 32-byte public key (z6Mk...), `secretKeyMultibase` base58btc of
 * 0x8026 + the 32-byte seed.
 */
export interface SigningKey {
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const publicHeader = [0xed, 0x01];
const secretHeader = [0x80, 0x26];

function base58Encode(bytes: Uint8Array): string {
  let value = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let out = '';
  while (value > 0n) {
    out = alphabet[Number(value % 58n)] + out;
    value /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

function base58Decode(text: string): Buffer | null {
  let value = 0n;
  for (const char of text) {
    const digit = alphabet.indexOf(char);
    if (digit < 0) return null;
    value = value * 58n + BigInt(digit);
  }
  const hex = value === 0n ? '' : value.toString(16);
  const body = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  const zeros = text.length - text.replace(/^1+/, '').length;
  return Buffer.concat([Buffer.alloc(zeros), body]);
}

/** An Ed25519 seed as Node's private key object (PKCS#8 wrapping of the raw seed). */
function privateKeyOfSeed(seed: Buffer): KeyObject {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}

/** The public key of an Ed25519 seed, through Node's own crypto. */
function publicKeyOf(seed: Buffer): Buffer {
  const spki = createPublicKey(privateKeyOfSeed(seed)).export({ format: 'der', type: 'spki' });
  return spki.subarray(spki.length - 32);
}

/** The signing key as Node's private key object, to sign with. */
export function privateKeyOf(key: SigningKey): KeyObject {
  return privateKeyOfSeed(base58Decode(key.secretKeyMultibase.slice(1))!.subarray(secretHeader.length));
}

export function signingKeyFromSeed(seed: Buffer): SigningKey {
  return {
    publicKeyMultibase: `z${base58Encode(Buffer.from([...publicHeader, ...publicKeyOf(seed)]))}`,
    secretKeyMultibase: `z${base58Encode(Buffer.from([...secretHeader, ...seed]))}`,
  };
}

/**
 * Reads CREDENTIAL_SIGNING_KEY: a Multikey secretKeyMultibase (z...), or the 32-byte seed as 64 hex characters or
 * base64url (`openssl rand -hex 32`). Throws a message that says which forms are accepted, never the value.
 */
export function parseSigningKey(text: string): SigningKey {
  const value = text.trim();
  let seed: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(value)) seed = Buffer.from(value, 'hex');
  else if (value.startsWith('z')) {
    const bytes = base58Decode(value.slice(1));
    if (bytes?.length === 34 && bytes[0] === secretHeader[0] && bytes[1] === secretHeader[1]) seed = bytes.subarray(2);
  } else if (/^[A-Za-z0-9_-]{43}=?$/.test(value)) seed = Buffer.from(value, 'base64url');
  if (seed?.length !== 32) {
    throw new Error(
      'must be an Ed25519 key: a Multikey secretKeyMultibase (z...), or a 32-byte seed as 64 hex characters or base64url',
    );
  }
  return signingKeyFromSeed(seed);
}

/** A new random key, as the text CREDENTIAL_SIGNING_KEY takes. */
export function newSigningKeyText(): string {
  return signingKeyFromSeed(randomBytes(32)).secretKeyMultibase;
}
