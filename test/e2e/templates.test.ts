import { randomBytes } from 'node:crypto';
import { PNG } from 'pngjs';
import { sql } from '../support/db';
import { certificateOfCompletion, courseWithLearners, expectStatus, testamur } from '../support/fixtures';
import { pdfInfo, pdfText } from '../support/pdf-text';
import { eventually, startSystem, type RunningSystem } from '../support/system';

let sut: RunningSystem;

beforeAll(async () => {
  sut = await startSystem();
});

afterAll(async () => {
  await sut?.stop();
});

const layout = (words: string, extra: Record<string, unknown> = {}) => ({
  page: { size: 'A4', orientation: 'landscape' },
  elements: [
    {
      type: 'text',
      x: 40,
      y: 60,
      width: 760,
      height: 30,
      text: '{{organisation.name}}',
      fontSize: 14,
      align: 'center',
    },
    {
      type: 'text',
      x: 40,
      y: 200,
      width: 760,
      height: 40,
      text: `${words} {{learner.fullName}}`,
      fontSize: 26,
      bold: true,
      align: 'center',
    },
    {
      type: 'text',
      x: 40,
      y: 260,
      width: 760,
      height: 30,
      text: 'for {{course.name}}, number {{credential.number}}',
      align: 'center',
    },
    { type: 'qrCode', x: 700, y: 460, width: 80, height: 80 },
    { type: 'issuingOfficer', x: 60, y: 480, width: 240, height: 40 },
  ],
  ...extra,
});

const unique = () => randomBytes(3).toString('hex');

async function createTemplate(words: string, appliesTo = 'course') {
  const answer = await sut.call('POST', '/credential-templates', {
    body: { name: `Blue certificate ${unique()}`, type: 'Certificate', appliesTo, layout: layout(words) },
  });
  return expectStatus(answer, 201);
}

async function keyFor(role: string): Promise<string> {
  return expectStatus(await sut.call('POST', '/api-keys', { body: { name: `${role} ${unique()}`, role } }), 201).key;
}

async function settled(id: string) {
  return eventually(
    async () => {
      const { body } = await sut.call('GET', `/credentials/${id}`);
      return ['Generated', 'GenerationFailed'].includes(body.status) ? body : undefined;
    },
    60_000,
    `credential ${id} to finish generating`,
  );
}

describe('credential templates', () => {
  it('lists the four built-ins with their fixed ids, and custom ones once created', async () => {
    const created = await createTemplate('Well done');
    const list = await sut.call('GET', '/credential-templates?pageSize=500');
    expect(list.status).toBe(200);
    expect(list.body.items.slice(0, 4)).toEqual([
      { id: testamur, name: 'Testamur', type: 'Certificate', appliesTo: 'qualification', kind: 'builtin', version: 1 },
      {
        id: '00000000-0000-4000-8000-000000000002',
        name: 'Statement of Attainment',
        type: 'Statement',
        appliesTo: 'both',
        kind: 'builtin',
        version: 1,
      },
      {
        id: '00000000-0000-4000-8000-000000000003',
        name: 'Record of Results',
        type: 'Transcript',
        appliesTo: 'both',
        kind: 'builtin',
        version: 1,
      },
      {
        id: certificateOfCompletion,
        name: 'Certificate of Completion',
        type: 'Certificate',
        appliesTo: 'course',
        kind: 'builtin',
        version: 1,
      },
    ]);
    expect(list.body.items).toContainEqual({
      id: created.id,
      name: created.name,
      type: 'Certificate',
      appliesTo: 'course',
      kind: 'custom',
      version: 1,
    });
    expect(created).toMatchObject({ kind: 'custom', version: 1, layoutVersion: 1, versions: [{ version: 1 }] });
    // Stored with the defaults filled in.
    expect(created.layout.elements[1]).toMatchObject({ type: 'text', bold: true, color: '#000000', align: 'center' });
  });

  it('lists only the templates that apply to courses (or qualifications), those for both in either', async () => {
    const forCourses = await createTemplate('Course only');
    const forQualifications = await createTemplate('Qualification only', 'qualification');
    const forBoth = await createTemplate('Both', 'both');
    const listed = async (appliesTo: string) =>
      expectStatus(await sut.call('GET', `/credential-templates?appliesTo=${appliesTo}&pageSize=500`), 200).items.map(
        (t: { id: string }) => t.id,
      );
    const course = await listed('course');
    expect(course).toEqual(expect.arrayContaining([certificateOfCompletion, forCourses.id, forBoth.id]));
    expect(course).not.toContain(testamur);
    expect(course).not.toContain(forQualifications.id);
    const qualification = await listed('qualification');
    expect(qualification).toEqual(expect.arrayContaining([testamur, forQualifications.id, forBoth.id]));
    expect(qualification).not.toContain(certificateOfCompletion);
    expect(qualification).not.toContain(forCourses.id);
    const bad = await sut.call('GET', '/credential-templates?appliesTo=both');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('appliesTo must be course or qualification');
  });

  it("previews an unsaved layout (an editor's live preview), and names what is wrong with a bad one", async () => {
    await courseWithLearners(sut, []); // sets up the organisation
    const requester = await keyFor('requester');
    const preview = await sut.call('POST', '/credential-templates/preview', {
      key: requester,
      body: { type: 'Certificate', layout: layout('Draft for') },
    });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toContain('application/pdf');
    const text = await pdfText(preview.bytes);
    expect(text).toContain('Draft for Alex Sample');
    expect(text).toContain('Test Training Institute');

    const unknownField = await sut.call('POST', '/credential-templates/preview', {
      body: { type: 'Certificate', layout: layout('Hello {{learner.usi}}') },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.details).toEqual([
      { field: 'layout.elements.1.text', messages: [expect.stringContaining('unknown merge field {{learner.usi}}')] },
    ]);
    const nrtOnLetter = await sut.call('POST', '/credential-templates/preview', {
      body: {
        type: 'Letter',
        layout: { ...layout('Hi'), elements: [{ type: 'nrtLogo', x: 40, y: 40, width: 60, height: 40 }] },
      },
    });
    expect(nrtOnLetter.status).toBe(400);
    expect(nrtOnLetter.body.message).toMatch(/nrtLogo/);
    const noType = await sut.call('POST', '/credential-templates/preview', { body: { layout: layout('Hi') } });
    expect(noType.status).toBe(400);
    expect(noType.body.details.map((d: { field: string }) => d.field)).toEqual(['type']);
    const viewer = await keyFor('viewer');
    expect(
      (
        await sut.call('POST', '/credential-templates/preview', {
          key: viewer,
          body: { type: 'Certificate', layout: layout('Hi') },
        })
      ).status,
    ).toBe(403);
    // Nothing is saved by a preview.
    expect(await sql("select count(*)::int as n from credential_template where name like 'Draft%'")).toEqual([
      { n: 0 },
    ]);
  });

  it('answers 400 naming the problem: unknown merge field, image over 2 MB, element off the page, malformed layout', async () => {
    const post = (body: unknown) => sut.call('POST', '/credential-templates', { body });
    const base = { name: 'Broken', type: 'Certificate', appliesTo: 'course' };

    const unknownField = await post({ ...base, layout: layout('Hello {{learner.usi}}') });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.details).toEqual([
      {
        field: 'layout.elements.1.text',
        messages: [expect.stringContaining('unknown merge field {{learner.usi}}; valid fields: {{course.code}}')],
      },
    ]);
    expect(unknownField.body.message).toContain('{{learner.fullName}}');

    const big = Buffer.concat([PNG.sync.write(new PNG({ width: 4, height: 4 })), Buffer.alloc(2 * 1024 * 1024)]);
    const tooBig = await post({ ...base, layout: layout('Hi', { background: big.toString('base64') }) });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.details).toEqual([
      { field: 'layout.background', messages: [expect.stringMatching(/is \d\.\d\d MB; an image may be at most 2 MB/)] },
    ]);

    const offPage = layout('Hi');
    offPage.elements[3] = { type: 'qrCode', x: 800, y: 460, width: 80, height: 80 };
    const off = await post({ ...base, layout: offPage });
    expect(off.status).toBe(400);
    expect(off.body.details).toEqual([
      {
        field: 'layout.elements.3',
        messages: [expect.stringContaining('past the right edge of the A4 landscape page')],
      },
    ]);

    const malformed = await post({ ...base, layout: { page: 'A4', elements: 'everything' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.details.map((d: { field: string }) => d.field)).toEqual(['layout.page', 'layout.elements']);

    const missing = await post(base);
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([{ field: 'layout', messages: ['layout is required'] }]);
    expect((await post({ ...base, type: 'Diploma', layout: layout('Hi') })).body.details).toEqual([
      { field: 'type', messages: [expect.stringContaining('type must be one of Certificate')] },
    ]);
    expect(await sql('select count(*)::int as n from credential_template where name = $1', ['Broken'])).toEqual([
      { n: 0 },
    ]);
  });

  it('makes a new version on PUT, keeps the old one readable, and refuses to edit a built-in', async () => {
    const created = await createTemplate('Version one');
    const put = await sut.call('PUT', `/credential-templates/${created.id}`, {
      body: { name: 'Renamed', layout: layout('Version two') },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      name: 'Renamed',
      version: 2,
      layoutVersion: 2,
      versions: [{ version: 1 }, { version: 2 }],
    });
    expect(put.body.layout.elements[1].text).toBe('Version two {{learner.fullName}}');
    const old = await sut.call('GET', `/credential-templates/${created.id}?version=1`);
    expect(old.body).toMatchObject({ version: 2, layoutVersion: 1 });
    expect(old.body.layout.elements[1].text).toBe('Version one {{learner.fullName}}');
    expect((await sut.call('GET', `/credential-templates/${created.id}?version=9`)).status).toBe(404);

    const bad = await sut.call('PUT', `/credential-templates/${created.id}`, { body: { layout: layout('{{nope}}') } });
    expect(bad.status).toBe(400);
    expect((await sut.call('GET', `/credential-templates/${created.id}`)).body.version).toBe(2);

    const builtin = await sut.call('PUT', `/credential-templates/${testamur}`, { body: { layout: layout('Hi') } });
    expect(builtin.status).toBe(409);
    expect(builtin.body.message).toContain('built-in');
    expect(
      (
        await sut.call('PUT', '/credential-templates/7d4f3c1e-9a62-4b8e-8f00-000000000000', {
          body: { layout: layout('Hi') },
        })
      ).status,
    ).toBe(404);
  });

  it('previews a custom or built-in template as a PDF with sample data and the organisation', async () => {
    await courseWithLearners(sut, []); // sets up the organisation
    const created = await createTemplate('Congratulations');
    const preview = await sut.call('POST', `/credential-templates/${created.id}/preview`, { body: {} });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toContain('application/pdf');
    const text = await pdfText(preview.bytes);
    expect(text).toContain('Congratulations Alex Sample');
    expect(text).toContain('Test Training Institute');
    expect(text).toContain('Sample Course in Workplace Safety');
    expect((await pdfInfo(preview.bytes)).info).toMatchObject({ Author: 'Test Training Institute' });

    const builtin = await sut.call('POST', `/credential-templates/${testamur}/preview`, { body: {} });
    expect(builtin.status).toBe(200);
    expect(await pdfText(builtin.bytes)).toContain('Australian Qualifications Framework');
    expect(
      (await sut.call('POST', `/credential-templates/${created.id}/preview`, { body: { version: 4 } })).status,
    ).toBe(404);
  });

  it('lets viewers read, requesters preview, and only admins write', async () => {
    const created = await createTemplate('Roles');
    const viewer = await keyFor('viewer');
    const requester = await keyFor('requester');
    expect((await sut.call('GET', '/credential-templates', { key: viewer })).status).toBe(200);
    expect((await sut.call('GET', `/credential-templates/${created.id}`, { key: viewer })).status).toBe(200);
    expect(
      (await sut.call('POST', `/credential-templates/${created.id}/preview`, { key: viewer, body: {} })).status,
    ).toBe(403);
    expect(
      (await sut.call('POST', `/credential-templates/${created.id}/preview`, { key: requester, body: {} })).status,
    ).toBe(200);
    const body = { name: 'Nope', type: 'Certificate', appliesTo: 'course', layout: layout('Hi') };
    expect((await sut.call('POST', '/credential-templates', { key: requester, body })).status).toBe(403);
    expect(
      (await sut.call('PUT', `/credential-templates/${created.id}`, { key: requester, body: { layout: layout('Hi') } }))
        .status,
    ).toBe(403);
    expect((await sut.call('POST', `/credential-templates/${created.id}/regenerate`, { key: requester })).status).toBe(
      403,
    );
    expect((await sut.call('GET', '/credential-templates', { key: null })).status).toBe(401);
  });

  it('after a template fix regenerates only the not-yet-issued credentials rendered with an older version of it', async () => {
    const template = await createTemplate('Version one');
    const other = await createTemplate('Other template');
    const { enrolments } = await courseWithLearners(
      sut,
      [
        ['Ava', 'Generated'],
        ['Ben', 'Issued'],
        ['Cleo', 'Cancelled'],
        ['Dev', 'Later'],
      ],
      'Forklift Operation',
    );
    const request = async (enrolmentId: string, templateId: string) =>
      expectStatus(
        await sut.call('POST', `/course-enrolments/${enrolmentId}/credentials`, {
          body: { templateId, credentialDate: '2026-11-30' },
        }),
        202,
      ).id as string;

    const [ava, ben, cleo] = [
      await request(enrolments[0].id, template.id),
      await request(enrolments[1].id, template.id),
      await request(enrolments[2].id, template.id),
    ];
    const avaOther = await request(enrolments[0].id, other.id);
    const avaBuiltin = await request(enrolments[0].id, certificateOfCompletion);
    for (const id of [ava, ben, cleo, avaOther, avaBuiltin]) expect((await settled(id)).status).toBe('Generated');
    expect(await pdfText((await sut.call('GET', `/credentials/${ava}/document`)).bytes)).toContain(
      'Version one Ava Generated',
    );
    expect((await sut.call('POST', `/credentials/${ben}/issue`)).status).toBe(200);
    expect((await sut.call('POST', `/credentials/${cleo}/cancel`, { body: { reason: 'Wrong course' } })).status).toBe(
      200,
    );

    expectStatus(
      await sut.call('PUT', `/credential-templates/${template.id}`, { body: { layout: layout('Version two') } }),
      200,
    );
    const dev = await request(enrolments[3].id, template.id); // requested after the fix: already version 2
    expect((await settled(dev)).template.version).toBe(2);

    const run = await sut.call('POST', `/credential-templates/${template.id}/regenerate`);
    expect(run.status).toBe(202);
    expect(run.body).toEqual({ bulkRunId: expect.any(String), total: 1 });
    expect(await sql('select target_id from bulk_run_item where bulk_run_id = $1', [run.body.bulkRunId])).toEqual([
      { target_id: ava },
    ]);
    const finished = await eventually(
      async () => {
        const { body } = await sut.call('GET', `/bulk-runs/${run.body.bulkRunId}`);
        return body.status === 'Completed' ? body : undefined;
      },
      90_000,
      'the regeneration run',
    );
    expect(finished).toMatchObject({ action: 'regenerate', total: 1, succeeded: 1, failed: 0 });

    const regenerated = await sut.call('GET', `/credentials/${ava}`);
    expect(regenerated.body).toMatchObject({ status: 'Generated', template: { version: 2 }, document: { version: 2 } });
    expect(await pdfText((await sut.call('GET', `/credentials/${ava}/document`)).bytes)).toContain(
      'Version two Ava Generated',
    );
    expect(await pdfText((await sut.call('GET', `/credentials/${ava}/document?version=1`)).bytes)).toContain(
      'Version one Ava Generated',
    );

    const untouched = await sql<{ id: string; status: string; template_version: number; document_version: number }>(
      'select id, status, template_version, document_version from credential where id = any($1) order by number',
      [[ben, cleo, avaOther, avaBuiltin, dev]],
    );
    expect(untouched).toEqual([
      { id: ben, status: 'Issued', template_version: 1, document_version: 1 },
      { id: cleo, status: 'Cancelled', template_version: 1, document_version: 1 },
      { id: avaOther, status: 'Generated', template_version: 1, document_version: 1 },
      { id: avaBuiltin, status: 'Generated', template_version: 1, document_version: 1 },
      { id: dev, status: 'Generated', template_version: 2, document_version: 1 },
    ]);
    expect(await sql('select version from document_version where credential_id = $1 order by version', [ben])).toEqual([
      { version: 1 },
    ]);

    // Nothing left to regenerate: a second run is empty.
    expect((await sut.call('POST', `/credential-templates/${template.id}/regenerate`)).body.total).toBe(0);

    // Each version with the credentials whose current document it rendered: Ben's and Cleo's are still version 1's.
    const versions = expectStatus(await sut.call('GET', `/credential-templates/${template.id}/versions`), 200);
    expect(versions).toEqual([
      { version: 2, createdAt: expect.any(String), credentials: 2 },
      { version: 1, createdAt: expect.any(String), credentials: 2 },
    ]);
    expect((await sut.call('GET', `/credential-templates/${template.id}`)).body.versions).toEqual(
      [...versions].reverse(),
    );
    expect((await sut.call('GET', '/credential-templates/7d4f3c1e-9a62-4b8e-8f00-000000000000/versions')).status).toBe(
      404,
    );
  });
});
