import { randomUUID } from 'node:crypto';
import { sql } from '../support/db';
import { couldBeInCredentialNumber } from '../../domain/credentials/numbering';
import { certificateOfCompletion, courseWithLearners, expectStatus, testamur } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';

const recordOfResults = '00000000-0000-4000-8000-000000000003';

let sut: RunningSystem;

/** Letters only, so a search for it finds this file's learners and never a credential number. */
const tag = `rg${Array.from({ length: 7 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;

interface Made {
  id: string;
  number: string;
  credentialDate: string;
}

const made: Record<'zelda' | 'zeldaRecord' | 'yusuf' | 'xena' | 'wanda' | 'ada' | 'vera' | 'veraTestamur', Made> =
  {} as never;
let offerA: { id: string };
let offerB: { id: string };
let qualificationId: string;
let qualificationEnrolmentId: string;
const learnerIds: Record<string, string> = {};
const enrolmentIds: Record<string, string> = {};

const dayMs = 86_400_000;
const utcDay = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().slice(0, 10);
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

async function request(enrolmentId: string, templateId: string, credentialDate: string): Promise<Made> {
  const answer = expectStatus(
    await sut.call('POST', `/course-enrolments/${enrolmentId}/credentials`, { body: { templateId, credentialDate } }),
    202,
  );
  return { id: answer.id, number: answer.number, credentialDate };
}

/** Register order: newest credential date first, then number, newest first. */
const newestFirst = (...credentials: Made[]) =>
  [...credentials]
    .sort((x, y) =>
      x.credentialDate !== y.credentialDate
        ? x.credentialDate < y.credentialDate
          ? 1
          : -1
        : x.number < y.number
          ? 1
          : -1,
    )
    .map((c) => c.id);

async function register(path: string) {
  const answer = await sut.call('GET', path);
  if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as { items: any[]; total: number; page: number; pageSize: number };
}
/** Only this file's credentials: every learner here carries the tag in the family name. */
const mine = (query = '') => register(`/credentials?q=${tag}&pageSize=500${query ? `&${query}` : ''}`);
const ids = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id);

beforeAll(async () => {
  sut = await startSystem();
  const a = await courseWithLearners(sut, [
    ['Zelda', `Quill${tag}`],
    ['Yusuf', `Quill${tag}`],
    ['Xena', `Brook${tag}`],
    ['Wanda', `Marsh${tag}`],
  ]);
  const b = await courseWithLearners(sut, [['Vera', `Stone${tag}`]]);
  offerA = a.offer;
  offerB = b.offer;
  const ada = expectStatus(
    await sut.call('POST', '/learners', {
      body: {
        givenName: 'Ada',
        middleName: 'Augusta',
        familyName: `Lovelace${tag}`,
        dateOfBirth: '1990-12-10',
        email: 'ada@example.com',
      },
    }),
    201,
  );
  const adaEnrolment = expectStatus(
    await sut.call('POST', `/course-offers/${offerA.id}/enrolments`, {
      body: { learnerId: ada.id, status: 'Completed', completionDate: '2026-10-31' },
    }),
    201,
  );
  const [zelda, yusuf, xena, wanda] = a.enrolments;
  const vera = b.enrolments[0];
  for (const [name, enrolment] of Object.entries({ zelda, yusuf, xena, wanda, vera, ada: adaEnrolment })) {
    enrolmentIds[name] = enrolment.id;
    learnerIds[name] = enrolment.learner.id;
  }

  made.zelda = await request(zelda.id, certificateOfCompletion, '2031-03-10');
  made.yusuf = await request(yusuf.id, certificateOfCompletion, '2031-03-12');
  made.xena = await request(xena.id, certificateOfCompletion, '2031-03-12');
  made.wanda = await request(wanda.id, certificateOfCompletion, '2031-02-01');
  made.ada = await request(adaEnrolment.id, certificateOfCompletion, '2031-01-15');
  made.zeldaRecord = await request(zelda.id, recordOfResults, '2031-03-20');
  made.vera = await request(vera.id, certificateOfCompletion, '2031-03-11');
  for (const credential of Object.values(made)) {
    await eventually(
      async () => {
        const { status } = (await sut.call('GET', `/credentials/${credential.id}`)).body;
        return ['Generated', 'GenerationFailed'].includes(status) ? status : undefined;
      },
      90_000,
      `credential ${credential.number} to finish generating`,
    );
  }
  // The record of results may have no renderer yet; the register only needs it to be Generated.
  await sql(`update credential set status = 'Generated', generation_error = null where id = $1`, [made.zeldaRecord.id]);

  // Qualification credentials cannot be requested through this API yet: a Generated testamur, arranged in SQL.
  qualificationId = randomUUID();
  qualificationEnrolmentId = randomUUID();
  await sql(
    `insert into qualification (id, created_at, updated_at, code, title, packaging_rules) values ($1, now(), now(), $2, $3, $4)`,
    [
      qualificationId,
      `RG${tag.toUpperCase()}`,
      'Certificate III in Register Testing',
      { totalUnits: 0, core: [], electives: { count: 0, groups: [], listed: [], importedMax: 0 } },
    ],
  );
  await sql(
    `insert into qualification_enrolment (id, created_at, updated_at, learner_id, qualification_id, status, requirements_met_at)
     values ($1, now(), now(), $2, $3, 'Awaiting Issue', $4)`,
    [qualificationEnrolmentId, learnerIds.vera, qualificationId, new Date(Date.now() - 31 * dayMs - 3_600_000)],
  );
  const [testamurRow] = await sql(
    `insert into credential (id, created_at, updated_at, number, verification_code, status, type, template_id, template_version,
       learner_id, qualification_enrolment_id, credential_date, email_status)
     values ($1, now(), now(), to_char(now(), 'YYYY') || '-' || lpad(nextval('credential_number_seq')::text, 6, '0'), $2,
       'Generated', 'Certificate', $3, 1, $4, $5, '2031-03-05', 'NotSent')
     returning id, number`,
    [randomUUID(), `VERIFY${tag.toUpperCase()}`, testamur, learnerIds.vera, qualificationEnrolmentId],
  );
  made.veraTestamur = { id: testamurRow!.id, number: testamurRow!.number, credentialDate: '2031-03-05' };

  // States the API cannot reach yet (issue, cancel, delete) and completion dates relative to today for the 30-day rule.
  await sql(
    `update credential set status = 'Issued', issued_at = '2031-03-11T09:30:00Z', email_status = 'Sent' where id = $1`,
    [made.zelda.id],
  );
  await sql(
    `update credential set status = 'Cancelled', cancelled_at = now(), status_reason = 'Wrong course' where id = $1`,
    [made.wanda.id],
  );
  await sql(`update credential set deleted_at = '2031-01-16T00:00:00Z' where id = $1`, [made.ada.id]);
  await sql('update course_enrolment set completion_date = $1 where id = any($2)', [
    utcDay(60 * dayMs),
    [enrolmentIds.zelda, enrolmentIds.wanda],
  ]);
  await sql('update course_enrolment set completion_date = $1 where id = $2', [utcDay(31 * dayMs), enrolmentIds.yusuf]);
  await sql('update course_enrolment set completion_date = $1 where id = $2', [utcDay(30 * dayMs), enrolmentIds.xena]);
  await sql('update course_enrolment set completion_date = $1 where id = $2', [utcDay(5 * dayMs), enrolmentIds.vera]);
  await sql('update course_enrolment set completion_date = null where id = $1', [enrolmentIds.ada]);
}, 240_000);

afterAll(async () => {
  await sut?.stop();
});

describe('GET /credentials: the Credential Register', () => {
  it('lists newest credential date first, then number, without deleted credentials, in the compact shape', async () => {
    const { zelda, zeldaRecord, yusuf, xena, wanda, vera, veraTestamur } = made;
    const page = await mine();
    expect(ids(page)).toEqual(newestFirst(zelda, zeldaRecord, yusuf, xena, wanda, vera, veraTestamur));
    expect(page).toMatchObject({ total: 7, page: 1, pageSize: 500 });
    // Same date: the larger number first.
    expect(ids(page).indexOf(yusuf.id) < ids(page).indexOf(xena.id)).toBe(yusuf.number > xena.number);

    expect(page.items.find((item) => item.id === zelda.id)).toEqual({
      id: zelda.id,
      number: zelda.number,
      status: 'Issued',
      type: 'Certificate',
      template: { id: certificateOfCompletion, name: 'Certificate of Completion', version: 1 },
      credentialDate: '2031-03-10',
      learner: { id: learnerIds.zelda, fullName: `Zelda Quill${tag}` },
      source: { kind: 'course', enrolmentId: enrolmentIds.zelda, courseOfferId: offerA.id },
      practice: false,
      issuingOfficer: null,
      documentVersion: 1,
      issuedAt: '2031-03-11T09:30:00.000Z',
      emailStatus: 'Sent',
      printedAt: null,
      deletedAt: null,
      overdue: false,
      dueBy: addDays(utcDay(60 * dayMs), 30),
      complianceWarnings: [],
    });
    expect(page.items.find((item) => item.id === veraTestamur.id)).toEqual({
      id: veraTestamur.id,
      number: veraTestamur.number,
      status: 'Generated',
      type: 'Certificate',
      template: { id: testamur, name: 'Testamur', version: 1 },
      credentialDate: '2031-03-05',
      learner: { id: learnerIds.vera, fullName: `Vera Stone${tag}` },
      source: { kind: 'qualification', enrolmentId: qualificationEnrolmentId, qualificationId },
      practice: false,
      issuingOfficer: null,
      documentVersion: null,
      issuedAt: null,
      emailStatus: 'NotSent',
      printedAt: null,
      deletedAt: null,
      overdue: true,
      dueBy: addDays(utcDay(31 * dayMs + 3_600_000), 30),
      complianceWarnings: [],
    });
  });

  it('includes deleted credentials only when asked, with when they were deleted', async () => {
    expect(ids(await mine())).not.toContain(made.ada.id);
    const page = await mine('includeDeleted=true');
    expect(page.total).toBe(8);
    expect(page.items.find((item) => item.id === made.ada.id)).toMatchObject({
      deletedAt: '2031-01-16T00:00:00.000Z',
      dueBy: null,
      overdue: false,
    });
    expect(ids(await mine('includeDeleted=false'))).not.toContain(made.ada.id);
  });

  it('filters by status, one or several', async () => {
    const { zelda, zeldaRecord, yusuf, xena, wanda, vera, veraTestamur } = made;
    expect(ids(await mine('status=Issued'))).toEqual([zelda.id]);
    expect(ids(await mine('status=Issued,Cancelled'))).toEqual(newestFirst(zelda, wanda));
    expect(ids(await mine('status=Cancelled&status=Issued'))).toEqual(newestFirst(zelda, wanda));
    expect(ids(await mine('status=Generated'))).toEqual(newestFirst(zeldaRecord, yusuf, xena, vera, veraTestamur));
    expect((await mine('status=GenerationFailed')).total).toBe(0);
  });

  it('filters by type and by template', async () => {
    const { zelda, zeldaRecord, yusuf, xena, wanda, vera, veraTestamur } = made;
    expect(ids(await mine('type=Transcript'))).toEqual([zeldaRecord.id]);
    expect(ids(await mine('type=Certificate'))).toEqual(newestFirst(zelda, yusuf, xena, wanda, vera, veraTestamur));
    expect(ids(await mine('type=Statement'))).toEqual([]);
    expect(ids(await mine(`templateId=${recordOfResults}`))).toEqual([zeldaRecord.id]);
    expect(ids(await mine(`templateId=${testamur}`))).toEqual([veraTestamur.id]);
    expect(ids(await mine(`templateId=${certificateOfCompletion}`))).toEqual(
      newestFirst(zelda, yusuf, xena, wanda, vera),
    );
  });

  it('filters by learner, course offer and qualification', async () => {
    const { zelda, zeldaRecord, yusuf, xena, wanda, vera, veraTestamur } = made;
    expect(ids(await mine(`learnerId=${learnerIds.zelda}`))).toEqual(newestFirst(zelda, zeldaRecord));
    expect(ids(await mine(`learnerId=${learnerIds.vera}`))).toEqual(newestFirst(vera, veraTestamur));
    expect(ids(await mine(`courseOfferId=${offerA.id}`))).toEqual(newestFirst(zelda, zeldaRecord, yusuf, xena, wanda));
    expect(ids(await mine(`courseOfferId=${offerB.id}`))).toEqual([vera.id]);
    expect(ids(await mine(`qualificationId=${qualificationId}`))).toEqual([veraTestamur.id]);
    expect(ids(await mine(`courseOfferId=${offerB.id}&learnerId=${learnerIds.zelda}`))).toEqual([]);
  });

  it('filters by credential date, both ends inclusive', async () => {
    const { zeldaRecord, yusuf, xena, wanda, vera, veraTestamur } = made;
    expect(ids(await mine('from=2031-03-12&to=2031-03-12'))).toEqual(newestFirst(yusuf, xena));
    expect(ids(await mine('from=2031-03-11'))).toEqual(newestFirst(zeldaRecord, yusuf, xena, vera));
    expect(ids(await mine('to=2031-03-05'))).toEqual(newestFirst(wanda, veraTestamur));
    expect(ids(await mine('from=2031-03-06&to=2031-03-09'))).toEqual([]);
  });

  it('searches learner names (given, middle, family, full) and credential numbers, in any case and in part', async () => {
    const { zelda, zeldaRecord, yusuf, xena, ada, vera } = made;
    const inOfferA = (q: string, extra = '') =>
      register(`/course-offers/${offerA.id}/credentials?includeDeleted=true&q=${encodeURIComponent(q)}${extra}`);
    expect(ids(await inOfferA('zELDa'))).toEqual(newestFirst(zelda, zeldaRecord));
    expect(ids(await inOfferA('augusta'))).toEqual([ada.id]);
    expect(ids(await inOfferA(`QUILL${tag.toUpperCase()}`))).toEqual(newestFirst(zelda, zeldaRecord, yusuf));
    expect(ids(await inOfferA(`uill${tag.slice(0, 4)}`))).toEqual(newestFirst(zelda, zeldaRecord, yusuf));
    expect(ids(await inOfferA(`Ada Augusta Lovelace${tag}`))).toEqual([ada.id]);
    expect(ids(await inOfferA(`ada lovelace${tag}`))).toEqual([ada.id]);
    expect(ids(await inOfferA(`  xena   brook${tag} `))).toEqual([xena.id]);
    expect(ids(await inOfferA('zelda brook'))).toEqual([]);
    // Numbers are searched only for a q that could be part of one: the numbers made must all be such text.
    for (const { number } of [zelda, zeldaRecord, yusuf, xena, ada, vera])
      expect(couldBeInCredentialNumber(number)).toBe(true);
    expect(ids(await register(`/credentials?q=${xena.number}`))).toEqual([xena.id]);
    expect(ids(await inOfferA(xena.number.slice(3)))).toEqual([xena.id]);
    expect(ids(await register(`/credentials?q=${vera.number.slice(2)}&courseOfferId=${offerB.id}`))).toEqual([vera.id]);
    // Wildcards typed by a user are plain characters.
    expect((await inOfferA('%')).total).toBe(0);
    expect((await inOfferA('_')).total).toBe(0);
    // A blank q is no filter.
    expect((await register(`/course-offers/${offerA.id}/credentials?q=%20`)).total).toBe(5);
  });

  it('lists as overdue what is not issued or cancelled more than 30 days after the requirements were met', async () => {
    const { zelda, zeldaRecord, yusuf, xena, wanda, vera, veraTestamur } = made;
    // zeldaRecord: completed 60 days ago, Generated. yusuf: 31 days. veraTestamur: audit passed 31 days ago.
    // Not overdue: zelda (Issued), wanda (Cancelled), xena (exactly 30 days), vera (5 days), ada (deleted, no date).
    expect(ids(await mine('overdue=true'))).toEqual(newestFirst(zeldaRecord, yusuf, veraTestamur));
    expect(ids(await mine('overdue=false'))).toEqual(newestFirst(zelda, xena, wanda, vera));
    expect(ids(await mine('overdue=true&includeDeleted=true'))).toEqual(newestFirst(zeldaRecord, yusuf, veraTestamur));

    const items = (await mine()).items;
    const item = (c: Made) => items.find((i) => i.id === c.id);
    expect(item(yusuf)).toMatchObject({ overdue: true, dueBy: addDays(utcDay(31 * dayMs), 30) });
    expect(item(xena)).toMatchObject({ overdue: false, dueBy: utcDay(0) });
    expect(item(vera)).toMatchObject({ overdue: false, dueBy: addDays(utcDay(5 * dayMs), 30) });
    expect(item(wanda)).toMatchObject({ overdue: false, status: 'Cancelled' });
  });

  it("filters by email status, printed, issuing officer and bulk run, and names each item's officer", async () => {
    const { zelda, zeldaRecord, yusuf, xena, wanda, vera, veraTestamur } = made;
    // zelda was emailed (Sent, above); wanda's email bounced.
    await sql(`update credential set email_status = 'Bounced' where id = $1`, [wanda.id]);
    expect(ids(await mine('emailStatus=Bounced'))).toEqual([wanda.id]);
    expect(ids(await mine('emailStatus=Sent,Bounced'))).toEqual(newestFirst(zelda, wanda));
    expect(ids(await mine('emailStatus=NotSent'))).toEqual(newestFirst(zeldaRecord, yusuf, xena, vera, veraTestamur));

    const officer = expectStatus(
      await sut.call('POST', '/issuing-officers', { body: { name: 'Reg Officer', position: 'CEO' } }),
      201,
    );
    await sql('update credential set issuing_officer_id = $1 where id = $2', [officer.id, zeldaRecord.id]);
    expect(ids(await mine(`issuingOfficerId=${officer.id}`))).toEqual([zeldaRecord.id]);
    const items = (await mine()).items;
    expect(items.find((item) => item.id === zeldaRecord.id)!.issuingOfficer).toEqual({
      id: officer.id,
      name: 'Reg Officer',
    });
    expect(items.find((item) => item.id === yusuf.id)!.issuingOfficer).toBeNull();

    // A print run: its items are the credentials it printed, now printed.
    const finished = (bulkRunId: string) =>
      eventually(async () => {
        const { body } = await sut.call('GET', `/bulk-runs/${bulkRunId}`);
        return body.status === 'Completed' ? body : undefined;
      });
    const print = expectStatus(
      await sut.call('POST', '/credentials/actions', { body: { action: 'print', credentialIds: [yusuf.id, xena.id] } }),
      202,
    );
    expect(await finished(print.bulkRunId)).toMatchObject({ succeeded: 2 });
    expect(ids(await mine(`bulkRunId=${print.bulkRunId}`))).toEqual(newestFirst(yusuf, xena));
    expect(ids(await mine('printed=true'))).toEqual(newestFirst(yusuf, xena));
    expect(ids(await mine('printed=false'))).toEqual(newestFirst(zelda, zeldaRecord, wanda, vera, veraTestamur));
    expect(ids(await mine('printed=true&emailStatus=NotSent'))).toEqual(newestFirst(yusuf, xena));

    // A request run: its items are enrolments, each with the credential it made (this learner has no tag: not mine).
    const other = await courseWithLearners(sut, [['Uma', 'Elsewhere']]);
    const request = expectStatus(
      await sut.call('POST', `/course-offers/${other.offer.id}/credential-requests`, {
        body: {
          templateId: certificateOfCompletion,
          credentialDate: '2031-04-01',
          enrolmentIds: [other.enrolments[0].id],
        },
      }),
      202,
    );
    await finished(request.bulkRunId);
    const [requested] = await sql('select id from credential where course_enrolment_id = $1', [other.enrolments[0].id]);
    expect(ids(await register(`/credentials?bulkRunId=${request.bulkRunId}`))).toEqual([requested!.id]);
    expect((await register(`/credentials?bulkRunId=${randomUUID()}`)).total).toBe(0);
  });

  it('pages through the same order without gaps or repeats', async () => {
    const all = ids(await register(`/course-offers/${offerA.id}/credentials`));
    expect(all).toHaveLength(5);
    const pages = [];
    for (let page = 1; page <= 3; page++) {
      const answer = await register(`/course-offers/${offerA.id}/credentials?pageSize=2&page=${page}`);
      expect(answer).toMatchObject({ total: 5, page, pageSize: 2 });
      pages.push(...ids(answer));
    }
    expect(pages).toEqual(all);
    expect(await register(`/course-offers/${offerA.id}/credentials?pageSize=2&page=4`)).toMatchObject({
      items: [],
      total: 5,
    });
    const defaults = await register('/credentials');
    expect(defaults).toMatchObject({ page: 1, pageSize: 50 });
    expect(defaults.items.length).toBeLessThanOrEqual(50);
  });
});

describe('scoped registers', () => {
  it('lists one learner, one course offer, one qualification, with the same filters', async () => {
    const { zelda, zeldaRecord, yusuf, xena, wanda, vera, veraTestamur } = made;
    expect(ids(await register(`/learners/${learnerIds.zelda}/credentials`))).toEqual(newestFirst(zelda, zeldaRecord));
    expect(ids(await register(`/learners/${learnerIds.vera}/credentials?type=Certificate`))).toEqual(
      newestFirst(vera, veraTestamur),
    );
    expect(ids(await register(`/learners/${learnerIds.ada}/credentials`))).toEqual([]);
    expect(ids(await register(`/course-offers/${offerA.id}/credentials`))).toEqual(
      newestFirst(zelda, zeldaRecord, yusuf, xena, wanda),
    );
    expect(ids(await register(`/course-offers/${offerA.id}/credentials?type=Transcript`))).toEqual([zeldaRecord.id]);
    expect(ids(await register(`/course-offers/${offerA.id}/credentials?overdue=true`))).toEqual(
      newestFirst(zeldaRecord, yusuf),
    );
    expect(ids(await register(`/course-offers/${offerB.id}/credentials?learnerId=${learnerIds.zelda}`))).toEqual([]);
    expect(ids(await register(`/qualifications/${qualificationId}/credentials`))).toEqual([veraTestamur.id]);
    expect(ids(await register(`/qualifications/${qualificationId}/credentials?status=Issued`))).toEqual([]);
  });

  it('answers 404 for an unknown learner, course offer or qualification, and 400 for an id that is not one', async () => {
    const unknown = randomUUID();
    for (const [path, what] of [
      ['learners', 'Learner'],
      ['course-offers', 'Course offer'],
      ['qualifications', 'Qualification'],
    ]) {
      const answer = await sut.call('GET', `/${path}/${unknown}/credentials`);
      expect(answer.status).toBe(404);
      expect(answer.body.message).toBe(`${what} ${unknown} not found`);
      const malformed = await sut.call('GET', `/${path}/not-a-uuid/credentials`);
      expect(malformed.status).toBe(400);
      expect(malformed.body.details).toEqual([{ field: 'id', messages: [expect.any(String)] }]);
    }
  });
});

describe('register validation', () => {
  it.each([
    ['status=Bogus', 'status'],
    ['status=Issued,bogus', 'status'],
    ['type=Diploma', 'type'],
    ['templateId=abc', 'templateId'],
    ['learnerId=abc', 'learnerId'],
    ['courseOfferId=abc', 'courseOfferId'],
    ['qualificationId=abc', 'qualificationId'],
    ['from=2031-02-30', 'from'],
    ['to=31/03/2031', 'to'],
    ['overdue=yes', 'overdue'],
    ['includeDeleted=1', 'includeDeleted'],
    ['emailStatus=Lost', 'emailStatus'],
    ['emailStatus=Sent,lost', 'emailStatus'],
    ['printed=sometimes', 'printed'],
    ['issuingOfficerId=abc', 'issuingOfficerId'],
    ['bulkRunId=abc', 'bulkRunId'],
    [`q=${'x'.repeat(101)}`, 'q'],
    ['pageSize=501', 'pageSize'],
    ['page=0', 'page'],
    ['colour=blue', 'colour'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const answer = await sut.call('GET', `/credentials?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
  });

  it('lists every bad field at once, and refuses a range that ends before it starts', async () => {
    const many = await sut.call('GET', '/credentials?status=Nope&overdue=maybe&from=yesterday');
    expect(many.status).toBe(400);
    expect(many.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['from', 'overdue', 'status']);
    const backwards = await sut.call('GET', '/credentials?from=2031-03-12&to=2031-03-11');
    expect(backwards.status).toBe(400);
    expect(backwards.body.details).toEqual([
      { field: 'to', messages: ['to (2031-03-11) must be on or after from (2031-03-12)'] },
    ]);
  });

  it('is readable with a viewer key and needs a key', async () => {
    const viewer = expectStatus(
      await sut.call('POST', '/api-keys', { body: { name: 'register viewer', role: 'viewer' } }),
      201,
    );
    expect((await sut.call('GET', `/credentials?q=${tag}`, { key: viewer.key })).body.total).toBe(7);
    expect((await sut.call('GET', '/credentials', { key: null })).status).toBe(401);
  });

  it('describes the register and its query parameters in the OpenAPI document', async () => {
    const openapi = (await sut.call('GET', '/docs-json')).body;
    const parameters = openapi.paths['/credentials'].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(
      expect.arrayContaining([
        'status',
        'type',
        'templateId',
        'learnerId',
        'courseOfferId',
        'qualificationId',
        'from',
        'to',
        'q',
        'overdue',
        'includeDeleted',
        'emailStatus',
        'printed',
        'issuingOfficerId',
        'bulkRunId',
        'page',
        'pageSize',
      ]),
    );
    for (const path of [
      '/learners/{id}/credentials',
      '/course-offers/{id}/credentials',
      '/qualifications/{id}/credentials',
    ]) {
      expect(openapi.paths[path].get.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['id', 'overdue', 'q']),
      );
    }
  });
});
