/**
 * A fix for fontkit's glyph cache, applied to every font we register.
 *
 * fontkit's font.getGlyph(id, codePoints) caches one glyph object per glyph id and keeps the code points of the
 * first call. When a font decomposes a letter for mark placement (Noto Sans turns "ị" into "i" + a dot below), the
 * cached "i" keeps "ị" for the life of the process, and every later document that prints a plain "i" in that font
 * inherits it: react-pdf maps the glyph to "ị" in the PDF's ToUnicode table (copy, search and screen readers read
 * the name wrong) and counts its characters wrong when breaking lines. Here each call gets a glyph whose code points
 * are that occurrence's own, sharing everything else (outline, metrics) with the cached glyph.
 */
interface FontkitGlyph {
  id: number;
  codePoints: number[];
}

interface FontkitFont {
  getGlyph(id: number, codePoints?: number[]): FontkitGlyph;
}

interface FontSource {
  data: unknown;
  _load(): Promise<void>;
}

const patched = new WeakSet<object>();

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function withOccurrenceCodePoints(font: FontkitFont): void {
  if (patched.has(font)) return;
  patched.add(font);
  const cached = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints = []) => {
    const glyph = cached(id, codePoints);
    if (same(glyph.codePoints, codePoints)) return glyph;
    return Object.create(glyph, {
      codePoints: { value: codePoints, enumerable: true, writable: true },
    }) as FontkitGlyph;
  };
}

/** Wraps a react-pdf font source's loader so the font it loads gets the fix. */
export function fixGlyphCodePoints(source: FontSource): void {
  const load = source._load.bind(source);
  source._load = async () => {
    await load();
    if (source.data && typeof (source.data as FontkitFont).getGlyph === 'function')
      withOccurrenceCodePoints(source.data as FontkitFont);
  };
}
