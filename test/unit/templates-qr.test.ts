import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { CredentialSnapshot } from '../../domain/credentials/snapshot';
import { validateLayout } from '../../domain/templates/layout';
import { qrCodePng } from '../../templates/parts/qr-code';
import { renderCredentialPdf } from '../../templates/render';
import { courseSnapshot, qualificationSnapshot } from '../support/credential-snapshot';
import { hasPoppler, rasterise } from '../support/poppler';

/** The text of the first QR code found in a PNG, or null. */
function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

const url = (code: string) => `https://verify.example.edu.au/verify/${code}`;
const withUrl = (snapshot: CredentialSnapshot, code: string): CredentialSnapshot => ({
  ...snapshot,
  credential: { ...snapshot.credential, verificationUrl: url(code) },
});

describe('QR code', () => {
  it('encodes the text it is given', () => {
    const sut = qrCodePng(url('HJKLMNPQRSTUVWXYZ234'));
    expect(decodeQr(sut)).toBe(url('HJKLMNPQRSTUVWXYZ234'));
  });

  const poppler = hasPoppler();
  if (!poppler)
    console.warn(
      'SKIPPED: pdftoppm (poppler-utils) is not installed, so the printed QR codes are not decoded. apt-get install poppler-utils',
    );
  const printed = poppler ? it.each : it.skip.each;

  const custom = validateLayout({
    page: { size: 'A4', orientation: 'portrait' },
    elements: [
      { type: 'text', x: 40, y: 40, width: 400, height: 30, text: '{{learner.fullName}}' },
      { type: 'qrCode', x: 400, y: 700, width: 72, height: 72 },
    ],
  }).layout;

  printed([
    ['testamur', () => qualificationSnapshot('testamur'), undefined],
    ['statement of attainment', () => qualificationSnapshot('statement-of-attainment'), undefined],
    ['record of results', () => qualificationSnapshot('record-of-results'), undefined],
    ['certificate of completion', () => courseSnapshot(), undefined],
    [
      'custom layout',
      () => courseSnapshot('certificate-of-completion', { template: { id: 't', builtinKey: null, version: 1 } }),
      custom,
    ],
  ] as Array<[string, () => CredentialSnapshot, unknown]>)(
    '%s: a printed page carries the verification URL as a QR code',
    async (name, snapshot, layout) => {
      const code = `QRTEST${name
        .replace(/[^a-z]/g, '')
        .toUpperCase()
        .slice(0, 14)}`.padEnd(20, 'Z');
      const pdf = await renderCredentialPdf(withUrl(snapshot(), code), { logoPng: null, signaturePng: null }, layout);
      const found = rasterise(pdf, 150).map(decodeQr).filter(Boolean);
      expect(found).toContain(url(code));
    },
  );
});
