import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, type PDFNumber, PDFRawStream } from 'pdf-lib';

/** An image a page draws: its pixel size and the box it is drawn in (PDF points). */
export interface DrawnImage {
  page: number;
  pixels: { width: number; height: number };
  box: { width: number; height: number };
}

/**
 * Every image XObject the pages draw, with the size it is drawn at: react-pdf draws an image as `w 0 0 h x y cm`
 * followed by `/Name Do`, so the matrix gives the drawn width and height.
 */
export async function drawnImages(pdf: Buffer): Promise<DrawnImage[]> {
  const doc = await PDFDocument.load(new Uint8Array(pdf));
  const found: DrawnImage[] = [];
  doc.getPages().forEach((page, index) => {
    const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'));
    const sizes = new Map<string, { width: number; height: number }>();
    if (xobjects instanceof PDFDict) {
      for (const [name, ref] of xobjects.entries()) {
        const stream = doc.context.lookup(ref);
        if (!(stream instanceof PDFRawStream)) continue;
        const number = (key: string) => (stream.dict.lookup(PDFName.of(key)) as PDFNumber | undefined)?.asNumber() ?? 0;
        sizes.set(name.decodeText(), { width: number('Width'), height: number('Height') });
      }
    }
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const text = streams
      .map((s) => (s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') : ''))
      .join('\n');
    for (const m of text.matchAll(/([-\d.]+) 0 0 ([-\d.]+) [-\d.]+ [-\d.]+ cm\s+\/([A-Za-z0-9_.-]+) Do/g)) {
      const pixels = sizes.get(m[3]!);
      if (pixels) {
        found.push({ page: index + 1, pixels, box: { width: Math.abs(+m[1]!), height: Math.abs(+m[2]!) } });
      }
    }
  });
  return found;
}
