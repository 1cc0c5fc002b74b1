import { randomBytes } from 'node:crypto';

/** Certificate numbers read as year and a zero-padded serial from one database sequence: 2026-000042. */
export function formatCredentialNumber(year: number, serial: number | string): string {
  return `${year}-${String(serial).padStart(6, '0')}`;
}

const base32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O/1/I: read aloud or typed from paper

/** 20 characters of 32 symbols = 100 bits: cannot be guessed or enumerated. */
export function newVerificationCode(): string {
  const bytes = randomBytes(20);
  let code = '';
  for (const byte of bytes) code += base32[byte % 32];
  return code;
}
