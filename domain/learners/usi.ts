import { randomBytes } from 'node:crypto';

/**
 * The Unique Student Identifier: ten characters from a 32-character alphabet (no 0, 1, I or O), the tenth a check
 * character over the first nine by the Luhn mod N algorithm, N = 32, as the USI office publishes it.
 */
export const usiAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * Luhn mod N check character of `payload` over `alphabet` (each character's code point is its index): from the right,
 * every other code point (starting with the rightmost) is doubled and its base-N digits summed; the check character
 * brings the total to a multiple of N. Null when the payload holds a character outside the alphabet.
 */
export function luhnModNCheckCharacter(payload: string, alphabet: string): string | null {
  const n = alphabet.length;
  let sum = 0;
  let factor = 2;
  for (let i = payload.length - 1; i >= 0; i -= 1) {
    const codePoint = alphabet.indexOf(payload[i]!);
    if (codePoint < 0) return null;
    const addend = codePoint * factor;
    sum += Math.floor(addend / n) + (addend % n);
    factor = factor === 2 ? 1 : 2;
  }
  return alphabet[(n - (sum % n)) % n]!;
}

export type UsiProblem = 'format' | 'checkCharacter';

/** Null for a well-formed USI; otherwise what is wrong with it. */
export function usiProblem(value: unknown): UsiProblem | null {
  if (typeof value !== 'string' || !/^[2-9A-HJ-NP-Z]{10}$/.test(value)) return 'format';
  return luhnModNCheckCharacter(value.slice(0, 9), usiAlphabet) === value[9] ? null : 'checkCharacter';
}

/** What a viewer sees of a USI: its last three characters. */
export function maskUsi(usi: string): string {
  return `*******${usi.slice(-3)}`;
}

/** A random USI with a valid check character: for dummy learners (practice data, tests), never a real person's. */
export function randomUsi(): string {
  const payload = Array.from(randomBytes(9), (byte) => usiAlphabet[byte % usiAlphabet.length]).join('');
  return payload + luhnModNCheckCharacter(payload, usiAlphabet)!;
}
