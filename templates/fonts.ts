import { Font } from '@react-pdf/renderer';
import { fixGlyphCodePoints } from './glyph-code-points';
import { repairShaping } from './shaping';

/**
 * Fonts, chosen per text. Text that WinAnsi (Windows-1252) can encode, most names and everything our templates say
 * themselves, uses the PDF standard Helvetica: nothing embedded, so the common document stays small and fast. Any
 * other text uses Noto Sans (Latin with every diacritic, Vietnamese, Greek, Cyrillic, Devanagari) with the Noto font
 * of each other script it contains (Chinese, Japanese, Korean, Arabic, Hebrew, Armenian, Georgian, Thai, Lao, Khmer,
 * Myanmar, Bengali, Tamil, Sinhala, Malayalam, Kannada); react-pdf picks, character by character, the first font of
 * the list with a glyph, and embeds only the glyphs used. The fonts are TTF files from npm packages
 * (@expo-google-fonts/*, OFL), read on first use: a process that never prints Korean never reads the Korean font.
 *
 * The fonts of scripts shaped by syllable (Indic, South-East Asian) and Hebrew and the Caucasian alphabets come
 * *before* Noto Sans in the list: Noto Sans has the zero-width joiners and the dotted circle too, and a joiner taken
 * from it would split the syllable's run and undo its conjunct (Sinhala "ශ්‍රී" is written with a ZWJ). fontkit shapes
 * the run (reordering, conjuncts, marks; see shaping.ts for the two places it needed help).
 */
type Family =
  'NotoSans' | 'NotoSansSC' | 'NotoSansJP' | 'NotoSansKR' | 'NotoSansArabic' | (typeof scriptFonts)[number]['family'];

/** Scripts with one font each, and the Unicode blocks that font is chosen for. */
const scriptFonts = [
  {
    family: 'NotoSansHebrew',
    ranges: [
      [0x0590, 0x05ff],
      [0xfb1d, 0xfb4f],
    ],
  },
  {
    family: 'NotoSansArmenian',
    ranges: [
      [0x0530, 0x058f],
      [0xfb13, 0xfb17],
    ],
  },
  {
    family: 'NotoSansGeorgian',
    ranges: [
      [0x10a0, 0x10ff],
      [0x1c90, 0x1cbf],
      [0x2d00, 0x2d2f],
    ],
  },
  { family: 'NotoSansThai', ranges: [[0x0e00, 0x0e7f]] },
  { family: 'NotoSansLao', ranges: [[0x0e80, 0x0eff]] },
  {
    family: 'NotoSansKhmer',
    ranges: [
      [0x1780, 0x17ff],
      [0x19e0, 0x19ff],
    ],
  },
  {
    family: 'NotoSansMyanmar',
    ranges: [
      [0x1000, 0x109f],
      [0xa9e0, 0xa9ff],
      [0xaa60, 0xaa7f],
    ],
  },
  { family: 'NotoSansBengali', ranges: [[0x0980, 0x09ff]] },
  {
    family: 'NotoSansTamil',
    ranges: [
      [0x0b80, 0x0bff],
      [0x11fc0, 0x11fff],
    ],
  },
  {
    family: 'NotoSansSinhala',
    ranges: [
      [0x0d80, 0x0dff],
      [0x111e0, 0x111ff],
    ],
  },
  { family: 'NotoSansMalayalam', ranges: [[0x0d00, 0x0d7f]] },
  { family: 'NotoSansKannada', ranges: [[0x0c80, 0x0cff]] },
] as const satisfies ReadonlyArray<{ family: string; ranges: ReadonlyArray<readonly [number, number]> }>;

const expo = (family: string) => ({
  pkg: `@expo-google-fonts/${family.replace(/^NotoSans/, 'noto-sans-').toLowerCase()}`,
  regular: `${family}_400Regular`,
  bold: `${family}_700Bold`,
});

const files: Record<Family, { pkg: string; regular: string; bold: string }> = {
  NotoSans: { pkg: '@expo-google-fonts/noto-sans', regular: 'NotoSans_400Regular', bold: 'NotoSans_700Bold' },
  NotoSansSC: { pkg: '@expo-google-fonts/noto-sans-sc', regular: 'NotoSansSC_400Regular', bold: 'NotoSansSC_700Bold' },
  NotoSansJP: { pkg: '@expo-google-fonts/noto-sans-jp', regular: 'NotoSansJP_400Regular', bold: 'NotoSansJP_700Bold' },
  NotoSansKR: { pkg: '@expo-google-fonts/noto-sans-kr', regular: 'NotoSansKR_400Regular', bold: 'NotoSansKR_700Bold' },
  NotoSansArabic: {
    pkg: '@expo-google-fonts/noto-sans-arabic',
    regular: 'NotoSansArabic_400Regular',
    bold: 'NotoSansArabic_700Bold',
  },
  ...(Object.fromEntries(scriptFonts.map(({ family }) => [family, expo(family)])) as Record<
    (typeof scriptFonts)[number]['family'],
    { pkg: string; regular: string; bold: string }
  >),
};

/** Where a family's regular or bold TTF file is (tests lay names out with the same files). */
export function fontPath(family: Family, bold = false): string {
  const { pkg, regular, bold: boldName } = files[family];
  return fontFile(pkg, bold ? boldName : regular);
}

const fontFile = (pkg: string, name: string) => {
  const folder = name.slice(name.indexOf('_') + 1);
  return require.resolve(`${pkg}/${folder}/${name}.ttf`);
};

let registered = false;

/** Registers the fonts (paths only; nothing is read yet) and turns hyphenation off: a name is never split. */
export function registerFonts(): void {
  if (registered) return;
  registered = true;
  for (const [family, { pkg, regular, bold }] of Object.entries(files)) {
    Font.register({
      family,
      fonts: [
        { src: fontFile(pkg, regular), fontWeight: 400 },
        { src: fontFile(pkg, bold), fontWeight: 700 },
      ],
    });
    const { sources } = Font.getRegisteredFonts()[family] as unknown as {
      sources: Parameters<typeof fixGlyphCodePoints>[0][];
    };
    sources.forEach(fixGlyphCodePoints);
    sources.forEach(repairShaping);
  }
  Font.registerHyphenationCallback((word) => [word]);
}

// Windows-1252's characters above Latin-1's control range (0x80-0x9F), which Helvetica prints as WinAnsi.
const winAnsiExtras = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'].map((c) => c.codePointAt(0)!));

const isWinAnsi = (cp: number) =>
  (cp >= 0x20 && cp < 0x7f) || (cp >= 0xa0 && cp <= 0xff) || winAnsiExtras.has(cp) || cp === 0x0a;

const inRange = (cp: number, ranges: ReadonlyArray<readonly [number, number]>) =>
  ranges.some(([a, b]) => cp >= a && cp <= b);
type Ranges = ReadonlyArray<readonly [number, number]>;
const hangul: Array<[number, number]> = [
  [0x1100, 0x11ff],
  [0x3130, 0x318f],
  [0xa960, 0xa97f],
  [0xac00, 0xd7af],
  [0xd7b0, 0xd7ff],
];
const kana: Array<[number, number]> = [
  [0x3040, 0x30ff],
  [0x31f0, 0x31ff],
  [0xff66, 0xff9f],
];
const han: Array<[number, number]> = [
  [0x2e80, 0x2fdf],
  [0x3000, 0x303f],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0xff00, 0xff65],
  [0x20000, 0x3134f],
];
const arabic: Array<[number, number]> = [
  [0x0600, 0x06ff],
  [0x0750, 0x077f],
  [0x08a0, 0x08ff],
  [0xfb50, 0xfdff],
  [0xfe70, 0xfeff],
];
const rtl: Array<[number, number]> = [
  [0x0590, 0x08ff],
  [0xfb1d, 0xfdff],
  [0xfe70, 0xfeff],
];
const strongLtr = (cp: number) => /\p{L}/u.test(String.fromCodePoint(cp));

// A type, not an interface, so it fits react-pdf's Style (which has an index signature).
export type TextFont = {
  fontFamily: string | string[];
  fontWeight: 400 | 700;
  direction?: 'rtl';
};

/** The font list for one text, and its direction when it starts with a right-to-left letter (like HTML's dir=auto). */
export function fontFor(text: string, bold = false): TextFont {
  const weight = bold ? 700 : 400;
  const codePoints = [...text].map((c) => c.codePointAt(0)!);
  if (codePoints.every(isWinAnsi)) return { fontFamily: 'Helvetica', fontWeight: weight };
  const has = (ranges: Ranges) => codePoints.some((cp) => inRange(cp, ranges));
  const families: Family[] = ['NotoSans'];
  // A text with kana is Japanese, with hangul Korean: their fonts come first and draw its Han characters the local
  // way. Noto Sans SC (30,000 glyphs, Japanese-only kanji included) draws Han-only text and any Han the others lack.
  if (has(hangul)) families.push('NotoSansKR');
  if (has(kana)) families.push('NotoSansJP');
  if (has(han)) families.push('NotoSansSC');
  if (has(arabic)) families.push('NotoSansArabic');
  const own = scriptFonts.filter(({ ranges }) => has(ranges)).map(({ family }) => family);
  const firstStrong = codePoints.find((cp) => inRange(cp, rtl) || strongLtr(cp));
  return {
    fontFamily: [...new Set([...own, ...families])],
    fontWeight: weight,
    ...(firstStrong !== undefined && inRange(firstStrong, rtl) ? { direction: 'rtl' as const } : {}),
  };
}

/** Scripts named in a message that must not quote a name's characters. */
const scriptNames = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Armenian',
  'Hebrew',
  'Arabic',
  'Syriac',
  'Thaana',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Thai',
  'Lao',
  'Tibetan',
  'Myanmar',
  'Georgian',
  'Hangul',
  'Ethiopic',
  'Cherokee',
  'Khmer',
  'Mongolian',
  'Hiragana',
  'Katakana',
  'Han',
  'Yi',
  'Tifinagh',
];
const scriptOf = (char: string) =>
  scriptNames.find((name) => new RegExp(`\\p{Script=${name}}`, 'u').test(char)) ?? 'another';

export class UnprintableTextError extends Error {
  /** Says which scripts, never which characters: it may enter Temporal's histories, which hold no personal data. */
  readonly textFreeMessage: string;

  constructor(readonly characters: string[]) {
    super(
      `No bundled font can print ${characters.map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ')}: ` +
        'the templates print Latin (Vietnamese too), Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic, Devanagari, ' +
        'Bengali, Tamil, Malayalam, Kannada, Sinhala, Thai, Lao, Khmer, Myanmar, Chinese, Japanese and Korean',
    );
    this.name = 'UnprintableTextError';
    const scripts = [...new Set(characters.map(scriptOf))];
    this.textFreeMessage =
      `No bundled font can print ${characters.length} of its characters (${scripts.join(', ')} ` +
      `${scripts.length === 1 ? 'script' : 'scripts'}): the credential's generationError names them`;
  }
}

const ignorable = (cp: number) =>
  cp <= 0x20 ||
  (cp >= 0x200b && cp <= 0x200f) ||
  (cp >= 0x202a && cp <= 0x202e) ||
  (cp >= 0x2060 && cp <= 0x206f) ||
  cp === 0xfeff;

/**
 * Loads the fonts these texts need and checks that every character has a glyph in one of them. react-pdf would
 * otherwise print a blank or a wrong glyph without a word, and a credential with a mangled name is worse than none.
 * The error names the characters, never the whole text; its textFreeMessage names only their scripts.
 */
export async function loadFontsFor(texts: Iterable<string>): Promise<void> {
  registerFonts();
  const missing = new Set<string>();
  for (const text of texts) {
    const { fontFamily, fontWeight } = fontFor(text);
    if (typeof fontFamily === 'string') continue;
    const fonts = await Promise.all(
      fontFamily.map(async (family) => {
        await Font.load({ fontFamily: family, fontWeight });
        return Font.getFont({ fontFamily: family, fontWeight })?.data as {
          hasGlyphForCodePoint(cp: number): boolean;
        } | null;
      }),
    );
    for (const char of text) {
      const cp = char.codePointAt(0)!;
      if (!ignorable(cp) && !fonts.some((font) => font?.hasGlyphForCodePoint(cp))) missing.add(char);
    }
  }
  if (missing.size) throw new UnprintableTextError([...missing]);
}
