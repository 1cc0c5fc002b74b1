import { randomUUID } from 'node:crypto';
import { sql } from '../support/db';
import { certificateOfCompletion, courseWithLearners, expectStatus } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';

let sut: RunningSystem;

beforeAll(async () => {
  sut = await startSystem();
});

afterAll(async () => {
  await sut?.stop();
});

const dayMs = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * dayMs).toISOString().slice(0, 10);
const plus30 = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 30 * dayMs).toISOString().slice(0, 10);

async function generatedCredential(enrolmentId: string) {
  const { id, number } = expectStatus(
    await sut.call('POST', `/course-enrolments/${enrolmentId}/credentials`, {
      body: { templateId: certificateOfCompletion, credentialDate: daysAgo(1) },
    }),
    202,
  );
  await eventually(async () => (await sut.call('GET', `/credentials/${id}`)).body.status === 'Generated' || undefined);
  return { id: id as string, number: number as string };
}

describe('GET /overdue', () => {
  it('lists enrolments with nothing issued 30 days after meeting the requirements, oldest first', async () => {
    const { course, offer, enrolments } = await courseWithLearners(sut, [
      ['Ann', 'Late'],
      ['Ben', 'Late'],
      ['Cat', 'Issued'],
      ['Dan', 'OnTime'],
      ['Eve', 'Enrolled'],
    ]);
    const [ann, ben, cat, dan, eve] = enrolments;
    const benCredential = await generatedCredential(ben.id);
    const catCredential = await generatedCredential(cat.id);
    expectStatus(await sut.call('POST', `/credentials/${catCredential.id}/issue`), 200);
    const completed = async (enrolmentId: string, day: string | null, status = 'Completed') =>
      sql('update course_enrolment set completion_date = $1, status = $2 where id = $3', [day, status, enrolmentId]);
    await completed(ann.id, daysAgo(40));
    await completed(ben.id, daysAgo(35));
    await completed(cat.id, daysAgo(60));
    await completed(dan.id, daysAgo(30)); // due today: not overdue yet
    await completed(eve.id, null, 'Enrolled');

    // A qualification enrolment audited Ready to be Requested 45 days ago, and one that never was.
    const qualificationId = randomUUID();
    const code = `OD${randomUUID().slice(0, 6).toUpperCase()}`;
    await sql(
      `insert into qualification (id, created_at, updated_at, code, title, packaging_rules) values ($1, now(), now(), $2, $3, $4)`,
      [
        qualificationId,
        code,
        'Certificate III in Overdue Testing',
        { totalUnits: 0, core: [], electives: { count: 0, groups: [], listed: [], importedMax: 0 } },
      ],
    );
    const ready = randomUUID();
    const notYet = randomUUID();
    await sql(
      `insert into qualification_enrolment (id, created_at, updated_at, learner_id, qualification_id, status, requirements_met_at)
       values ($1, now(), now(), $2, $3, 'Ready to be Requested', $4), ($5, now(), now(), $2, $3, 'Not Yet Achieved', null)`,
      [ready, dan.learner.id, qualificationId, new Date(Date.now() - 45 * dayMs), notYet],
    );

    // Practice data is never overdue.
    const practice = await courseWithLearners(sut, [['Pat', 'Practice']]);
    await sql('update course_offer set practice = true where id = $1', [practice.offer.id]);
    await completed(practice.enrolments[0].id, daysAgo(50));
    const practiceCredential = await generatedCredential(practice.enrolments[0].id);

    const viewer = expectStatus(
      await sut.call('POST', '/api-keys', { body: { name: 'overdue viewer', role: 'viewer' } }),
      201,
    );
    // Every page: other suites leave overdue enrolments of their own in the shared database, hundreds of them.
    const everything: Array<{ enrolmentId: string; completedOn: string }> = [];
    let total = 0;
    for (let at = 1; at === 1 || everything.length < total; at++) {
      const page = expectStatus(await sut.call('GET', `/overdue?pageSize=500&page=${at}`, { key: viewer.key }), 200);
      if (!page.items.length) break;
      everything.push(...page.items);
      total = page.total;
    }
    const mine = new Set([ann.id, ben.id, cat.id, dan.id, eve.id, ready, notYet, practice.enrolments[0].id]);
    const listed = everything.filter((item) => mine.has(item.enrolmentId));
    expect(listed).toEqual([
      {
        kind: 'qualification',
        enrolmentId: ready,
        learner: { id: dan.learner.id, fullName: 'Dan OnTime' },
        qualification: { id: qualificationId, code, title: 'Certificate III in Overdue Testing' },
        completedOn: daysAgo(45),
        dueBy: plus30(daysAgo(45)),
        daysOverdue: 15,
        credential: null,
      },
      {
        kind: 'course',
        enrolmentId: ann.id,
        learner: { id: ann.learner.id, fullName: 'Ann Late' },
        course: { id: course.id, code: course.code, name: course.name },
        courseOfferId: offer.id,
        completedOn: daysAgo(40),
        dueBy: plus30(daysAgo(40)),
        daysOverdue: 10,
        credential: null,
      },
      {
        kind: 'course',
        enrolmentId: ben.id,
        learner: { id: ben.learner.id, fullName: 'Ben Late' },
        course: { id: course.id, code: course.code, name: course.name },
        courseOfferId: offer.id,
        completedOn: daysAgo(35),
        dueBy: plus30(daysAgo(35)),
        daysOverdue: 5,
        credential: { id: benCredential.id, number: benCredential.number, status: 'Generated' },
      },
    ]);
    // Oldest first across the whole list, and the register agrees about Ben's credential.
    const completedOn = everything.map((item) => item.completedOn);
    expect([...completedOn].sort()).toEqual(completedOn);
    expect(total).toBe(everything.length);
    const register = expectStatus(await sut.call('GET', `/course-offers/${offer.id}/credentials?overdue=true`), 200);
    expect(register.items.map((item: { id: string }) => item.id)).toEqual([benCredential.id]);
    expect(register.items[0].dueBy).toBe(plus30(daysAgo(35)));

    // Nor is a practice credential overdue on the register.
    const practiceRegister = expectStatus(
      await sut.call('GET', `/course-offers/${practice.offer.id}/credentials`),
      200,
    );
    expect(practiceRegister.items.map((item: { id: string; overdue: boolean }) => [item.id, item.overdue])).toEqual([
      [practiceCredential.id, false],
    ]);
    expect(
      expectStatus(await sut.call('GET', `/course-offers/${practice.offer.id}/credentials?overdue=true`), 200).total,
    ).toBe(0);

    const paged = expectStatus(await sut.call('GET', '/overdue?pageSize=1&page=2'), 200);
    expect(paged).toMatchObject({ page: 2, pageSize: 1, total, items: [everything[1]] });
    expect((await sut.call('GET', '/overdue?pageSize=501')).status).toBe(400);
    expect((await sut.call('GET', '/overdue', { key: null })).status).toBe(401);
  });
});
