// pdf-parse's index.js runs a self-test when required directly; its lib entry is the parser alone.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (
  data: Buffer,
) => Promise<{ text: string; info: Record<string, unknown>; numpages: number }>;

// pdf.js sometimes misreads a Node Buffer (a view into a shared pool) as "bad XRef entry"; a plain copy reads reliably.
const asBytes = (pdf: Buffer) => new Uint8Array(pdf) as unknown as Buffer;

/** The text a reader would see, for asserting what a document says. */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfParse(asBytes(pdf))).text;
}

export async function pdfInfo(pdf: Buffer) {
  const { info, numpages } = await pdfParse(asBytes(pdf));
  return { info, pages: numpages };
}
