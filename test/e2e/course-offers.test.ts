import { certificateOfCompletion, courseWithLearners, expectStatus, testamur } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';

const statementOfAttainment = '00000000-0000-4000-8000-000000000002';

let sut: RunningSystem;

beforeAll(async () => {
  sut = await startSystem();
});

afterAll(async () => {
  await sut?.stop();
});

interface Readiness {
  id: string;
  status: string;
  completionDate: string | null;
  learner: { id: string; fullName: string; usiVerified: boolean };
  credentials: Array<{ id: string; number: string; status: string; templateId: string; templateName: string }>;
  canRequest: boolean;
  notReady: string[];
}

const byName = (items: Readiness[]) => Object.fromEntries(items.map((item) => [item.learner.fullName, item]));

describe('course offers for the console', () => {
  it('answer their course, whether they are practice data and how many learners are enrolled', async () => {
    const { course, offer } = await courseWithLearners(sut, [
      ['Ada', 'Offer'],
      ['Bo', 'Offer'],
    ]);
    const expected = {
      id: offer.id,
      course: { id: course.id, code: course.code, name: 'Provide First Aid' },
      startDate: '2026-10-01',
      endDate: '2026-10-31',
      location: null,
      practice: false,
      enrolmentCount: 2,
    };
    expect(expectStatus(await sut.call('GET', `/course-offers/${offer.id}`), 200)).toEqual(expected);
    const page = expectStatus(await sut.call('GET', `/course-offers?courseId=${course.id}`), 200);
    expect(page).toEqual({ items: [expected], total: 1, page: 1, pageSize: 50 });
    const docs = (await sut.call('GET', '/docs-json')).body;
    expect(Object.keys(docs.components.schemas.CourseOfferResponse.properties)).toEqual(
      expect.arrayContaining(['course', 'practice', 'enrolmentCount']),
    );
  });

  it('list enrolments with their credentials and why a request would be refused, as the bulk request refuses it', async () => {
    const { offer, enrolments } = await courseWithLearners(sut, [
      ['Ada', 'Ready'],
      ['Bo', 'Ready'],
      ['Cy', 'Ready'],
    ]);
    const [ada, bo, cy] = enrolments;
    expectStatus(
      await sut.call('PATCH', `/course-enrolments/${bo.id}`, { body: { status: 'Enrolled', completionDate: null } }),
      200,
    );
    const body = { templateId: certificateOfCompletion, credentialDate: '2026-11-25' };
    const active = expectStatus(await sut.call('POST', `/course-enrolments/${ada.id}/credentials`, { body }), 202);
    const viewer = expectStatus(
      await sut.call('POST', '/api-keys', { body: { name: 'readiness viewer', role: 'viewer' } }),
      201,
    );

    const plain = expectStatus(
      await sut.call('GET', `/course-offers/${offer.id}/enrolments`, { key: viewer.key }),
      200,
    );
    expect(plain).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    const items = byName(plain.items);
    expect(items['Ada Ready']).toEqual({
      id: ada.id,
      courseOfferId: offer.id,
      status: 'Completed',
      completionDate: '2026-10-31',
      practice: false,
      learner: { id: ada.learner.id, fullName: 'Ada Ready', email: ada.learner.email, usiVerified: false },
      credentials: [
        {
          id: active.id,
          number: active.number,
          status: expect.any(String),
          templateId: certificateOfCompletion,
          templateName: 'Certificate of Completion',
        },
      ],
      canRequest: true,
      notReady: [],
    });
    expect(items['Bo Ready']).toMatchObject({
      status: 'Enrolled',
      completionDate: null,
      credentials: [],
      canRequest: false,
      notReady: [
        'Not completed: the enrolment is Enrolled, and a certificate needs it Completed',
        'No completion date: a certificate prints it',
      ],
    });

    // With the template a request would name: its active credential, and the USI rule for accredited ones.
    const forCertificate = byName(
      expectStatus(
        await sut.call('GET', `/course-offers/${offer.id}/enrolments?templateId=${certificateOfCompletion}`),
        200,
      ).items,
    );
    expect(forCertificate['Ada Ready']!.notReady).toEqual([
      `Already has an active Certificate of Completion credential ${active.number}`,
    ]);
    expect(forCertificate['Cy Ready']).toMatchObject({ canRequest: true, notReady: [] });
    const forStatement = byName(
      expectStatus(
        await sut.call('GET', `/course-offers/${offer.id}/enrolments?templateId=${statementOfAttainment}`),
        200,
      ).items,
    );
    expect(forStatement['Cy Ready']).toMatchObject({
      canRequest: false,
      notReady: ['USI not verified: Statement of Attainment is accredited'],
    });

    // The bulk request refuses exactly those the list calls not ready, with the same words.
    const started = expectStatus(
      await sut.call('POST', `/course-offers/${offer.id}/credential-requests`, {
        body: { ...body, enrolmentIds: [ada.id, bo.id, cy.id] },
      }),
      202,
    );
    const run = await eventually(async () => {
      const { body: answer } = await sut.call('GET', `/bulk-runs/${started.bulkRunId}`);
      return answer.status === 'Completed' ? answer : undefined;
    });
    expect(run).toMatchObject({ succeeded: 1, failed: 2 });
    const refusals = Object.fromEntries(
      run.failures.map((f: { targetId: string; message: string }) => [f.targetId, f.message]),
    );
    expect(refusals[ada.id]).toBe(`Course enrolment ${ada.id}: ${forCertificate['Ada Ready']!.notReady[0]}`);
    expect(refusals[bo.id]).toBe(`Course enrolment ${bo.id}: ${forCertificate['Bo Ready']!.notReady[0]}`);
    expect(refusals[cy.id]).toBeUndefined();
  });

  it('name a template that does not fit the list', async () => {
    const { offer } = await courseWithLearners(sut, [['Di', 'Template']]);
    const unknown = await sut.call(
      'GET',
      `/course-offers/${offer.id}/enrolments?templateId=00000000-0000-4000-8000-0000000000ff`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('templateId: credential template 00000000-0000-4000-8000-0000000000ff not found');
    const forQualifications = await sut.call('GET', `/course-offers/${offer.id}/enrolments?templateId=${testamur}`);
    expect(forQualifications.status).toBe(400);
    expect(forQualifications.body.message).toContain('Testamur is for qualification enrolments, not course enrolments');
    expect((await sut.call('GET', `/course-offers/${offer.id}/enrolments?templateId=nope`)).status).toBe(400);
  });
});
