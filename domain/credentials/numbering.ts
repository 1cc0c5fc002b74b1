import { randomBytes } from 'node:crypto';

/**
 * Certificate numbers read as the year (UTC) and a zero-padded serial from one database sequence: 2026-000042, and
 * 2026-1234567 once serials outgrow six digits. The database writes them, in the statement that takes the serial, so
 * this SQL expression is the one definition of the format. `serial` names a column: it is read twice.
 */
export function credentialNumberSql(serial: string): string {
  return `(extract(year from now() at time zone 'UTC')::int || '-' || lpad((${serial})::text, greatest(6, length((${serial})::text)), '0'))`;
}

/** Whether `text` could be part of a credential number (the format above: digits and a hyphen). */
export function couldBeInCredentialNumber(text: string): boolean {
  return /^[0-9-]+$/.test(text);
}

const base32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O/1/I: read aloud or typed from paper

/** 20 characters of 32 symbols = 100 bits: cannot be guessed or enumerated. */
export function newVerificationCode(): string {
  const bytes = randomBytes(20);
  let code = '';
  for (const byte of bytes) code += base32[byte % 32];
  return code;
}
