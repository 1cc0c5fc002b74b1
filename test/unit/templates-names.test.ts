import type { CredentialSnapshot } from '../../domain/credentials/snapshot';
import { fontFor } from '../../templates/fonts';
import { renderCredentialPdf, TemplateNotRenderableError } from '../../templates/render';
import { courseSnapshot, qualificationSnapshot } from '../support/credential-snapshot';
import { hasPoppler, popplerText } from '../support/poppler';
import { pdfText } from '../support/pdf-text';

const noImages = { logoPng: null, signaturePng: null };

function withName(snapshot: CredentialSnapshot, givenName: string, familyName: string): CredentialSnapshot {
  const fullName = `${givenName} ${familyName}`;
  return { ...snapshot, learner: { ...snapshot.learner, givenName, familyName, fullName } };
}

/** Bidirectional controls pdftotext adds around right-to-left runs are not part of the name. */
const visible = (text: string) =>
  text
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .normalize('NFC');

// Names pdf-parse (pdf.js 1.10) reads back faithfully: it maps each glyph to one character.
const simpleNames: Array<[string, string, string]> = [
  ['Latin-1 accents (standard Helvetica)', 'José', 'Müller-Gonçalves'],
  ['Latin Extended', 'Łukasz', 'Żółćiński'],
  ['Greek', 'Αλέξανδρος', 'Παπαδόπουλος'],
  ['Cyrillic', 'Дмитрий', 'Иванов'],
  ['Chinese', '秀英', '王'],
  ['Japanese', 'はなこ', '山田'],
  ['Korean', '민준', '김'],
];
// Names whose glyphs pdf.js 1.10 cannot map back (combining marks, right-to-left): read with poppler's pdftotext.
const complexNames: Array<[string, string, string]> = [
  ['Vietnamese', 'Nguyễn Thị', 'Ánh'],
  ['Arabic', 'محمد', 'عبد الله'],
];

describe('names in any script', () => {
  it.each(simpleNames)(
    '%s: the name reads back from the certificate and the record of results',
    async (_, given, family) => {
      for (const snapshot of [courseSnapshot(), qualificationSnapshot('record-of-results')]) {
        const pdf = await renderCredentialPdf(withName(snapshot, given, family), noImages);
        expect(await pdfText(pdf)).toContain(`${given} ${family}`);
      }
    },
  );

  const poppler = hasPoppler();
  if (!poppler) {
    console.warn(
      'SKIPPED: poppler-utils (pdftotext) is not installed, so the Vietnamese and Arabic round trips do not run. apt-get install poppler-utils',
    );
  }
  (poppler ? it.each([...simpleNames, ...complexNames]) : it.skip.each([...simpleNames, ...complexNames]))(
    '%s: the name reads back through pdftotext from the testamur',
    async (_, given, family) => {
      const pdf = await renderCredentialPdf(withName(qualificationSnapshot('testamur'), given, family), noImages);
      expect(visible(popplerText(pdf))).toContain(`${given} ${family}`);
    },
  );

  it('keeps the common case small: Latin-1 text embeds no font, other scripts embed only subsets', async () => {
    const latin = await renderCredentialPdf(withName(courseSnapshot(), 'Zoë', 'Fernández'), noImages);
    const greek = await renderCredentialPdf(withName(courseSnapshot(), 'Αλέξανδρος', 'Παπαδόπουλος'), noImages);
    const chinese = await renderCredentialPdf(withName(courseSnapshot(), '秀英', '王'), noImages);
    expect(latin.includes('/FontFile2')).toBe(false);
    expect(greek.includes('/FontFile2')).toBe(true);
    // A 10 MB CJK font, subset to the few glyphs used.
    expect(chinese.length).toBeLessThan(60_000);
  });

  it('chooses fonts per text: Helvetica for WinAnsi, Noto plus the script font otherwise, right-to-left for Arabic', () => {
    expect(fontFor('Renée O’Brien')).toEqual({ fontFamily: 'Helvetica', fontWeight: 400 });
    expect(fontFor('Łukasz', true)).toEqual({ fontFamily: ['NotoSans'], fontWeight: 700 });
    expect(fontFor('김 민준').fontFamily).toEqual(['NotoSans', 'NotoSansKR']);
    expect(fontFor('山田 はなこ').fontFamily).toEqual(['NotoSans', 'NotoSansJP', 'NotoSansSC']);
    expect(fontFor('王秀英').fontFamily).toEqual(['NotoSans', 'NotoSansSC']);
    expect(fontFor('김 民俊').fontFamily).toEqual(['NotoSans', 'NotoSansKR', 'NotoSansSC']);
    expect(fontFor('محمد عبد الله')).toMatchObject({ fontFamily: ['NotoSans', 'NotoSansArabic'], direction: 'rtl' });
    expect(fontFor('Lina محمد').direction).toBeUndefined();
  });

  it('refuses a name no bundled font can print, naming the character but not the name', async () => {
    const thai = withName(courseSnapshot(), 'สมชาย', 'Sharma');
    await expect(renderCredentialPdf(thai, noImages)).rejects.toThrow(TemplateNotRenderableError);
    await expect(renderCredentialPdf(thai, noImages)).rejects.toThrow(/"ส" \(U\+0E2A\)/);
    await expect(renderCredentialPdf(thai, noImages)).rejects.not.toThrow(/Sharma/);
  });

  it('gives each document its own letters: a decomposed "ị" or "ń" in one does not leak into the next', async () => {
    // Noto Sans decomposes these for mark placement; fontkit used to keep the first text seen per glyph for good.
    await renderCredentialPdf(withName(courseSnapshot(), 'Thị Ńgân', 'Nguyễn'), noImages);
    const pdf = await renderCredentialPdf(withName(courseSnapshot(), 'Łukasz', 'Nowinski'), noImages);
    expect(await pdfText(pdf)).toContain('Łukasz Nowinski');
  });
});
