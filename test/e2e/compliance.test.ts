import { randomBytes } from 'node:crypto';
import { PNG } from 'pngjs';
import { expectStatus, readyQualificationEnrolment } from '../support/fixtures';
import { drawnImages } from '../support/pdf-images';
import { eventually, startSystem, type RunningSystem } from '../support/system';

const testamur = '00000000-0000-4000-8000-000000000001';
const statementOfAttainment = '00000000-0000-4000-8000-000000000002';
const recordOfResults = '00000000-0000-4000-8000-000000000003';
const certificateOfCompletion = '00000000-0000-4000-8000-000000000004';

let sut: RunningSystem;
const organisation = { name: 'Compliant Training', rtoCode: '45679' };

beforeAll(async () => {
  sut = await startSystem();
  // The organisation is one row shared by every test file: start and end without logos.
  expectStatus(
    await sut.call('PUT', '/organisation', { body: { ...organisation, logoPng: null, nrtLogoPng: null } }),
    200,
  );
});

afterAll(async () => {
  await sut?.call('PUT', '/organisation', { body: { ...organisation, logoPng: null, nrtLogoPng: null } });
  await sut?.stop();
});

const tag = () => randomBytes(3).toString('hex').toUpperCase();
const png = (width: number, height: number) => {
  const image = new PNG({ width, height });
  image.data.fill(120);
  return PNG.sync.write(image).toString('base64');
};
// The NRT logo as an organisation might export it: vector artwork, 2:1.
const nrtSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="200" height="100" fill="#00594f"/>' +
  '<circle cx="50" cy="50" r="30" fill="#ffffff"/></svg>';

async function generated(enrolmentId: string, templateId: string, issuingOfficerId: string) {
  const requested = expectStatus(
    await sut.call('POST', `/qualification-enrolments/${enrolmentId}/credentials`, {
      body: { templateId, credentialDate: '2026-11-27', issuingOfficerId },
    }),
    202,
  );
  return eventually(
    async () => {
      const { body } = await sut.call('GET', `/credentials/${requested.id}`);
      return body.status === 'Generated' ? body : undefined;
    },
    60_000,
    `credential ${requested.id} to be Generated`,
  );
}

const codes = (items: Array<{ code: string }>) => items.map((i) => i.code);

describe('AQF compliance: preflight, warnings on credentials, the register filter', () => {
  it('lists what AQF documents lack, records it on credentials generated meanwhile, and still lets them be issued', async () => {
    const before = expectStatus(await sut.call('GET', '/organisation/compliance'), 200);
    expect(before.ready).toBe(false);
    const nrt = before.items.find((i: { code: string }) => i.code === 'nrtLogo');
    expect(nrt.message).toContain('PUT /organisation');
    const affected = nrt.templates.map((t: { id: string }) => t.id);
    expect(affected).toEqual(expect.arrayContaining([testamur, statementOfAttainment]));
    expect(affected).not.toContain(recordOfResults);
    expect(affected).not.toContain(certificateOfCompletion);
    expect(codes(before.items)).toContain('organisationLogo');
    expect(codes(before.items)).not.toContain('rtoCode');

    const unsigned = expectStatus(
      await sut.call('POST', '/issuing-officers', { body: { name: `Unsigned ${tag()}`, position: 'Registrar' } }),
      201,
    );
    const { learner, enrolment } = await readyQualificationEnrolment(sut);
    const practice = await generated(enrolment.id, testamur, unsigned.id);
    expect(codes(practice.complianceWarnings)).toEqual(['nrtLogo', 'organisationLogo', 'issuingOfficerSignature']);
    const event = practice.history.find((e: { event: string }) => e.event === 'Generated');
    expect(event.detail.complianceWarnings).toEqual(practice.complianceWarnings);
    const preflight = expectStatus(await sut.call('GET', '/organisation/compliance'), 200);
    expect(
      preflight.items.find((i: { code: string }) => i.code === 'issuingOfficerSignature').issuingOfficers,
    ).toContainEqual({
      id: unsigned.id,
      name: unsigned.name,
    });

    // The register finds it by its warnings.
    const warned = expectStatus(
      await sut.call('GET', `/credentials?learnerId=${learner.id}&complianceWarnings=true`),
      200,
    );
    expect(warned.items.map((c: { id: string }) => c.id)).toEqual([practice.id]);
    expect(warned.items[0].complianceWarnings).toEqual(['nrtLogo', 'organisationLogo', 'issuingOfficerSignature']);
    expect(
      expectStatus(await sut.call('GET', `/credentials?learnerId=${learner.id}&complianceWarnings=false`), 200).items,
    ).toEqual([]);
    expect((await sut.call('GET', '/credentials?complianceWarnings=maybe')).status).toBe(400);

    // Issuing stays possible; the warning travels with the credential.
    const issued = expectStatus(await sut.call('POST', `/credentials/${practice.id}/issue`), 200);
    expect(issued.status).toBe('Issued');
    expect(codes(expectStatus(await sut.call('GET', `/credentials/${practice.id}`), 200).complianceWarnings)).toContain(
      'nrtLogo',
    );

    // The logos arrive (the NRT logo as SVG, rendered to PNG at upload) and a signed officer issues.
    const put = expectStatus(
      await sut.call('PUT', '/organisation', { body: { ...organisation, logoPng: png(300, 120), nrtLogoSvg: nrtSvg } }),
      200,
    );
    expect(put).toMatchObject({ hasLogo: true, hasNrtLogo: true });
    const signed = expectStatus(
      await sut.call('POST', '/issuing-officers', {
        body: { name: `Signed ${tag()}`, position: 'CEO', signaturePng: png(200, 60) },
      }),
      201,
    );
    const after = expectStatus(await sut.call('GET', '/organisation/compliance'), 200);
    expect(codes(after.items)).not.toContain('nrtLogo');
    expect(codes(after.items)).not.toContain('organisationLogo');
    expect(after.items.find((i: { code: string }) => i.code === 'documentsWithWarnings').credentials).toBeGreaterThan(
      0,
    );

    const statement = await generated(enrolment.id, statementOfAttainment, signed.id);
    expect(statement.complianceWarnings).toEqual([]);
    expect(statement.history.find((e: { event: string }) => e.event === 'Generated').detail).not.toHaveProperty(
      'complianceWarnings',
    );
    const clean = expectStatus(
      await sut.call('GET', `/credentials?learnerId=${learner.id}&complianceWarnings=false`),
      200,
    );
    expect(clean.items.map((c: { id: string }) => c.id)).toEqual([statement.id]);
    // The statement draws the uploaded logo: the SVG's 2:1 artwork rendered 600 pixels tall.
    const pdf = await sut.call('GET', `/credentials/${statement.id}/document`);
    const images = await drawnImages(pdf.bytes);
    expect(images.some((i) => i.pixels.width === 1200 && i.pixels.height === 600)).toBe(true);
  });

  it('refuses an NRT logo given twice, or an SVG that reaches outside itself, naming the field', async () => {
    const both = await sut.call('PUT', '/organisation', {
      body: { ...organisation, nrtLogoPng: png(10, 10), nrtLogoSvg: nrtSvg },
    });
    expect(both.status).toBe(400);
    expect(both.body.details).toEqual([{ field: 'nrtLogoSvg', messages: ['give nrtLogoPng or nrtLogoSvg, not both'] }]);
    const linked = await sut.call('PUT', '/organisation', {
      body: { ...organisation, nrtLogoSvg: '<svg xmlns="http://www.w3.org/2000/svg"><image href="x.png"/></svg>' },
    });
    expect(linked.status).toBe(400);
    expect(linked.body.details[0].field).toBe('nrtLogoSvg');
    const notPng = await sut.call('PUT', '/organisation', { body: { ...organisation, nrtLogoPng: 'aGVsbG8=' } });
    expect(notPng.body.details).toEqual([{ field: 'nrtLogoPng', messages: ['nrtLogoPng is not a PNG image'] }]);
  });

  it('keeps the nrtLogo element to Certificate and Statement templates', async () => {
    const layout = {
      page: { size: 'A4' },
      elements: [
        { type: 'text', x: 40, y: 40, width: 400, height: 30, text: '{{learner.fullName}}' },
        { type: 'nrtLogo', x: 440, y: 700, width: 100, height: 40 },
      ],
    };
    const transcript = await sut.call('POST', '/credential-templates', {
      body: { name: `Transcript ${tag()}`, type: 'Transcript', appliesTo: 'both', layout },
    });
    expect(transcript.status).toBe(400);
    expect(transcript.body.details[0]).toMatchObject({ field: 'layout.elements.1' });
    const statement = expectStatus(
      await sut.call('POST', '/credential-templates', {
        body: { name: `Statement ${tag()}`, type: 'Statement', appliesTo: 'both', layout },
      }),
      201,
    );
    // Changing its type to one that may not carry the logo is refused too.
    const retyped = await sut.call('PUT', `/credential-templates/${statement.id}`, {
      body: { type: 'Letter', layout },
    });
    expect(retyped.status).toBe(400);
    // A custom AQF template without the element is named by the preflight.
    const bare = expectStatus(
      await sut.call('POST', '/credential-templates', {
        body: {
          name: `Bare ${tag()}`,
          type: 'Statement',
          appliesTo: 'both',
          layout: { ...layout, elements: [layout.elements[0]] },
        },
      }),
      201,
    );
    const preflight = expectStatus(await sut.call('GET', '/organisation/compliance'), 200);
    const lacking = preflight.items.find((i: { code: string }) => i.code === 'nrtLogoElement');
    expect(lacking.templates.map((t: { id: string }) => t.id)).toContain(bare.id);
    expect(lacking.templates.map((t: { id: string }) => t.id)).not.toContain(statement.id);
  });
});
