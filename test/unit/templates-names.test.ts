import type { CredentialSnapshot } from '../../domain/credentials/snapshot';
import { fontFor, fontPath } from '../../templates/fonts';
import { repairFontShaping } from '../../templates/shaping';
import { renderCredentialPdf, TemplateNotRenderableError } from '../../templates/render';
import { courseSnapshot, qualificationSnapshot } from '../support/credential-snapshot';
import { hasPoppler, popplerText } from '../support/poppler';
import { pdfText } from '../support/pdf-text';
import { drawnOutlines, drawsSequence, laidOutOutlines, typedGlyphIds } from '../support/pdf-glyphs';

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
  ['Hebrew', 'יעל', 'לוי'],
  ['Thai', 'สมชาย', 'ใจดี'],
  ['Lao', 'ສົມພອນ', 'ແກ້ວມະນີ'],
  ['Georgian', 'გიორგი', 'ბერიძე'],
  ['Armenian', 'Արամ', 'Խաչատրյան'],
];

type ScriptFamily = Parameters<typeof fontPath>[0];

/**
 * A name in each script with a font of its own, and what shaping must do to it. pdftotext reads glyphs in drawing
 * order, which for the Indic and South-East Asian scripts is not the typed order (a vowel sign drawn before its
 * consonant, conjuncts of several letters in one glyph): those names are checked by the glyphs the page draws
 * against the glyph run fontkit lays out from the font file itself. `shaped` says how that run differs from one glyph
 * per letter, so the comparison cannot pass on a run fontkit failed to shape.
 */
const shapedNames: Array<{
  script: string;
  family: ScriptFamily;
  given: string;
  familyName: string;
  shaped: 'reordered' | 'conjuncts' | 'reordered and conjuncts' | 'right to left' | 'one glyph a letter';
}> = [
  { script: 'Thai', family: 'NotoSansThai', given: 'สมชาย', familyName: 'ใจดี', shaped: 'one glyph a letter' },
  { script: 'Lao', family: 'NotoSansLao', given: 'ສົມພອນ', familyName: 'ແກ້ວມະນີ', shaped: 'one glyph a letter' },
  { script: 'Hebrew', family: 'NotoSansHebrew', given: 'יעל', familyName: 'לוי', shaped: 'right to left' },
  {
    script: 'Georgian',
    family: 'NotoSansGeorgian',
    given: 'გიორგი',
    familyName: 'ბერიძე',
    shaped: 'one glyph a letter',
  },
  {
    script: 'Armenian',
    family: 'NotoSansArmenian',
    given: 'Արամ',
    familyName: 'Խաչատրյան',
    shaped: 'one glyph a letter',
  },
  { script: 'Khmer', family: 'NotoSansKhmer', given: 'ចន្ទា', familyName: 'កែវ', shaped: 'reordered and conjuncts' },
  {
    script: 'Myanmar',
    family: 'NotoSansMyanmar',
    given: 'မင်္ဂလာ',
    familyName: 'ကျော်',
    shaped: 'reordered and conjuncts',
  },
  {
    script: 'Bengali',
    family: 'NotoSansBengali',
    given: 'সুস্মিতা',
    familyName: 'চক্রবর্তী',
    shaped: 'reordered and conjuncts',
  },
  {
    script: 'Tamil',
    family: 'NotoSansTamil',
    given: 'செல்வி',
    familyName: 'சுப்பிரமணியம்',
    shaped: 'reordered and conjuncts',
  },
  {
    script: 'Sinhala',
    family: 'NotoSansSinhala',
    given: 'ශ්‍රීනාත්',
    familyName: 'පෙරේරා',
    shaped: 'reordered and conjuncts',
  },
  {
    script: 'Malayalam',
    family: 'NotoSansMalayalam',
    given: 'കൃഷ്ണൻ',
    familyName: 'മേനോൻ',
    shaped: 'reordered and conjuncts',
  },
  { script: 'Kannada', family: 'NotoSansKannada', given: 'ಕೃಷ್ಣ', familyName: 'ಶೆಟ್ಟಿ', shaped: 'conjuncts' },
];

/** Does the glyph run differ from the typed letters the way the script's shaping should make it? */
function checkShaping(text: string, run: { ids: number[] }, family: ScriptFamily, shaped: string) {
  const cmap = typedGlyphIds(fontPath(family, true), text);
  expect(run.ids).not.toContain(0);
  if (shaped === 'one glyph a letter') expect(run.ids).toEqual(cmap);
  if (shaped === 'right to left') expect(run.ids).toEqual([...cmap].reverse());
  if (shaped.includes('conjuncts')) expect(run.ids.length).not.toBe(cmap.length);
  if (shaped.includes('reordered')) {
    // Some glyph of a letter is drawn before a glyph of a letter typed ahead of it.
    const at = (id: number) => cmap.indexOf(id);
    const order = run.ids.map(at).filter((i) => i >= 0);
    expect(order.some((i, k) => k > 0 && i < order[k - 1]!)).toBe(true);
  }
}

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

  it.each(shapedNames)(
    '$script: the testamur and the certificate draw the name as fontkit shapes it ($shaped)',
    async ({ family, given, familyName, shaped }) => {
      const name = `${given} ${familyName}`;
      const direction = fontFor(name).direction ?? 'ltr';
      const expected = laidOutOutlines(fontPath(family, true), name, direction, repairFontShaping);
      checkShaping(name, expected, family, shaped);
      for (const snapshot of [qualificationSnapshot('testamur'), courseSnapshot()]) {
        const pdf = await renderCredentialPdf(withName(snapshot, given, familyName), noImages);
        const runs = await drawnOutlines(pdf);
        expect(drawsSequence(runs, expected.outlines)).toBe(true);
      }
    },
  );

  it('the glyph comparison fails a name drawn unshaped or in boxes', async () => {
    // Myanmar before its repair: fontkit drew the vowel sign E after its consonant, and no kinzi.
    const name = 'မင်္ဂလာ ကျော်';
    const pdf = await renderCredentialPdf(withName(courseSnapshot(), 'မင်္ဂလာ', 'ကျော်'), noImages);
    const runs = await drawnOutlines(pdf);
    const unshaped = laidOutOutlines(fontPath('NotoSansMyanmar', true), name, 'ltr');
    expect(drawsSequence(runs, unshaped.outlines)).toBe(false);
    const shaped = laidOutOutlines(fontPath('NotoSansMyanmar', true), name, 'ltr', repairFontShaping);
    expect(drawsSequence(runs, shaped.outlines)).toBe(true);
    // A name of boxes: Thai letters drawn with a font that has none of them.
    const boxes = laidOutOutlines(fontPath('NotoSans', true), 'สมชาย', 'ltr');
    expect(boxes.ids.every((id) => id === 0)).toBe(true);
    const thai = await drawnOutlines(await renderCredentialPdf(withName(courseSnapshot(), 'สมชาย', 'ใจดี'), noImages));
    expect(drawsSequence(thai, boxes.outlines)).toBe(false);
  });

  it('shapes Sinhala with its joiner inside the run: the script font comes before Noto Sans', () => {
    expect(fontFor('ශ්‍රීනාත් පෙරේරා').fontFamily).toEqual(['NotoSansSinhala', 'NotoSans']);
    expect(fontFor('Nimal පෙරේරා').fontFamily).toEqual(['NotoSansSinhala', 'NotoSans']);
    expect(fontFor('יעל לוי')).toMatchObject({ fontFamily: ['NotoSansHebrew', 'NotoSans'], direction: 'rtl' });
    expect(fontFor('สมชาย ใจดี').fontFamily).toEqual(['NotoSansThai', 'NotoSans']);
  });

  it('refuses a name no bundled font can print, naming the character but not the name', async () => {
    // Ethiopic (Amharic, Tigrinya) has no bundled font yet.
    const amharic = withName(courseSnapshot(), 'አበበ', 'Sharma');
    await expect(renderCredentialPdf(amharic, noImages)).rejects.toThrow(TemplateNotRenderableError);
    await expect(renderCredentialPdf(amharic, noImages)).rejects.toThrow(/"አ" \(U\+12A0\)/);
    await expect(renderCredentialPdf(amharic, noImages)).rejects.not.toThrow(/Sharma/);
  });

  it('gives each document its own letters: a decomposed "ị" or "ń" in one does not leak into the next', async () => {
    // Noto Sans decomposes these for mark placement; fontkit used to keep the first text seen per glyph for good.
    await renderCredentialPdf(withName(courseSnapshot(), 'Thị Ńgân', 'Nguyễn'), noImages);
    const pdf = await renderCredentialPdf(withName(courseSnapshot(), 'Łukasz', 'Nowinski'), noImages);
    expect(await pdfText(pdf)).toContain('Łukasz Nowinski');
  });
});
