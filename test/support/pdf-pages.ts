// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer, options: object) => Promise<unknown>;

interface PdfJsPage {
  getTextContent(): Promise<{ items: Array<{ str: string }> }>;
}

/** Each page's text, in page order (pdf-parse renders pages one after another), for checking what every page says. */
export async function pdfPageTexts(pdf: Buffer): Promise<string[]> {
  const pages: string[] = [];
  await pdfParse(new Uint8Array(pdf) as unknown as Buffer, {
    pagerender: async (page: PdfJsPage) => {
      const text = (await page.getTextContent()).items.map((item) => item.str).join(' ');
      pages.push(text);
      return text;
    },
  });
  return pages;
}
