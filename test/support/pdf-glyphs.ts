import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  type PDFRef,
  type PDFObject,
} from 'pdf-lib';

/**
 * The glyphs a PDF page draws, as their outlines. react-pdf embeds each font as a subset whose glyph ids are its own,
 * so a glyph is identified by its outline (SVG path data, read from the embedded subset with fontkit) and compared
 * with the outlines of the glyphs fontkit lays out from the original font file. Text extraction cannot check
 * scripts whose glyphs are drawn in another order than the letters are typed (Bengali, Myanmar, ...) or that form
 * conjuncts; this can: a missing glyph (a box), a letter left unreordered or a conjunct not formed all change the
 * sequence of outlines.
 */
interface OutlineFont {
  getGlyph(id: number): { path: { toSVG(): string } };
}

// fontkit ships no type declarations; these are the two calls used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as {
  create(data: Buffer): unknown;
  openSync(file: string): { glyphsForString(text: string): Array<{ id: number }> };
};

const outlineOf = (font: OutlineFont, id: number) => font.getGlyph(id).path.toSVG();

function streamBytes(object: PDFObject | undefined): Buffer {
  if (object instanceof PDFRawStream) return Buffer.from(decodePDFRawStream(object).decode());
  throw new Error('expected a stream');
}

/** Every run of glyphs the document's pages draw, per embedded font, in content-stream order. */
export async function drawnOutlines(pdf: Buffer): Promise<string[][]> {
  const doc = await PDFDocument.load(new Uint8Array(pdf));
  const runs: string[][] = [];
  for (const page of doc.getPages()) {
    const resources = page.node.Resources();
    const fontDict = resources?.lookup(PDFName.of('Font'));
    const fonts = new Map<string, OutlineFont | null>();
    if (fontDict instanceof PDFDict) {
      for (const [name, ref] of fontDict.entries()) {
        const font = doc.context.lookup(ref as PDFRef) as PDFDict;
        const descendants = font.lookup(PDFName.of('DescendantFonts'));
        if (!(descendants instanceof PDFArray)) {
          fonts.set(name.decodeText(), null);
          continue;
        }
        const cid = descendants.lookup(0) as PDFDict;
        const descriptor = cid.lookup(PDFName.of('FontDescriptor')) as PDFDict;
        const file = streamBytes(descriptor.lookup(PDFName.of('FontFile2')));
        fonts.set(name.decodeText(), fontkit.create(file) as unknown as OutlineFont);
      }
    }
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents as PDFObject];
    const text = streams.map((s) => streamBytes(s).toString('latin1')).join('\n');
    let font: OutlineFont | null = null;
    const ops = /\/([A-Za-z0-9_.-]+)\s+[-\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
    for (const match of text.matchAll(ops)) {
      if (match[1] !== undefined) {
        font = fonts.get(match[1]) ?? null;
        continue;
      }
      if (!font) continue;
      const hex = match[2] !== undefined ? [...match[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]!) : [match[3]!];
      const ids = hex.flatMap((h) => h.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16));
      runs.push(ids.map((id) => outlineOf(font!, id)));
    }
  }
  return runs;
}

/** The outlines of the glyphs fontkit lays out for a text in one font file, in drawing order (left to right). */
export function laidOutOutlines(
  fontFile: string,
  text: string,
  direction: 'ltr' | 'rtl',
  prepare?: (font: object) => void,
): { outlines: string[]; ids: number[] } {
  const font = fontkit.openSync(fontFile) as unknown as OutlineFont & {
    layout(
      text: string,
      features?: unknown,
      script?: string,
      language?: string,
      direction?: string,
    ): {
      glyphs: Array<{ id: number }>;
    };
  };
  prepare?.(font);
  const { glyphs } = font.layout(text, undefined, undefined, undefined, direction);
  return { outlines: glyphs.map((g) => outlineOf(font, g.id)), ids: glyphs.map((g) => g.id) };
}

/** Whether the drawn glyphs, joined across the runs the page draws, contain the expected sequence. */
export function drawsSequence(runs: string[][], expected: string[]): boolean {
  const drawn = runs.flat();
  for (let i = 0; i + expected.length <= drawn.length; i++) {
    if (expected.every((outline, j) => drawn[i + j] === outline)) return true;
  }
  return false;
}

/** The font's glyph for each letter as typed, unshaped: what a run looks like when nothing was reordered or joined. */
export function typedGlyphIds(fontFile: string, text: string): number[] {
  return fontkit
    .openSync(fontFile)
    .glyphsForString(text)
    .map((g) => g.id);
}
