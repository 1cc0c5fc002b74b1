/**
 * Two repairs to fontkit's OpenType layout (fontkit 2.0.4, which react-pdf uses to shape every text run), applied to
 * each font we register. Both were found by laying out names with fontkit and with HarfBuzz (hb-shape) and comparing
 * the glyphs: fontkit agreed for Thai, Lao, Khmer, Hebrew, Bengali, Tamil, Sinhala, Georgian, Armenian, Malayalam and
 * Kannada, and differed here.
 *
 * 1. Myanmar. fontkit has no Myanmar shaper: it lays Myanmar out with its default shaper, which neither moves the
 *    vowel sign E (U+1031) and the medial RA (U+103C) in front of their consonant, where they are written, nor applies
 *    the font's below-base forms (stacked consonants, kinzi). The plan is replaced for Myanmar runs by one modelled
 *    on OpenType's Myanmar shaping (and HarfBuzz's): locl and ccmp, reorder each syllable, then the basic forms (rphf,
 *    pref, blwf, pstf) one stage each, then the presentation forms, then the common features and positioning.
 * 2. Mark attachment to a base without an anchor for that mark's class. The OpenType table marks that with a NULL
 *    anchor, meaning "does not attach here"; fontkit read through it and threw (a Malayalam name such as
 *    "കൃഷ്ണൻ" failed the whole render). Such a mark is now left where it is, as HarfBuzz leaves it.
 */

interface GlyphInfo {
  id: number;
  codePoints: number[];
  features: Record<string, boolean>;
}

interface ShapingPlan {
  script: string;
  allFeatures: Record<string, number>;
  add(features: string[] | string, global?: boolean): void;
  addStage(stage: string[] | ((font: unknown, glyphs: GlyphInfo[], plan: ShapingPlan) => void), global?: boolean): void;
  assignGlobalFeatures(glyphs: GlyphInfo[]): void;
}

interface GlyphRun {
  features: Record<string, boolean>;
  direction: 'ltr' | 'rtl';
}

interface OTLayoutEngine {
  font: unknown;
  plan: ShapingPlan | null;
  glyphInfos: GlyphInfo[] | null;
  setup(glyphRun: GlyphRun): void;
  GPOSProcessor?: { applyAnchor(markRecord: { markAnchor: unknown }, baseAnchor: unknown, base: number): void };
}

interface LayoutFont {
  _layoutEngine?: { engine?: OTLayoutEngine };
}

interface FontSource {
  data: unknown;
  _load(): Promise<void>;
}

const inRange = (cp: number, ranges: ReadonlyArray<readonly [number, number]>) =>
  ranges.some(([a, b]) => cp >= a && cp <= b);

// Myanmar letters that carry a syllable (consonants, independent vowels, digits, the dotted circle), in the Myanmar
// block and its extensions A and B.
const myanmarBases: Array<[number, number]> = [
  [0x1000, 0x102a],
  [0x103f, 0x1049],
  [0x104e, 0x104e],
  [0x1050, 0x1055],
  [0x105a, 0x105d],
  [0x1061, 0x1061],
  [0x1065, 0x1066],
  [0x106e, 0x1070],
  [0x1075, 0x1081],
  [0x108e, 0x108e],
  [0x1090, 0x1099],
  [0xa9e0, 0xa9e4],
  [0xa9e7, 0xa9fe],
  [0xaa60, 0xaa76],
  [0xaa7a, 0xaa7a],
  [0xaa7e, 0xaa7f],
  [0x25cc, 0x25cc],
];
// What attaches to a base: vowel signs, medials, tone marks, ASAT, the virama, and the joiners.
const myanmarMarks: Array<[number, number]> = [
  [0x102b, 0x103e],
  [0x1056, 0x1059],
  [0x105e, 0x1060],
  [0x1062, 0x1064],
  [0x1067, 0x106d],
  [0x1071, 0x1074],
  [0x1082, 0x108d],
  [0x108f, 0x108f],
  [0x109a, 0x109d],
  [0xa9e5, 0xa9e6],
  [0xaa7b, 0xaa7d],
  [0x200c, 0x200d],
  [0xfe00, 0xfe0f],
];
const vowelSignE = [0x1031, 0x1084];
const medialRa = 0x103c;
const asat = 0x103a;
const virama = 0x1039;
const kinziConsonants = [0x1004, 0x101b, 0x105a];

const first = (glyph: GlyphInfo | undefined) => glyph?.codePoints[0] ?? -1;
const isBase = (glyph: GlyphInfo | undefined) => inRange(first(glyph), myanmarBases);
const isMark = (glyph: GlyphInfo | undefined) => inRange(first(glyph), myanmarMarks);

/**
 * Puts each Myanmar syllable's glyphs in the order they are drawn: vowel sign E, then medial RA, then the base
 * consonant, then a kinzi (a syllable-initial NGA + ASAT + virama, drawn above the base), then the rest as typed.
 */
function reorderMyanmar(_font: unknown, glyphs: GlyphInfo[]): void {
  let start = 0;
  while (start < glyphs.length) {
    const kinzi =
      kinziConsonants.includes(first(glyphs[start])) &&
      first(glyphs[start + 1]) === asat &&
      first(glyphs[start + 2]) === virama;
    const base = kinzi ? start + 3 : start;
    if (!isBase(glyphs[base])) {
      start += 1;
      continue;
    }
    // The syllable runs over the marks after its base, and over a base stacked under a virama.
    let end = base + 1;
    while (end < glyphs.length && (isMark(glyphs[end]) || (isBase(glyphs[end]) && first(glyphs[end - 1]) === virama)))
      end += 1;
    const after = glyphs.slice(base + 1, end);
    const ordered = [
      ...after.filter((g) => vowelSignE.includes(first(g))),
      ...after.filter((g) => first(g) === medialRa),
      glyphs[base]!,
      ...(kinzi ? glyphs.slice(start, start + 3) : []),
      ...after.filter((g) => !vowelSignE.includes(first(g)) && first(g) !== medialRa),
    ];
    glyphs.splice(start, end - start, ...ordered);
    start = end;
  }
}

const myanmarScripts = ['mym2', 'mymr'];

function planMyanmar(engine: OTLayoutEngine, glyphRun: GlyphRun): void {
  const old = engine.plan!;
  const Plan = old.constructor as new (font: unknown, script: string, direction: string) => ShapingPlan;
  const plan = new Plan(engine.font, old.script, glyphRun.direction);
  plan.add(['locl', 'ccmp']);
  plan.addStage(reorderMyanmar);
  for (const feature of ['rphf', 'pref', 'blwf', 'pstf']) plan.addStage([feature]);
  plan.addStage(['pres', 'abvs', 'blws', 'psts']);
  plan.addStage(['rlig', 'calt', 'clig', 'liga', 'rclt', 'kern', 'curs', 'dist', 'abvm', 'blwm', 'mark', 'mkmk']);
  for (const glyph of engine.glyphInfos ?? []) glyph.features = {};
  plan.assignGlobalFeatures(engine.glyphInfos ?? []);
  engine.plan = plan;
  for (const feature of Object.keys(plan.allFeatures)) glyphRun.features[feature] = true;
}

const patched = new WeakSet<object>();

function repair(font: LayoutFont): void {
  const engine = font._layoutEngine?.engine;
  if (!engine || patched.has(engine)) return;
  patched.add(engine);
  const setup = engine.setup.bind(engine);
  engine.setup = (glyphRun) => {
    setup(glyphRun);
    if (engine.plan && myanmarScripts.includes(engine.plan.script)) planMyanmar(engine, glyphRun);
  };
  const gpos = engine.GPOSProcessor;
  if (gpos) {
    const applyAnchor = gpos.applyAnchor.bind(gpos);
    gpos.applyAnchor = (markRecord, baseAnchor, base) => {
      if (baseAnchor && markRecord.markAnchor) applyAnchor(markRecord, baseAnchor, base);
    };
  }
}

/** Wraps a react-pdf font source's loader so the font it loads gets the repairs. */
export function repairShaping(source: FontSource): void {
  const load = source._load.bind(source);
  source._load = async () => {
    await load();
    if (source.data && typeof source.data === 'object' && '_layoutEngine' in source.data)
      repair(source.data as LayoutFont);
  };
}

/** The same repairs for a font opened with fontkit directly (tests lay names out the way react-pdf does). */
export function repairFontShaping(font: object): void {
  repair(font as LayoutFont);
}
