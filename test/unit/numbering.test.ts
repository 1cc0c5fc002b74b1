import { formatCredentialNumber, newVerificationCode } from '../../domain/credentials/numbering';

describe('credential numbers and verification codes', () => {
  it('formats year and serial', () => {
    expect(formatCredentialNumber(2026, 42)).toBe('2026-000042');
    expect(formatCredentialNumber(2027, '1234567')).toBe('2027-1234567');
  });

  it('makes verification codes that are long, unambiguous and distinct', () => {
    const codes = Array.from({ length: 2000 }, newVerificationCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{20}$/);
  });
});
