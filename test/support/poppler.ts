import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * poppler-utils (Debian), which .ci/run installs: pdftotext reads right-to-left and combining text back the way a
 * reader sees it, which pdf-parse's old pdf.js does not; pdftoppm rasterises pages as a printer would.
 */
export function hasPoppler(): boolean {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function withPdf<T>(pdf: Buffer, work: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'poppler-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return work(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The document's text, in reading order, bidirectional text resolved. */
export function popplerText(pdf: Buffer): string {
  return withPdf(pdf, (_, file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

/** Each page as a PNG at the given resolution. */
export function rasterise(pdf: Buffer, dpi = 200): Buffer[] {
  return withPdf(pdf, (dir, file) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.startsWith('page') && f.endsWith('.png'))
      .sort()
      .map((f) => readFileSync(join(dir, f)));
  });
}
