import type { CredentialSnapshot } from '../../domain/credentials/snapshot';
import { renderCredentialPdf, TemplateNotRenderableError } from '../../templates/render';
import { pdfInfo, pdfText } from '../support/pdf-text';

const snapshot: CredentialSnapshot = {
  credential: {
    id: 'c1',
    number: '2026-000123',
    type: 'Certificate',
    credentialDate: '2026-11-29',
    verificationUrl: 'https://certs.example/verify/ABCDEFGHJK',
  },
  template: { id: '00000000-0000-4000-8000-000000000004', builtinKey: 'certificate-of-completion', version: 1 },
  organisation: { name: 'Southern Cross Training', rtoCode: '45678', logoSha256: null },
  learner: { givenName: 'Wei', middleName: null, familyName: 'Chen', fullName: 'Wei Chen' },
  course: {
    code: 'WHS-1',
    name: 'Working Safely at Heights',
    startDate: '2026-10-01',
    endDate: '2026-10-03',
    completionDate: '2026-10-03',
  },
  qualification: null,
  units: [],
  issuingOfficer: { id: 'o1', name: 'Ruth Banks', position: 'Training Manager', signatureSha256: null },
};

describe('certificate of completion template', () => {
  it('prints the learner, course, dates, number, organisation and officer, and sets the PDF metadata', async () => {
    const pdf = await renderCredentialPdf(snapshot, { logoPng: null, signaturePng: null });
    const text = await pdfText(pdf);
    for (const expected of [
      'Certificate of Completion',
      'Wei Chen',
      'Working Safely at Heights',
      '3 October 2026',
      '29 November 2026',
      '2026-000123',
      'Southern Cross Training',
      'RTO 45678',
      'Ruth Banks',
      'Training Manager',
      'https://certs.example/verify/ABCDEFGHJK',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('1991'); // the date of birth identifies, and is not printed
    const { info, pages } = await pdfInfo(pdf);
    expect(pages).toBe(1);
    expect(info).toMatchObject({
      Title: 'Certificate of Completion 2026-000123',
      Author: 'Southern Cross Training',
      Subject: '2026-000123',
    });
  });

  it('refuses a template it has no renderer for', async () => {
    const custom = { ...snapshot, template: { id: 'x', builtinKey: null, version: 3 } };
    await expect(renderCredentialPdf(custom, { logoPng: null, signaturePng: null })).rejects.toThrow(
      TemplateNotRenderableError,
    );
  });
});
