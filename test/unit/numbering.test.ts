import { newVerificationCode } from '../../domain/credentials/numbering';

describe('verification codes', () => {
  it('makes verification codes that are long, unambiguous and distinct', () => {
    const codes = Array.from({ length: 2000 }, newVerificationCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{20}$/);
  });
});
