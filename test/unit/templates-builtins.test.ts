import { buildSnapshot } from '../../domain/credentials/build-snapshot';
import type { CredentialSnapshot } from '../../domain/credentials/snapshot';
import {
  Course,
  CourseEnrolment,
  CourseOffer,
  Credential,
  CredentialTemplate,
  Learner,
  Organisation,
} from '../../domain/entities';
import { aqfRecognitionStatement, statementOfAttainmentStatement } from '../../domain/templates/statements';
import { renderCredentialPdf, TemplateNotRenderableError } from '../../templates/render';
import { courseSnapshot, qualificationSnapshot, unit } from '../support/credential-snapshot';
import { pdfPageTexts } from '../support/pdf-pages';
import { pdfInfo, pdfText } from '../support/pdf-text';

const noImages = { logoPng: null, signaturePng: null };
/** Extracted text with line breaks and runs of spaces as single spaces: wrapped sentences compare whole. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function render(snapshot: CredentialSnapshot) {
  const sut = await renderCredentialPdf(snapshot, noImages);
  return { pdf: sut, text: flat(await pdfText(sut)), ...(await pdfInfo(sut)) };
}

describe('testamur', () => {
  it('prints organisation and RTO code, learner, qualification, AQF statement, date, number, officer and verification URL', async () => {
    const snapshot = qualificationSnapshot('testamur');
    const { text, info, pages } = await render(snapshot);
    for (const expected of [
      'Harbourside Institute of Technology',
      'RTO Code 40123',
      'Priya Raman',
      'BSB50420',
      'Diploma of Leadership and Management',
      aqfRecognitionStatement,
      '27 November 2026',
      '2026-000321',
      'Dana Whitfield',
      'Head of Quality',
      'https://certs.example.edu.au/verify/QWERTYUPASDFGHJKZXCV',
    ]) {
      expect(text).toContain(expected);
    }
    expect(pages).toBe(1);
    expect(info).toMatchObject({
      Title: 'Testamur 2026-000321',
      Author: 'Harbourside Institute of Technology',
      Subject: '2026-000321',
    });
  });

  it('refuses a course credential: a testamur is for a qualification', async () => {
    await expect(renderCredentialPdf(courseSnapshot('testamur'), noImages)).rejects.toThrow(TemplateNotRenderableError);
  });
});

describe('statement of attainment', () => {
  it('lists the achieved units with codes and full titles, and the required statement; no AQF statement', async () => {
    const { text, info } = await render(qualificationSnapshot('statement-of-attainment'));
    for (const expected of [
      'Statement of Attainment',
      'Priya Raman',
      'BSBCMM511',
      'Communicate with influence',
      'BSBCRT511',
      'Develop critical thinking in others',
      'BSBLDR523',
      'Lead and manage effective workplace relationships',
      statementOfAttainmentStatement,
      'RTO Code 40123',
      '2026-000321',
      '27 November 2026',
    ]) {
      expect(text).toContain(expected);
    }
    // Not achieved (30) and still continuing (70): not attained, so not on the statement.
    expect(text).not.toContain('BSBOPS502');
    expect(text).not.toContain('BSBPEF502');
    expect(text).not.toContain('Australian Qualifications Framework');
    expect(info).toMatchObject({ Author: 'Harbourside Institute of Technology', Subject: '2026-000321' });
  });

  it('attests a course credential by the course code and name', async () => {
    const { text } = await render(courseSnapshot('statement-of-attainment'));
    expect(text).toContain('HLTAID011');
    expect(text).toContain('Provide First Aid');
  });

  it('refuses when no unit is achieved', async () => {
    const none = qualificationSnapshot('statement-of-attainment', {
      units: [unit('BSBOPS502', 'Manage business operational plans', '30', '2026-06-11')],
    });
    await expect(renderCredentialPdf(none, noImages)).rejects.toThrow(/at least one achieved unit/);
  });
});

describe('record of results', () => {
  it('lists every unit with its outcome and date; no AQF statement', async () => {
    const { text, info } = await render(qualificationSnapshot('record-of-results'));
    for (const expected of [
      'Record of Results',
      'Priya Raman',
      'BSB50420 Diploma of Leadership and Management',
      'BSBCMM511',
      '20 Competency achieved/pass',
      '14 March 2026',
      'BSBCRT511',
      '51 Recognition of prior learning granted',
      '2 April 2026',
      'BSBLDR523',
      '60 Credit transfer/national recognition',
      '20 May 2026',
      'BSBOPS502',
      '30 Competency not achieved/fail',
      '11 June 2026',
      'BSBPEF502',
      '70 Continuing enrolment',
      '1 July 2026',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Australian Qualifications Framework');
    expect(info).toMatchObject({ Title: 'Record of Results 2026-000321', Subject: '2026-000321' });
  });

  it('runs 40 units over several pages, each naming the learner and the number, every unit once', async () => {
    const units = Array.from({ length: 40 }, (_, i) =>
      unit(
        `TSTUNT${String(i + 1).padStart(3, '0')}`,
        `Apply workplace skill number ${i + 1} in a supervised setting`,
        i % 5 ? '20' : '30',
        '2026-05-04',
      ),
    );
    const { pdf, pages } = await render(qualificationSnapshot('record-of-results', { units }));
    expect(pages).toBeGreaterThanOrEqual(2);
    const pageTexts = (await pdfPageTexts(pdf)).map(flat);
    expect(pageTexts).toHaveLength(pages);
    pageTexts.forEach((page, i) => {
      expect(page).toContain('Priya Raman');
      expect(page).toContain('2026-000321');
      expect(page).toContain(`Page ${i + 1} of ${pages}`);
      expect(page).toContain('Unit code Unit title Outcome Date'); // the table heading, on every page
    });
    const everything = pageTexts.join(' ');
    for (const u of units) expect(everything.split(u.code).length - 1).toBe(1);
  });
});

describe('certificate of completion', () => {
  it('prints the course and carries no AQF statement', async () => {
    const { text, info } = await render(courseSnapshot());
    expect(text).toContain('Provide First Aid');
    expect(text).toContain('Priya Raman');
    expect(text).not.toContain('Australian Qualifications Framework');
    expect(info).toMatchObject({
      Title: 'Certificate of Completion 2026-000321',
      Author: 'Harbourside Institute of Technology',
    });
  });
});

describe('what no template prints', () => {
  const usi = 'ZX9KQ4R7TH';

  /** The snapshot of a credential whose learner has a verified USI, built from entities the way the worker does. */
  function snapshotOfLearnerWithUsi(builtinKey: string): CredentialSnapshot {
    const learner = Object.assign(new Learner(), {
      givenName: 'Tomasz',
      familyName: 'Wójcik',
      dateOfBirth: '1988-02-29',
      email: 'tomasz@example.com',
      usi,
      usiVerified: true,
    });
    const course = Object.assign(new Course(), { code: 'WHS-2', name: 'Work Safely at Heights' });
    const offer = Object.assign(new CourseOffer(), { course, startDate: '2026-09-01', endDate: '2026-09-03' });
    const enrolment = Object.assign(new CourseEnrolment(), {
      learner,
      courseOffer: offer,
      status: 'Completed',
      completionDate: '2026-09-03',
    });
    const template = Object.assign(new CredentialTemplate(), {
      builtinKey,
      name: builtinKey,
      type: 'Certificate',
      appliesTo: 'both',
    });
    const credential = Object.assign(new Credential(), {
      number: '2026-000999',
      verificationCode: 'ABCDEFGHJKLMNPQRSTUV',
      type: 'Certificate',
      template,
      templateVersion: 1,
      learner,
      courseEnrolment: enrolment,
      credentialDate: '2026-09-10',
    });
    const organisation = Object.assign(new Organisation(), { name: 'Ridge Safety College', rtoCode: '51234' });
    return buildSnapshot(credential, organisation, 'https://verify.example');
  }

  it.each(['certificate-of-completion', 'statement-of-attainment', 'record-of-results'])(
    '%s: no USI, no email, no date of birth',
    async (key) => {
      const snapshot = snapshotOfLearnerWithUsi(key);
      expect(JSON.stringify(snapshot)).not.toContain(usi);
      // Printed nowhere, so not in the snapshot either: an edit of it alone changes no credential.
      expect(JSON.stringify(snapshot)).not.toContain('1988-02-29');
      const { text } = await render(snapshot);
      expect(text).toContain('Tomasz Wójcik');
      expect(text).not.toContain(usi);
      expect(text).not.toMatch(/\bUSI\b|Unique Student Identifier/);
      expect(text).not.toContain('tomasz@example.com');
      expect(text).not.toContain('1988');
    },
  );

  it('testamur: no USI', async () => {
    const snapshot = {
      ...snapshotOfLearnerWithUsi('testamur'),
      qualification: { code: 'CPC30220', title: 'Certificate III in Carpentry' },
    };
    const { text } = await render(snapshot);
    expect(text).toContain('Certificate III in Carpentry');
    expect(text).not.toContain(usi);
    expect(text).not.toMatch(/\bUSI\b/);
  });
});
