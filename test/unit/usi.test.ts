import { luhnModNCheckCharacter, maskUsi, usiAlphabet, usiProblem } from '../../domain/learners/usi';

describe('USI check character (Luhn mod 32)', () => {
  // Computed by hand-written Luhn mod N outside this code base (Python), over the USI alphabet.
  const valid = ['A2B3C4D5EQ', 'B2B3C4D5EN', 'ZX9KQ4R7TH', 'BNGH7C75FN', '2222222222', 'ZZZZZZZZZB'];

  it('accepts USIs whose tenth character is the check character of the first nine', () => {
    for (const usi of valid) expect(usiProblem(usi)).toBeNull();
  });

  it('refuses a USI with any other tenth character, and A2B3C4D5E6 in particular', () => {
    expect(usiProblem('A2B3C4D5E6')).toBe('checkCharacter');
    for (const usi of valid) {
      for (const other of usiAlphabet.replace(usi[9]!, ''))
        expect(usiProblem(usi.slice(0, 9) + other)).toBe('checkCharacter');
    }
  });

  it('catches a single mistyped character and most swaps of neighbours', () => {
    const usi = 'BNGH7C75FN';
    for (let i = 0; i < 9; i += 1) {
      for (const c of usiAlphabet.replace(usi[i]!, '')) {
        expect(usiProblem(usi.slice(0, i) + c + usi.slice(i + 1))).toBe('checkCharacter');
      }
    }
  });

  it('refuses the wrong shape as a format problem', () => {
    for (const bad of ['', 'short', 'A2B3C4D5EQX', 'a2b3c4d5eq', 'A2B3C4D5E0', 'I2B3C4D5EQ', 12345, null]) {
      expect(usiProblem(bad)).toBe('format');
    }
  });

  it('is the published Luhn mod N: it agrees with another alphabet’s published test vectors', () => {
    // The Swiss COVID certificate transfer codes use Luhn mod N over 29 characters and publish valid examples.
    const alphabet = '1234567890ABCDEFHKMNPRSTUWXYZ';
    for (const code of ['Y8P8ECFN8', 'HDTYRB66W', 'YS6R7H88T', 'K42K6F7R2', '3BY8DAZYS', '01AWUUB2M', 'TNKBZ0TSK']) {
      expect(luhnModNCheckCharacter(code.slice(0, -1), alphabet)).toBe(code.at(-1));
    }
    for (const code of ['Y8P8ECFN9', 'HDTYRC66W', 'K43K6F7R2']) {
      expect(luhnModNCheckCharacter(code.slice(0, -1), alphabet)).not.toBe(code.at(-1));
    }
  });

  it('masks all but the last three characters', () => {
    expect(maskUsi('BNGH7C75FN')).toBe('*******5FN');
  });
});
