import { PNG } from 'pngjs';
import { documentWarnings, isAqfDocument } from '../../domain/compliance/aqf-documents';
import { assertPng, InvalidImageError } from '../../domain/images/png';
import { svgToPng } from '../../domain/images/svg';
import { validateLayout } from '../../domain/templates/layout';
import type { BuiltinKey } from '../../domain/templates/builtins';
import { renderCredentialPdf } from '../../templates/render';
import { courseSnapshot, qualificationSnapshot } from '../support/credential-snapshot';
import { drawnImages } from '../support/pdf-images';
import { pdfInfo } from '../support/pdf-text';

/** A PNG of a size no other image in our documents has, so the NRT logo is found by its pixels. */
function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(90);
  return PNG.sync.write(image);
}
const nrtLogoPng = png(173, 89);
const logoPng = png(300, 120);
const images = { logoPng, signaturePng: null, nrtLogoPng };
const isNrt = (i: { pixels: { width: number; height: number } }) => i.pixels.width === 173 && i.pixels.height === 89;

const mm = (points: number) => (points / 72) * 25.4;

describe('the Nationally Recognised Training logo on built-in documents', () => {
  it.each<[BuiltinKey, number]>([
    ['testamur', 15],
    ['statement-of-attainment', 15],
  ])('the %s draws it once, proportions kept, at least %s mm tall, beside the organisation logo', async (key, min) => {
    const pdf = await renderCredentialPdf(qualificationSnapshot(key), images);
    const drawn = await drawnImages(pdf);
    const nrt = drawn.filter(isNrt);
    expect(nrt).toHaveLength(1);
    expect(nrt[0]!.page).toBe(1);
    expect(nrt[0]!.box.width / nrt[0]!.box.height).toBeCloseTo(173 / 89, 2);
    expect(mm(nrt[0]!.box.height)).toBeGreaterThanOrEqual(min);
    expect(drawn.some((i) => i.pixels.width === 300)).toBe(true);
    // The logo row does not push the document onto another page.
    const without = await renderCredentialPdf(qualificationSnapshot(key), { ...images, nrtLogoPng: null });
    expect((await pdfInfo(pdf)).pages).toBe((await pdfInfo(without)).pages);
  });

  it('is never drawn on the record of results or the certificate of completion, even when uploaded', async () => {
    for (const pdf of [
      await renderCredentialPdf(qualificationSnapshot('record-of-results'), images),
      await renderCredentialPdf(courseSnapshot(), images),
    ]) {
      expect((await drawnImages(pdf)).filter(isNrt)).toEqual([]);
    }
  });

  it('is drawn without the organisation logo too, and not at all before it is uploaded', async () => {
    const alone = await drawnImages(
      await renderCredentialPdf(qualificationSnapshot('testamur'), { ...images, logoPng: null }),
    );
    expect(alone.filter(isNrt)).toHaveLength(1);
    const none = await drawnImages(
      await renderCredentialPdf(qualificationSnapshot('testamur'), { logoPng: null, signaturePng: null }),
    );
    expect(none.filter(isNrt)).toEqual([]);
  });
});

describe('the nrtLogo element of custom layouts', () => {
  const layout = (height = 40) => ({
    page: { size: 'A4', orientation: 'portrait' },
    elements: [
      { type: 'text', x: 40, y: 40, width: 400, height: 30, text: '{{learner.fullName}}' },
      { type: 'nrtLogo', x: 440, y: 700, width: 100, height },
    ],
  });

  it('is allowed in Certificate (testamur) and Statement templates, and drawn where placed', async () => {
    for (const templateType of ['Certificate', 'Statement']) {
      expect(validateLayout(layout(), { templateType }).problems).toEqual([]);
    }
    const snapshot = qualificationSnapshot('testamur');
    const custom = { ...snapshot, template: { ...snapshot.template, builtinKey: null } };
    const drawn = await drawnImages(await renderCredentialPdf(custom, images, layout()));
    const nrt = drawn.filter(isNrt);
    expect(nrt).toHaveLength(1);
    // Fitted into its 100 x 40 box, proportions kept.
    expect(nrt[0]!.box.width).toBeCloseTo(40 * (173 / 89), 0);
  });

  it.each(['Transcript', 'Letter', 'Card', 'Other'])('is refused in a %s template, with the reason', (templateType) => {
    const result = validateLayout(layout(), { templateType });
    expect(result.layout).toBeNull();
    expect(result.problems).toEqual([
      {
        field: 'layout.elements.1',
        messages: [
          expect.stringMatching(new RegExp(`only Certificate \\(testamur\\) and Statement .* type ${templateType}$`)),
        ],
      },
    ]);
  });

  it('must be at least 10 mm tall', () => {
    const result = validateLayout(layout(20), { templateType: 'Statement' });
    expect(result.problems).toEqual([
      { field: 'layout.elements.1.height', messages: [expect.stringContaining('at least 28.35 pt (10 mm)')] },
    ]);
  });
});

describe('an NRT logo uploaded as SVG', () => {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="200" height="100" fill="#00594f"/>' +
    '<path d="M10 10 H190 V90 H10 Z" fill="#ffffff"/></svg>';

  it('is rendered to a PNG that passes the PNG check, 600 pixels tall, proportions kept', () => {
    const bytes = svgToPng(svg, 'nrtLogoSvg');
    expect(assertPng(bytes, 'nrtLogoSvg')).toEqual({ width: 1200, height: 600 });
  });

  it.each([
    ['not SVG', 'hello', 'nrtLogoSvg is not an SVG image (no <svg> element)'],
    [
      'an embedded image',
      '<svg xmlns="http://www.w3.org/2000/svg"><image href="/etc/hostname"/></svg>',
      'nrtLogoSvg embeds an image, a script or foreign content; upload plain vector artwork',
    ],
    [
      'a DOCTYPE',
      '<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>',
      'nrtLogoSvg has a DOCTYPE or entities; export the SVG without them',
    ],
    ['broken markup', '<svg xmlns="http://www.w3.org/2000/svg"><rect', /nrtLogoSvg is not a valid SVG image/],
  ])('refuses %s', (_, input, message) => {
    expect(() => svgToPng(input, 'nrtLogoSvg')).toThrow(InvalidImageError);
    expect(() => svgToPng(input, 'nrtLogoSvg')).toThrow(message);
  });
});

describe('what an AQF document lacks', () => {
  const complete = {
    organisation: { rtoCode: '91234', hasLogo: true, hasNrtLogo: true },
    issuingOfficer: { name: 'Pat', hasSignature: true },
  };
  const testamur = { builtinKey: 'testamur', type: 'Certificate' as const, appliesTo: 'qualification' as const };

  it('knows which templates make AQF documents that carry the NRT logo', () => {
    expect(isAqfDocument(testamur)).toBe(true);
    expect(isAqfDocument({ builtinKey: 'statement-of-attainment', type: 'Statement', appliesTo: 'both' })).toBe(true);
    expect(isAqfDocument({ builtinKey: 'record-of-results', type: 'Transcript', appliesTo: 'both' })).toBe(false);
    expect(isAqfDocument({ builtinKey: 'certificate-of-completion', type: 'Certificate', appliesTo: 'course' })).toBe(
      false,
    );
    expect(isAqfDocument({ type: 'Statement', appliesTo: 'both' })).toBe(true);
    expect(isAqfDocument({ type: 'Certificate', appliesTo: 'qualification' })).toBe(true);
    expect(isAqfDocument({ type: 'Certificate', appliesTo: 'both' })).toBe(false);
  });

  it('names each missing item, and nothing for a complete one or a document that is not AQF', () => {
    expect(documentWarnings({ template: testamur, ...complete })).toEqual([]);
    const codes = documentWarnings({
      template: testamur,
      organisation: { rtoCode: 'ABC', hasLogo: false, hasNrtLogo: false },
      issuingOfficer: { name: 'Pat', hasSignature: false },
    }).map((w) => w.code);
    expect(codes).toEqual(['nrtLogo', 'organisationLogo', 'rtoCode', 'issuingOfficerSignature']);
    expect(
      documentWarnings({ template: { type: 'Statement', appliesTo: 'both' }, ...complete }).map((w) => w.code),
    ).toEqual(['nrtLogoElement']);
    expect(
      documentWarnings({
        template: { builtinKey: 'certificate-of-completion', type: 'Certificate', appliesTo: 'course' },
        organisation: null,
        issuingOfficer: null,
      }),
    ).toEqual([]);
  });
});
