import { randomBytes } from 'node:crypto';
import { startSystem, type RunningSystem } from '../support/system';

let sut: RunningSystem;
const unknownId = '5b0e8f1e-4a8c-4c64-9a53-3f7d7f2b1c00';
const code = () => randomBytes(4).toString('hex').toUpperCase();
const learner = { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1990-12-10', email: 'ada@example.com' };

beforeAll(async () => {
  sut = await startSystem();
});

afterAll(async () => {
  await sut?.stop();
});

const fields = (body: { details?: Array<{ field: string }> }) => (body.details ?? []).map((d) => d.field).sort();

describe('reference data', () => {
  it('sets up the organisation, refusing a logo that is not a PNG', async () => {
    const bad = await sut.call('PUT', '/organisation', {
      body: { name: '', rtoCode: '12345', logoPng: Buffer.from('GIF89a....').toString('base64') },
    });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['name']);
    const notPng = await sut.call('PUT', '/organisation', {
      body: { name: 'Acme', rtoCode: '12345', logoPng: Buffer.from('GIF89a....').toString('base64') },
    });
    expect(notPng.status).toBe(400);
    expect(notPng.body.details).toEqual([{ field: 'logoPng', messages: ['logoPng is not a PNG image'] }]);
    const ok = await sut.call('PUT', '/organisation', { body: { name: 'Acme Training', rtoCode: '12345' } });
    expect(ok.status).toBe(200);
    expect((await sut.call('GET', '/organisation')).body).toMatchObject({
      name: 'Acme Training',
      rtoCode: '12345',
      hasLogo: false,
    });
  });

  it('creates, reads, lists and corrects learners', async () => {
    const created = await sut.call('POST', '/learners', { body: { ...learner, usi: 'A2B3C4D5EQ', usiVerified: true } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      fullName: 'Ada Lovelace',
      usi: 'A2B3C4D5EQ',
      usiVerified: true,
      dateOfBirth: '1990-12-10',
    });
    expect((await sut.call('GET', `/learners/${created.body.id}`)).body.email).toBe('ada@example.com');

    const patched = await sut.call('PATCH', `/learners/${created.body.id}`, {
      body: { middleName: 'Augusta', usi: 'B2B3C4D5EN' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ fullName: 'Ada Augusta Lovelace', usi: 'B2B3C4D5EN', usiVerified: false });

    const search = await sut.call('GET', '/learners?q=lovel&pageSize=1');
    expect(search.body).toMatchObject({
      page: 1,
      pageSize: 1,
      items: [expect.objectContaining({ familyName: 'Lovelace' })],
    });

    const duplicateUsi = await sut.call('POST', '/learners', { body: { ...learner, usi: 'B2B3C4D5EN' } });
    expect(duplicateUsi.status).toBe(409);
    expect(duplicateUsi.body.message).toBe('Another learner already has this USI');
  });

  it('names every bad field of a learner in one 400', async () => {
    const bad = await sut.call('POST', '/learners', {
      body: { givenName: '', dateOfBirth: '1990-02-30', email: 'not-an-email', usi: 'short', favouriteColour: 'blue' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(fields(bad.body)).toEqual(['dateOfBirth', 'email', 'familyName', 'favouriteColour', 'givenName', 'usi']);
    const future = await sut.call('POST', '/learners', { body: { ...learner, dateOfBirth: '2999-01-01' } });
    expect(future.body.details).toEqual([{ field: 'dateOfBirth', messages: ['dateOfBirth must be in the past'] }]);
  });

  it('answers 404 for unknown ids and 400 for ids that are not UUIDs, never 500', async () => {
    for (const path of [
      '/learners',
      '/courses',
      '/course-offers',
      '/course-enrolments',
      '/issuing-officers',
      '/credentials',
    ]) {
      const missing = await sut.call('GET', `${path}/${unknownId}`);
      expect([path, missing.status]).toEqual([path, 404]);
      expect(missing.body.message).toContain(unknownId);
      const malformed = await sut.call('GET', `${path}/not-a-uuid`);
      expect([path, malformed.status]).toEqual([path, 400]);
      expect(malformed.body.details).toEqual([{ field: 'id', messages: ['id in the path must be a UUID'] }]);
    }
    expect((await sut.call('PATCH', `/learners/${unknownId}`, { body: { givenName: 'X' } })).status).toBe(404);
    const broken = await sut.call('POST', '/learners', { body: '{"givenName": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.message).toMatch(/not valid JSON/);
  });

  it('upserts units one at a time or in bulk, by code', async () => {
    const one = `BSB${code()}`;
    expect((await sut.call('POST', '/units', { body: { code: one, title: 'Old title' } })).body).toMatchObject({
      code: one,
      title: 'Old title',
    });
    const many = await sut.call('POST', '/units', {
      body: {
        units: [
          { code: one, title: 'New title' },
          { code: `HLT${code()}`, title: 'Another' },
        ],
      },
    });
    expect(many.status).toBe(201);
    expect(many.body.items).toHaveLength(2);
    expect(many.body.items[0]).toMatchObject({ code: one, title: 'New title' });
    const bad = await sut.call('POST', '/units', { body: { units: [{ code: 'lower case', title: '' }] } });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['units.0.code', 'units.0.title']);
  });

  it('runs courses, offers and enrolments with their rules', async () => {
    const course = (await sut.call('POST', '/courses', { body: { code: `FA-${code()}`, name: 'First Aid' } })).body;
    expect((await sut.call('POST', '/courses', { body: { code: course.code, name: 'Again' } })).status).toBe(409);

    const backwards = await sut.call('POST', '/course-offers', {
      body: { courseId: course.id, startDate: '2026-03-10', endDate: '2026-03-01' },
    });
    expect(backwards.status).toBe(400);
    expect(fields(backwards.body)).toEqual(['endDate']);
    const noCourse = await sut.call('POST', '/course-offers', {
      body: { courseId: unknownId, startDate: '2026-03-01', endDate: '2026-03-10' },
    });
    expect(noCourse.status).toBe(404);

    const offer = (
      await sut.call('POST', '/course-offers', {
        body: { courseId: course.id, startDate: '2026-03-01', endDate: '2026-03-10', location: 'Hobart' },
      })
    ).body;
    expect(offer).toMatchObject({ course: { code: course.code }, location: 'Hobart' });
    const person = (await sut.call('POST', '/learners', { body: learner })).body;

    const noDate = await sut.call('POST', `/course-offers/${offer.id}/enrolments`, {
      body: { learnerId: person.id, status: 'Completed' },
    });
    expect(noDate.status).toBe(400);
    expect(noDate.body.details).toEqual([
      { field: 'completionDate', messages: ['completionDate is required when status is Completed'] },
    ]);

    const enrolment = await sut.call('POST', `/course-offers/${offer.id}/enrolments`, {
      body: { learnerId: person.id },
    });
    expect(enrolment.status).toBe(201);
    expect(enrolment.body).toMatchObject({ status: 'Enrolled', learner: { id: person.id } });
    const twice = await sut.call('POST', `/course-offers/${offer.id}/enrolments`, { body: { learnerId: person.id } });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe('This learner is already enrolled in this course offer');

    const completed = await sut.call('PATCH', `/course-enrolments/${enrolment.body.id}`, {
      body: { status: 'Completed', completionDate: '2026-03-10' },
    });
    expect(completed.body).toMatchObject({ status: 'Completed', completionDate: '2026-03-10' });
    const badStatus = await sut.call('PATCH', `/course-enrolments/${enrolment.body.id}`, {
      body: { status: 'Graduated' },
    });
    expect(badStatus.status).toBe(400);

    const list = await sut.call('GET', `/course-offers/${offer.id}/enrolments`);
    expect(list.body).toMatchObject({
      total: 1,
      items: [expect.objectContaining({ id: enrolment.body.id, status: 'Completed' })],
    });
    expect((await sut.call('GET', '/course-offers?pageSize=501')).status).toBe(400);
  });

  it('keeps issuing officers with their signatures', async () => {
    const bad = await sut.call('POST', '/issuing-officers', {
      body: { name: 'Sam', position: 'Registrar', signaturePng: 'not base64 at all!' },
    });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['signaturePng']);
    const officer = await sut.call('POST', '/issuing-officers', { body: { name: 'Sam', position: 'Registrar' } });
    expect(officer.status).toBe(201);
    expect((await sut.call('GET', `/issuing-officers/${officer.body.id}`)).body).toMatchObject({
      name: 'Sam',
      position: 'Registrar',
    });
  });
});
