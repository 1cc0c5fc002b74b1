import { randomBytes } from 'node:crypto';
import { startSystem, type RunningSystem } from '../support/system';
import { sql } from '../support/db';
import { expectStatus } from '../support/fixtures';
import { bsb50420 } from '../fixtures/qualifications/bsb50420';

let sut: RunningSystem;
const unknownId = '5b0e8f1e-4a8c-4c64-9a53-3f7d7f2b1c00';
/** Qualification codes are unique: each test makes its own. */
const code = () => `T${randomBytes(4).toString('hex').toUpperCase()}`;
const imported = { CHCCCS007: 'Develop and implement service programs', SITXMGT004: 'Monitor work operations' };
const rules = bsb50420.packagingRules;

const fields = (body: { details?: Array<{ field: string }> }) => (body.details ?? []).map((d) => d.field).sort();

async function newQualification() {
  return expectStatus(
    await sut.call('POST', '/qualifications', { body: { code: code(), title: bsb50420.title, packagingRules: rules } }),
    201,
  );
}

async function newLearner(givenName = 'Grace') {
  const email = `${randomBytes(4).toString('hex')}@example.com`;
  return expectStatus(
    await sut.call('POST', '/learners', {
      body: { givenName, familyName: 'Hopper', dateOfBirth: '1985-12-09', email },
    }),
    201,
  );
}

async function newEnrolment() {
  const [qualification, learner] = [await newQualification(), await newLearner()];
  const enrolment = expectStatus(
    await sut.call('POST', '/qualification-enrolments', {
      body: { learnerId: learner.id, qualificationId: qualification.id },
    }),
    201,
  );
  return { qualification, learner, enrolment };
}

const record = (enrolmentId: string, unitCode: string, outcome = '20', date = '2026-06-15') =>
  sut.call('PUT', `/qualification-enrolments/${enrolmentId}/unit-results/${unitCode}`, { body: { outcome, date } });

beforeAll(async () => {
  sut = await startSystem();
  const units = Object.entries({ ...bsb50420.unitTitles, ...imported }).map(([unitCode, title]) => ({
    code: unitCode,
    title,
  }));
  expectStatus(await sut.call('POST', '/units', { body: { units } }), 201);
});

afterAll(async () => {
  await sut?.stop();
});

describe('qualifications', () => {
  it('creates a qualification with its packaging rules, reads it and lists it', async () => {
    const created = await newQualification();
    expect(created).toMatchObject({
      code: expect.stringMatching(/^T/),
      title: 'Diploma of Leadership and Management',
      packagingRules: rules,
    });
    expect((await sut.call('GET', `/qualifications/${created.id}`)).body).toEqual(created);
    const list = await sut.call('GET', '/qualifications?pageSize=500');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 500, total: expect.any(Number) });
    expect(list.body.items.map((q: { id: string }) => q.id)).toContain(created.id);
  });

  it('refuses packaging rules that do not add up with a 400 saying why, naming each rule', async () => {
    const bad = {
      totalUnits: 12,
      core: ['BSBCMM511', 'BSBCRT511'],
      electives: {
        count: 3,
        groups: [{ name: 'A', units: ['BSBCMM511', 'BSBOPS501'], min: 4, max: 1 }],
        listed: ['BSBOPS503'],
        importedMax: 0,
      },
    };
    const answer = await sut.call('POST', '/qualifications', {
      body: { code: code(), title: 'Broken', packagingRules: bad },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('BSBCMM511 is a core unit'),
    });
    expect(answer.body.details).toEqual(
      expect.arrayContaining([
        {
          field: 'packagingRules.electives.groups.0.units',
          messages: ['BSBCMM511 is a core unit and also an elective in group A: a unit is either core or elective'],
        },
        { field: 'packagingRules.electives.groups.0.max', messages: ['group A: max (1) is less than min (4)'] },
        {
          field: 'packagingRules.totalUnits',
          messages: [expect.stringContaining('2 core units + 3 electives = 5, but totalUnits is 12')],
        },
      ]),
    );
    expect(fields(answer.body)).toContain('packagingRules.electives.count');
    expect(
      (await sut.call('GET', '/qualifications?pageSize=500')).body.items.map((q: { title: string }) => q.title),
    ).not.toContain('Broken');
  });

  it('names every bad field of the request itself', async () => {
    const answer = await sut.call('POST', '/qualifications', {
      body: { code: 'bsb 50420', packagingRules: 'twelve units', extra: 1 },
    });
    expect(answer.status).toBe(400);
    expect(fields(answer.body)).toEqual(['code', 'extra', 'packagingRules', 'title']);
    const typo = await sut.call('POST', '/qualifications', {
      body: {
        code: code(),
        title: 'Typo',
        packagingRules: { ...rules, electives: { ...rules.electives, importMax: 2 } },
      },
    });
    expect(typo.body.details).toEqual([
      {
        field: 'packagingRules.electives.importMax',
        messages: [
          'packagingRules.electives.importMax is not a packaging rule; use count, groups, listed, importedMax',
        ],
      },
    ]);
  });

  it('answers 409 for a code that already exists, naming it', async () => {
    const first = await newQualification();
    const again = await sut.call('POST', '/qualifications', {
      body: { code: first.code, title: 'Other', packagingRules: rules },
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(`Qualification ${first.code} already exists (${first.id}, ${first.title})`);
  });

  it('answers 404 for an unknown qualification and 400 for an id that is not a UUID', async () => {
    const missing = await sut.call('GET', `/qualifications/${unknownId}`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe(`Qualification ${unknownId} not found`);
    expect((await sut.call('GET', '/qualifications/BSB50420')).status).toBe(400);
  });

  it('lets a viewer read qualifications and enrolments but not create or audit', async () => {
    const viewer = (await sut.call('POST', '/api-keys', { body: { name: 'auditor', role: 'viewer' } })).body
      .key as string;
    const { qualification, enrolment } = await newEnrolment();
    expect((await sut.call('GET', `/qualifications/${qualification.id}`, { key: viewer })).status).toBe(200);
    expect(
      (await sut.call('GET', `/qualification-enrolments/${enrolment.id}/unit-results`, { key: viewer })).status,
    ).toBe(200);
    expect(
      (
        await sut.call('POST', '/qualifications', {
          key: viewer,
          body: { code: code(), title: 'X', packagingRules: rules },
        })
      ).status,
    ).toBe(403);
    expect((await sut.call('POST', `/qualification-enrolments/${enrolment.id}/audit`, { key: viewer })).status).toBe(
      403,
    );
    expect(
      (
        await sut.call('PUT', `/qualification-enrolments/${enrolment.id}/unit-results/BSBCMM511`, {
          key: viewer,
          body: { outcome: '20', date: '2026-01-01' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('qualification enrolments', () => {
  it('enrols a learner as Not Yet Achieved, once', async () => {
    const { qualification, learner, enrolment } = await newEnrolment();
    expect(enrolment).toMatchObject({
      status: 'Not Yet Achieved',
      requirementsMetAt: null,
      learner: { id: learner.id, fullName: 'Grace Hopper' },
      qualification: { id: qualification.id, code: qualification.code },
    });
    expect((await sut.call('GET', `/qualification-enrolments/${enrolment.id}`)).body).toEqual(enrolment);

    const again = await sut.call('POST', '/qualification-enrolments', {
      body: { learnerId: learner.id, qualificationId: qualification.id },
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(
      `Grace Hopper is already enrolled in ${qualification.code} (enrolment ${enrolment.id}, status Not Yet Achieved)`,
    );
    await sql(`update qualification_enrolment set status = 'Withdrawn' where id = $1`, [enrolment.id]);
    expect(
      (
        await sut.call('POST', '/qualification-enrolments', {
          body: { learnerId: learner.id, qualificationId: qualification.id },
        })
      ).status,
    ).toBe(201);
  });

  it('answers 404 for an unknown learner or qualification and 400 for ids that are not UUIDs', async () => {
    const qualification = await newQualification();
    const learner = await newLearner();
    const noLearner = await sut.call('POST', '/qualification-enrolments', {
      body: { learnerId: unknownId, qualificationId: qualification.id },
    });
    expect([noLearner.status, noLearner.body.message]).toEqual([404, `learnerId: learner ${unknownId} not found`]);
    const noQualification = await sut.call('POST', '/qualification-enrolments', {
      body: { learnerId: learner.id, qualificationId: unknownId },
    });
    expect([noQualification.status, noQualification.body.message]).toEqual([
      404,
      `qualificationId: qualification ${unknownId} not found`,
    ]);
    const bad = await sut.call('POST', '/qualification-enrolments', { body: { learnerId: 'x' } });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['learnerId', 'qualificationId']);
    expect((await sut.call('GET', `/qualification-enrolments/${unknownId}`)).status).toBe(404);
    expect((await sut.call('GET', '/qualification-enrolments/nope')).status).toBe(400);
  });

  it('lists enrolments by status, qualification and learner, a page at a time', async () => {
    const { qualification, learner, enrolment } = await newEnrolment();
    const other = await newLearner('Ada');
    const second = expectStatus(
      await sut.call('POST', '/qualification-enrolments', {
        body: { learnerId: other.id, qualificationId: qualification.id },
      }),
      201,
    );
    await sql(`update qualification_enrolment set status = 'Ready to be Requested' where id = $1`, [second.id]);

    const byQualification = await sut.call('GET', `/qualification-enrolments?qualificationId=${qualification.id}`);
    expect(byQualification.body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    const ready = await sut.call(
      'GET',
      `/qualification-enrolments?qualificationId=${qualification.id}&status=Ready%20to%20be%20Requested`,
    );
    expect(ready.body.items.map((e: { id: string }) => e.id)).toEqual([second.id]);
    const mine = await sut.call('GET', `/qualification-enrolments?learnerId=${learner.id}`);
    expect(mine.body).toMatchObject({ total: 1, items: [{ id: enrolment.id, status: 'Not Yet Achieved' }] });
    const paged = await sut.call(
      'GET',
      `/qualification-enrolments?qualificationId=${qualification.id}&pageSize=1&page=2`,
    );
    expect(paged.body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ id: enrolment.id }] });

    const badStatus = await sut.call('GET', '/qualification-enrolments?status=Done&learnerId=me');
    expect(badStatus.status).toBe(400);
    expect(fields(badStatus.body)).toEqual(['learnerId', 'status']);
    expect(badStatus.body.details.find((d: { field: string }) => d.field === 'status').messages[0]).toContain(
      'Not Yet Achieved, Ready to be Requested',
    );
  });

  it('records one result per unit, replacing it on a later PUT, and lists them', async () => {
    const { enrolment } = await newEnrolment();
    const first = await record(enrolment.id, 'BSBOPS502', '30', '2026-04-01');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      unitCode: 'BSBOPS502',
      unitTitle: 'Manage business operational plans',
      outcome: '30',
      outcomeMeaning: 'Competency not achieved/fail',
      achieved: false,
      date: '2026-04-01',
      recordedAt: expect.any(String),
    });
    const resit = await record(enrolment.id, 'BSBOPS502', '20', '2026-05-20');
    expect(resit.body).toMatchObject({ outcome: '20', achieved: true, date: '2026-05-20' });
    expectStatus(await record(enrolment.id, 'BSBCMM511', '60', '2025-11-01'), 200);

    const rows = await sql(
      'select outcome, date::text as date from unit_result where qualification_enrolment_id = $1 order by date',
      [enrolment.id],
    );
    expect(rows).toEqual([
      { outcome: '60', date: '2025-11-01' },
      { outcome: '20', date: '2026-05-20' },
    ]);
    const list = await sut.call('GET', `/qualification-enrolments/${enrolment.id}/unit-results`);
    expect(list.body).toMatchObject({
      total: 2,
      items: [
        { unitCode: 'BSBCMM511', outcome: '60' },
        { unitCode: 'BSBOPS502', outcome: '20' },
      ],
    });
    expect((await sut.call('GET', `/qualification-enrolments/${unknownId}/unit-results`)).status).toBe(404);
  });

  it('refuses an unknown outcome with the valid ones, an unknown unit or enrolment with 404, and bad dates', async () => {
    const { enrolment } = await newEnrolment();
    const outcome = await record(enrolment.id, 'BSBOPS502', '25');
    expect(outcome.status).toBe(400);
    expect(fields(outcome.body)).toEqual(['outcome']);
    expect(outcome.body.details[0].messages[0]).toMatch(
      /^outcome must be an AVETMISS outcome identifier, one of: 20 \(Competency achieved\/pass\), 30 .*60 \(Credit transfer\/national recognition\).*85 \(Not yet started\)/,
    );

    const unit = await record(enrolment.id, 'ZZZ999999');
    expect([unit.status, unit.body.message]).toEqual([404, 'Unit ZZZ999999 not found: add it with POST /units first']);
    expect((await record(unknownId, 'BSBOPS502')).status).toBe(404);
    expect((await record('not-a-uuid', 'BSBOPS502')).status).toBe(400);
    const badCode = await record(enrolment.id, 'bsbops502');
    expect([badCode.status, fields(badCode.body)]).toEqual([400, ['unitCode']]);
    const date = await record(enrolment.id, 'BSBOPS502', '20', '2026-02-30');
    expect([date.status, fields(date.body)]).toEqual([400, ['date']]);
    const future = await record(enrolment.id, 'BSBOPS502', '20', '2999-01-01');
    expect(future.body.details).toEqual([{ field: 'date', messages: ['date must not be in the future'] }]);
    expect(await sql('select 1 from unit_result where qualification_enrolment_id = $1', [enrolment.id])).toEqual([]);
  });

  it('audits an enrolment, moving its status both ways and keeping the first date the requirements were met', async () => {
    const { enrolment } = await newEnrolment();
    const audit = () => sut.call('POST', `/qualification-enrolments/${enrolment.id}/audit`);

    const empty = await audit();
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({
      status: 'Not Yet Achieved',
      achieved: false,
      coreMissing: rules.core,
      electivesAchieved: 0,
      electivesRequired: 6,
      groupShortfalls: [],
      importedCounted: 0,
      enrolment: { id: enrolment.id, status: 'Not Yet Achieved', requirementsMetAt: null },
    });
    expect(empty.body.reasons).toEqual([
      `6 core units have no result yet: ${rules.core.join(', ')}`,
      '6 more electives needed',
    ]);

    for (const unit of [...rules.core, 'BSBLDR522', 'BSBOPS501', 'BSBOPS503', 'BSBOPS504', 'CHCCCS007'])
      expectStatus(await record(enrolment.id, unit), 200);
    expectStatus(await record(enrolment.id, 'BSBTWK502', '30', '2026-06-20'), 200);
    const short = await audit();
    expect(short.body).toMatchObject({
      status: 'Not Yet Achieved',
      coreMissing: ['BSBTWK502'],
      electivesAchieved: 5,
      importedCounted: 1,
    });
    expect(short.body.reasons).toEqual([
      'Core unit BSBTWK502 not achieved (latest outcome 30 Competency not achieved/fail, 2026-06-20)',
      '1 more elective needed',
    ]);

    expectStatus(await record(enrolment.id, 'BSBTWK502', '20', '2026-07-01'), 200);
    expectStatus(await record(enrolment.id, 'SITXMGT004', '51', '2026-07-02'), 200);
    const passed = await audit();
    expect(passed.body).toMatchObject({
      status: 'Ready to be Requested',
      achieved: true,
      coreMissing: [],
      electivesAchieved: 6,
      importedCounted: 2,
      requirementsMetOn: '2026-07-02',
      enrolment: { status: 'Ready to be Requested', requirementsMetAt: expect.any(String) },
    });
    const metAt = passed.body.enrolment.requirementsMetAt as string;
    expect((await sut.call('GET', `/qualification-enrolments/${enrolment.id}`)).body).toMatchObject({
      status: 'Ready to be Requested',
      requirementsMetAt: metAt,
    });

    expectStatus(await record(enrolment.id, 'BSBOPS501', '40', '2026-08-01'), 200);
    const lost = await audit();
    expect(lost.body).toMatchObject({
      status: 'Not Yet Achieved',
      enrolment: { status: 'Not Yet Achieved', requirementsMetAt: metAt },
    });
    expect(lost.body.reasons).toContain(
      'Elective BSBOPS501 not achieved (latest outcome 40 Withdrawn/discontinued, 2026-08-01)',
    );

    expectStatus(await record(enrolment.id, 'BSBOPS501', '20', '2026-08-15'), 200);
    const again = await audit();
    expect(again.body).toMatchObject({
      status: 'Ready to be Requested',
      enrolment: { status: 'Ready to be Requested', requirementsMetAt: metAt },
    });
  });

  it('never moves an enrolment out of a later status such as Generating Credential', async () => {
    const { enrolment } = await newEnrolment();
    await sql(`update qualification_enrolment set status = 'Generating Credential' where id = $1`, [enrolment.id]);
    const answer = await sut.call('POST', `/qualification-enrolments/${enrolment.id}/audit`);
    expect(answer.body).toMatchObject({
      status: 'Not Yet Achieved',
      enrolment: { status: 'Generating Credential', requirementsMetAt: null },
    });
    expect(await sql('select status from qualification_enrolment where id = $1', [enrolment.id])).toEqual([
      { status: 'Generating Credential' },
    ]);
  });

  it('answers 409 when the stored packaging rules cannot be audited, saying why', async () => {
    const { qualification, enrolment } = await newEnrolment();
    await sql(
      `update qualification set packaging_rules = '{"totalUnits": 2, "core": ["BSBCMM511"], "electives": {"count": 2}}' where id = $1`,
      [qualification.id],
    );
    const answer = await sut.call('POST', `/qualification-enrolments/${enrolment.id}/audit`);
    expect(answer.status).toBe(409);
    expect(answer.body.message).toBe(
      `Qualification ${qualification.code} has packaging rules that cannot be audited: 1 core unit + 2 electives = 3, but totalUnits is 2: the core units and electives.count must add up to totalUnits; only 0 electives can ever count (0 from groups, 0 listed, 0 imported) but 2 are required: list more electives or raise importedMax`,
    );
    expect((await sut.call('GET', `/qualification-enrolments/${enrolment.id}`)).body.status).toBe('Not Yet Achieved');
  });

  it('reads the audit for any reader without applying it', async () => {
    const { enrolment } = await newEnrolment();
    const viewer = (await sut.call('POST', '/api-keys', { body: { name: 'reader', role: 'viewer' } })).body.key;
    await sql(`update qualification_enrolment set status = 'Ready to be Requested' where id = $1`, [enrolment.id]);
    const read = await sut.call('GET', `/qualification-enrolments/${enrolment.id}/audit`, { key: viewer });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'Not Yet Achieved', coreMissing: rules.core, units: [] });
    expect(read.body.reasons[0]).toBe(`6 core units have no result yet: ${rules.core.join(', ')}`);
    expect((await sut.call('GET', `/qualification-enrolments/${enrolment.id}`)).body.status).toBe(
      'Ready to be Requested',
    );
    expect((await sut.call('GET', `/qualification-enrolments/${unknownId}/audit`)).status).toBe(404);
  });

  it('answers 404 when auditing an unknown enrolment', async () => {
    const answer = await sut.call('POST', `/qualification-enrolments/${unknownId}/audit`);
    expect([answer.status, answer.body.message]).toEqual([404, `Qualification enrolment ${unknownId} not found`]);
  });
});
