import { PNG } from 'pngjs';
import { mergeFields } from '../../domain/templates/merge-fields';
import { maxImageBytes, validateLayout, type TemplateLayout } from '../../domain/templates/layout';
import { unitPagesFor } from '../../templates/custom-layout';
import { renderCredentialPdf, TemplateNotRenderableError } from '../../templates/render';
import { courseSnapshot, qualificationSnapshot, unit } from '../support/credential-snapshot';
import { pdfPageTexts } from '../support/pdf-pages';
import { pdfInfo, pdfText } from '../support/pdf-text';

const sut = validateLayout;

function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(200);
  return PNG.sync.write(image);
}

const text = (overrides: Record<string, unknown> = {}) => ({
  type: 'text',
  x: 40,
  y: 40,
  width: 300,
  height: 30,
  text: 'Hello {{learner.fullName}}',
  ...overrides,
});
const layoutWith = (elements: unknown[], extra: Record<string, unknown> = {}) => ({
  page: { size: 'A4', orientation: 'portrait' },
  elements,
  ...extra,
});
const problemsOf = (input: unknown) => {
  const result = sut(input);
  expect(result.layout).toBeNull();
  return result.problems;
};

describe('custom layout validation', () => {
  it('accepts a full layout and fills in the defaults', () => {
    const result = sut(
      layoutWith(
        [
          text(),
          { type: 'qrCode', x: 500, y: 740, width: 72, height: 72 },
          { type: 'unitTable', x: 40, y: 100, width: 500, height: 400 },
          { type: 'logo', x: 40, y: 700, width: 100, height: 50 },
          { type: 'signature', x: 200, y: 700, width: 100, height: 40 },
          { type: 'issuingOfficer', x: 200, y: 745, width: 200, height: 30, align: 'center' },
        ],
        { background: png(10, 10).toString('base64'), logo: `data:image/png;base64,${png(4, 4).toString('base64')}` },
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.layout).toMatchObject({
      page: { size: 'A4', orientation: 'portrait' },
      elements: [
        { type: 'text', fontSize: 12, bold: false, align: 'left', color: '#000000' },
        { type: 'qrCode' },
        { type: 'unitTable', fontSize: 9, units: 'achieved', columns: ['code', 'title'] },
        { type: 'logo' },
        { type: 'signature' },
        { type: 'issuingOfficer', fontSize: 10, align: 'center' },
      ],
    });
    expect(result.layout!.logo).toBe(png(4, 4).toString('base64'));
  });

  it('names an unknown merge field and lists every valid one', () => {
    const [problem] = problemsOf(layoutWith([text({ text: 'Holder {{learner.usi}}' })]));
    expect(problem!.field).toBe('layout.elements.0.text');
    expect(problem!.messages[0]).toContain('unknown merge field {{learner.usi}}');
    for (const field of mergeFields) expect(problem!.messages[0]).toContain(`{{${field}}}`);
    expect(mergeFields).not.toContain('learner.usi');
    expect(mergeFields).not.toContain('learner.dateOfBirth');
  });

  it('names unpaired braces', () => {
    const [problem] = problemsOf(layoutWith([text({ text: 'Dear {{learner.fullName' })]));
    expect(problem).toEqual({
      field: 'layout.elements.0.text',
      messages: [expect.stringContaining('unpaired braces')],
    });
  });

  it('refuses an image over 2 MB and one that is not a PNG or JPEG', () => {
    const big = Buffer.concat([png(2, 2), Buffer.alloc(maxImageBytes)]);
    const problems = problemsOf(
      layoutWith([text()], { background: big.toString('base64'), logo: Buffer.from('GIF89a...').toString('base64') }),
    );
    expect(problems).toEqual([
      {
        field: 'layout.background',
        messages: [expect.stringMatching(/layout.background is 2\.\d+ MB; an image may be at most 2 MB/)],
      },
      { field: 'layout.logo', messages: ['layout.logo is neither a PNG nor a JPEG image'] },
    ]);
  });

  it('accepts a JPEG and refuses a truncated one', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
    expect(sut(layoutWith([text()], { background: jpeg.toString('base64') })).problems).toEqual([]);
    expect(
      problemsOf(layoutWith([text()], { background: jpeg.subarray(0, 10).toString('base64') }))[0]!.messages[0],
    ).toContain('truncated JPEG');
  });

  it('refuses an element off the page, saying which edge, for the page size and orientation given', () => {
    const problems = problemsOf(layoutWith([text({ x: 500, width: 200 }), text({ y: 800, height: 50 })]));
    expect(problems).toEqual([
      {
        field: 'layout.elements.0',
        messages: [expect.stringContaining('past the right edge of the A4 portrait page (595.28 pt wide)')],
      },
      {
        field: 'layout.elements.1',
        messages: [expect.stringContaining('past the bottom edge of the A4 portrait page (841.89 pt high)')],
      },
    ]);
    // The same box fits across a landscape page.
    expect(
      sut({ page: { size: 'A4', orientation: 'landscape' }, elements: [text({ x: 500, width: 200 })] }).problems,
    ).toEqual([]);
    expect(
      problemsOf({ page: { size: 'Letter', orientation: 'landscape' }, elements: [text({ y: 590, height: 30 })] })[0]!
        .messages[0],
    ).toContain('the Letter landscape page (612 pt high)');
  });

  it('names every malformed part at once', () => {
    expect(problemsOf('a layout').map((p) => p.field)).toEqual(['layout']);
    const problems = problemsOf({
      page: { size: 'A3', orientation: 'sideways' },
      elements: [
        { type: 'video', x: 0, y: 0, width: 1, height: 1 },
        text({ fontSize: 'big', colour: 'red' }),
        7,
        { type: 'qrCode', x: 0, y: 0, width: 20, height: 20 },
      ],
      watermark: true,
    });
    expect(problems.map((p) => p.field)).toEqual([
      'layout.watermark',
      'layout.page.size',
      'layout.page.orientation',
      'layout.elements.0.type',
      'layout.elements.1.colour',
      'layout.elements.1.fontSize',
      'layout.elements.2',
      'layout.elements.3',
    ]);
    expect(problems.find((p) => p.field === 'layout.elements.3')!.messages[0]).toContain('needs at least 48 pt');
    expect(problemsOf(layoutWith([])).map((p) => p.field)).toEqual(['layout.elements']);
    expect(
      problemsOf(
        layoutWith([
          { type: 'unitTable', x: 0, y: 0, width: 100, height: 100 },
          { type: 'unitTable', x: 0, y: 200, width: 100, height: 100 },
        ]),
      )[0]!.messages,
    ).toEqual(['a layout may have at most one unitTable element']);
  });
});

describe('custom layout rendering', () => {
  const layout = (elements: unknown[], page = { size: 'Letter', orientation: 'landscape' }) => {
    const result = validateLayout({ page, elements });
    if (!result.layout) throw new Error(JSON.stringify(result.problems));
    return result.layout;
  };

  it('prints merged text, the officer and the unit table, on a page of the chosen size, with metadata', async () => {
    const snapshot = qualificationSnapshot('statement-of-attainment', {
      template: { id: 't-1', builtinKey: null, version: 3 },
    });
    const pdf = await renderCredentialPdf(
      snapshot,
      { logoPng: null, signaturePng: null },
      layout([
        text({
          x: 40,
          y: 40,
          width: 700,
          text: '{{organisation.name}} ({{organisation.rtoCode}}) certifies {{learner.fullName}}',
        }),
        text({
          x: 40,
          y: 80,
          width: 700,
          text: '{{qualification.code}} {{qualification.title}}, {{credential.date}}, no. {{credential.number}}',
        }),
        text({ x: 40, y: 110, width: 700, height: 40, text: '{{statements.attainment}}', fontSize: 9 }),
        { type: 'unitTable', x: 40, y: 160, width: 700, height: 200 },
        { type: 'issuingOfficer', x: 40, y: 400, width: 300, height: 40 },
        { type: 'qrCode', x: 650, y: 480, width: 80, height: 80 },
      ]),
    );
    const read = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const expected of [
      'Harbourside Institute of Technology (40123) certifies Priya Raman',
      'BSB50420 Diploma of Leadership and Management, 27 November 2026, no. 2026-000321',
      'A statement of attainment is issued by a Registered Training Organisation',
      'BSBCMM511',
      'Communicate with influence',
      'Dana Whitfield',
      'Head of Quality',
    ]) {
      expect(read).toContain(expected);
    }
    expect(read).not.toContain('BSBOPS502'); // achieved units only by default
    expect(read).not.toContain('{{');
    const { info, pages } = await pdfInfo(pdf);
    expect(pages).toBe(1);
    expect(info).toMatchObject({
      Title: 'Statement 2026-000321',
      Author: 'Harbourside Institute of Technology',
      Subject: '2026-000321',
    });
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 792 612\]/);
  });

  it('repeats the page with the next units when the table is full, every page naming the learner', async () => {
    const units = Array.from({ length: 30 }, (_, i) =>
      unit(`LNGUNT${String(i + 1).padStart(3, '0')}`, `Long unit title number ${i + 1}`, '20', '2026-02-03'),
    );
    const table = { type: 'unitTable', x: 40, y: 100, width: 500, height: 150, units: 'all' };
    const snapshot = qualificationSnapshot('record-of-results', {
      template: { id: 't-2', builtinKey: null, version: 1 },
      units,
    });
    const checked = layout([text({ text: '{{learner.fullName}} {{credential.number}}' }), table], {
      size: 'A4',
      orientation: 'portrait',
    });
    const expectedPages = unitPagesFor(
      checked.elements[1] as Extract<TemplateLayout['elements'][number], { type: 'unitTable' }>,
      units,
    ).length;
    expect(expectedPages).toBeGreaterThan(1);
    const pdf = await renderCredentialPdf(snapshot, { logoPng: null, signaturePng: null }, checked);
    const pages = (await pdfPageTexts(pdf)).map((p) => p.replace(/\s+/g, ' '));
    expect(pages).toHaveLength(expectedPages);
    for (const page of pages) expect(page).toContain('Priya Raman 2026-000321');
    const all = pages.join(' ');
    for (const u of units) expect(all.split(u.code).length - 1).toBe(1);
  });

  it('refuses a custom template without a layout, or with a stored layout that no longer validates', async () => {
    const snapshot = courseSnapshot('certificate-of-completion', {
      template: { id: 't-3', builtinKey: null, version: 2 },
    });
    await expect(renderCredentialPdf(snapshot, { logoPng: null, signaturePng: null })).rejects.toThrow(
      TemplateNotRenderableError,
    );
    await expect(
      renderCredentialPdf(
        snapshot,
        { logoPng: null, signaturePng: null },
        { page: { size: 'A4' }, elements: [text({ text: '{{x.y}}' })] },
      ),
    ).rejects.toThrow(/t-3 version 2 has an invalid layout: .*unknown merge field \{\{x\.y\}\}/);
  });
});
