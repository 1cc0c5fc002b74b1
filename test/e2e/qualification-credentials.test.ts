import { randomBytes } from 'node:crypto';
import { sql } from '../support/db';
import { eventually, startSystem, type RunningSystem } from '../support/system';
import { randomUsi } from '../support/fixtures';

const testamur = '00000000-0000-4000-8000-000000000001';
const statementOfAttainment = '00000000-0000-4000-8000-000000000002';
const recordOfResults = '00000000-0000-4000-8000-000000000003';

let sut: RunningSystem;

beforeAll(async () => {
  sut = await startSystem({ DATA_FIX_DEBOUNCE_SECONDS: '1' });
  await sut.call('PUT', '/organisation', { body: { name: 'Qualified Training', rtoCode: '45678' } });
});

afterAll(async () => {
  await sut?.stop();
});

const tag = () => randomBytes(3).toString('hex').toUpperCase();

/** A small qualification: two core units and one elective from a list of two. */
async function qualificationWithLearner(learner: Record<string, unknown> = {}) {
  const t = tag();
  const [a, b, c, d] = ['CORE1', 'CORE2', 'ELEC1', 'ELEC2'].map((u) => `Q${t}${u}`);
  await sut.call('POST', '/units', { body: { units: [a, b, c, d].map((code) => ({ code, title: `Unit ${code}` })) } });
  const qualification = (
    await sut.call('POST', '/qualifications', {
      body: {
        code: `TST${t}`,
        title: `Certificate II in Testing ${t}`,
        packagingRules: {
          totalUnits: 3,
          core: [a, b],
          electives: { count: 1, groups: [], listed: [c, d], importedMax: 0 },
        },
      },
    })
  ).body;
  expect(qualification.id).toEqual(expect.any(String));
  const person = (
    await sut.call('POST', '/learners', {
      body: {
        givenName: 'Quinn',
        familyName: `Learner${t}`,
        dateOfBirth: '1995-02-03',
        email: `q${t}@example.com`,
        usi: randomUsi(),
        ...learner,
      },
    })
  ).body;
  const enrolment = (
    await sut.call('POST', '/qualification-enrolments', {
      body: { learnerId: person.id, qualificationId: qualification.id },
    })
  ).body;
  expect(enrolment.status).toBe('Not Yet Achieved');
  return { qualification, learner: person, enrolment, units: { a: a!, b: b!, c: c!, d: d! } };
}

const enrolmentStatus = async (id: string) => (await sut.call('GET', `/qualification-enrolments/${id}`)).body.status;
const settled = (id: string) =>
  eventually(async () => {
    const { body } = await sut.call('GET', `/credentials/${id}`);
    return ['Generated', 'GenerationFailed'].includes(body.status) ? body : undefined;
  });

describe('qualification credentials', () => {
  it('gates the testamur on the audit, follows it through the enrolment status, and needs a verified USI to issue', async () => {
    const { enrolment, learner, units } = await qualificationWithLearner();
    const body = { templateId: testamur, credentialDate: '2026-11-27' };
    const early = await sut.call('POST', `/qualification-enrolments/${enrolment.id}/credentials`, { body });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('Not Yet Achieved');
    expect(early.body.message).toContain(units.a);

    for (const unit of [units.a, units.b, units.c]) {
      expect(
        (
          await sut.call('PUT', `/qualification-enrolments/${enrolment.id}/unit-results/${unit}`, {
            body: { outcome: '20', date: '2026-11-01' },
          })
        ).status,
      ).toBe(200);
    }
    // The auto audit (debounced) moves the enrolment on without anyone asking.
    await eventually(
      async () => (await enrolmentStatus(enrolment.id)) === 'Ready to be Requested' || undefined,
      60_000,
      'the auto audit',
    );

    const requested = await sut.call('POST', `/qualification-enrolments/${enrolment.id}/credentials`, { body });
    expect(requested.status).toBe(202);
    const credential = await settled(requested.body.id);
    expect(credential).toMatchObject({
      status: 'Generated',
      type: 'Certificate',
      source: { kind: 'qualification', enrolmentId: enrolment.id },
    });
    expect(await enrolmentStatus(enrolment.id)).toBe('Awaiting Issue');

    const second = await sut.call('POST', `/qualification-enrolments/${enrolment.id}/credentials`, { body });
    expect(second.status).toBe(409);
    expect(second.body.message).toContain(credential.number);

    const unverified = await sut.call('POST', `/credentials/${credential.id}/issue`);
    expect(unverified.status).toBe(409);
    expect(unverified.body.message).toContain('no verified USI');
    expect(unverified.body.message).toContain(learner.id);

    await sut.call('PATCH', `/learners/${learner.id}`, { body: { usiVerified: true } });
    expect((await sut.call('POST', `/credentials/${credential.id}/issue`)).body.status).toBe('Issued');
    expect(await enrolmentStatus(enrolment.id)).toBe('Credential Issued');

    // Records of results: as many as asked for.
    for (let i = 0; i < 2; i++) {
      expect(
        (
          await sut.call('POST', `/qualification-enrolments/${enrolment.id}/credentials`, {
            body: { templateId: recordOfResults, credentialDate: '2026-11-27' },
          })
        ).status,
      ).toBe(202);
    }
    expect(
      await sql(
        `select count(*)::int as n from credential where qualification_enrolment_id = $1 and type = 'Transcript'`,
        [enrolment.id],
      ),
    ).toEqual([{ n: 2 }]);

    expect(
      (await sut.call('POST', `/credentials/${credential.id}/cancel`, { body: { reason: 'Issued in error' } })).status,
    ).toBe(200);
    // A cancelled testamur hands the enrolment back to the audit, so a corrected one can be requested.
    expect(await enrolmentStatus(enrolment.id)).toBe('Ready to be Requested');
    const corrected = await sut.call('POST', `/qualification-enrolments/${enrolment.id}/credentials`, { body });
    expect(corrected.status).toBe(202);
    expect((await settled(corrected.body.id)).status).toBe('Generated');
    expect(await enrolmentStatus(enrolment.id)).toBe('Awaiting Issue');
  }, 180_000);

  it('a cancelled testamur whose units no longer pass leaves the enrolment Not Yet Achieved, not Withdrawn', async () => {
    const { enrolment, units } = await qualificationWithLearner();
    for (const unit of [units.a, units.b, units.c]) {
      await sql(
        `insert into unit_result (id, created_at, updated_at, qualification_enrolment_id, unit_id, outcome, date)
                 select gen_random_uuid(), now(), now(), $1, id, '20', '2026-11-01' from unit where code = $2`,
        [enrolment.id, unit],
      );
    }
    expect((await sut.call('POST', `/qualification-enrolments/${enrolment.id}/audit`)).body.status).toBe(
      'Ready to be Requested',
    );
    const requested = await sut.call('POST', `/qualification-enrolments/${enrolment.id}/credentials`, {
      body: { templateId: testamur, credentialDate: '2026-11-27' },
    });
    const credential = await settled(requested.body.id);
    // A unit result corrected behind the data fix's back (no auto audit): the cancel runs the audit itself.
    await sql(
      `update unit_result set outcome = '30' where qualification_enrolment_id = $1
          and unit_id = (select id from unit where code = $2)`,
      [enrolment.id, units.c],
    );
    expect(
      (await sut.call('POST', `/credentials/${credential.id}/cancel`, { body: { reason: 'Wrong unit' } })).status,
    ).toBe(200);
    expect(await enrolmentStatus(enrolment.id)).toBe('Not Yet Achieved');
  }, 120_000);

  it('issues a statement of attainment to a USI-exempt learner, recording the exemption', async () => {
    const { enrolment, units } = await qualificationWithLearner({ usi: null, usiExempt: true });
    await sut.call('PUT', `/qualification-enrolments/${enrolment.id}/unit-results/${units.a}`, {
      body: { outcome: '51', date: '2026-10-01' },
    });
    const requested = await sut.call('POST', `/qualification-enrolments/${enrolment.id}/credentials`, {
      body: { templateId: statementOfAttainment, credentialDate: '2026-11-27' },
    });
    expect(requested.status).toBe(202);
    const credential = await settled(requested.body.id);
    expect(credential.status).toBe('Generated');
    const issued = await sut.call('POST', `/credentials/${credential.id}/issue`);
    expect([issued.status, issued.body.message]).toEqual([200, undefined]);
    expect(issued.body.history.find((e: { event: string }) => e.event === 'Issued')).toMatchObject({
      detail: { usiExemption: true },
    });
    expect(await enrolmentStatus(enrolment.id)).toBe('Not Yet Achieved');
  }, 120_000);

  it('audits a whole qualification and requests its credentials in bulk', async () => {
    const { qualification, enrolment, units } = await qualificationWithLearner();
    for (const unit of [units.a, units.b, units.d]) {
      await sql(
        `insert into unit_result (id, created_at, updated_at, qualification_enrolment_id, unit_id, outcome, date)
                 select gen_random_uuid(), now(), now(), $1, id, '20', '2026-11-01' from unit where code = $2`,
        [enrolment.id, unit],
      );
    }
    const audit = await sut.call('POST', `/qualifications/${qualification.id}/audit`);
    expect(audit.status).toBe(202);
    const run = await eventually(async () => {
      const { body } = await sut.call('GET', `/bulk-runs/${audit.body.bulkRunId}`);
      return body.status === 'Completed' ? body : undefined;
    });
    expect(run).toMatchObject({ action: 'audit', total: 1, succeeded: 1 });
    expect(await enrolmentStatus(enrolment.id)).toBe('Ready to be Requested');

    const bulk = await sut.call('POST', '/qualification-enrolments/credential-requests', {
      body: { templateId: testamur, credentialDate: '2026-11-27', enrolmentIds: [enrolment.id] },
    });
    expect(bulk.status).toBe(202);
    const requested = await eventually(async () => {
      const { body } = await sut.call('GET', `/bulk-runs/${bulk.body.bulkRunId}`);
      return body.status === 'Completed' ? body : undefined;
    });
    expect(requested).toMatchObject({ total: 1, succeeded: 1, failed: 0 });
    expect(await enrolmentStatus(enrolment.id)).toBe('Awaiting Issue');
    const unknown = await sut.call('POST', '/qualification-enrolments/credential-requests', {
      body: {
        templateId: testamur,
        credentialDate: '2026-11-27',
        enrolmentIds: ['00000000-0000-4000-8000-0000000000aa'],
      },
    });
    expect(unknown.status).toBe(404);
  }, 120_000);
});
