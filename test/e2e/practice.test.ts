import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { createActionActivities } from '../../activities/credential-actions';
import { createBulkActivities } from '../../activities/bulk-runs';
import { createDataFixActivities } from '../../activities/data-fix';
import { createEmailActivities } from '../../activities/credential-email';
import { createOpenBadgeActivities } from '../../activities/open-badge';
import { usiProblem } from '../../domain/learners/usi';
import { ormConfig } from '../../domain/orm-config';
import { workflowIds } from '../../temporal/ids';
import { sql } from '../support/db';
import { certificateOfCompletion, courseWithLearners, expectStatus } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';
import { temporalClient } from '../support/temporal';

let sut: RunningSystem;
let temporal: Client;

beforeAll(async () => {
  sut = await startSystem();
  temporal = await temporalClient();
});

afterAll(async () => {
  await temporal?.connection.close();
  await sut?.stop();
});

const today = () => new Date().toISOString().slice(0, 10);
const keyFor = async (role: string) =>
  expectStatus(await sut.call('POST', '/api-keys', { body: { name: `practice ${role} ${randomUUID()}`, role } }), 201)
    .key as string;

async function settled(id: string, status: string) {
  return eventually(async () => {
    const { body } = await sut.call('GET', `/credentials/${id}`);
    return body.status === status ? body : undefined;
  });
}

describe('practice data', () => {
  it('makes a practice course offer of five dummy learners, Completed today, shown as practice everywhere', async () => {
    const requester = await keyFor('requester');
    await courseWithLearners(sut, []); // the organisation
    const made = await sut.call('POST', '/practice/course-offers', { key: requester });
    expect(made.status).toBe(201);
    const { courseOffer, enrolments } = made.body;
    expect(courseOffer).toMatchObject({
      practice: true,
      enrolmentCount: 5,
      course: { code: 'PRACTICE', name: 'Practice course (dummy data)' },
      endDate: today(),
    });
    expect(enrolments).toHaveLength(5);
    for (const enrolment of enrolments) {
      expect(enrolment).toMatchObject({ courseOfferId: courseOffer.id, status: 'Completed', completionDate: today() });
      expect(enrolment.practice).toBe(true);
      expect(enrolment.learner.email).toMatch(/^practice-[0-9a-f]+-\d@example\.com$/);
      const learner = expectStatus(await sut.call('GET', `/learners/${enrolment.learner.id}`), 200);
      expect(learner.usiVerified).toBe(true);
      expect(usiProblem(learner.usi)).toBeNull();
    }
    expect(enrolments.map((e: { learner: { fullName: string } }) => e.learner.fullName)).toEqual([
      'Pat Practice',
      'Sam Sample',
      'Dee Dummy',
      'Tess Testing',
      'Max Mockup',
    ]);
    // A second practice offer shares the practice course.
    const again = expectStatus(await sut.call('POST', '/practice/course-offers'), 201);
    expect(again.courseOffer.course.id).toBe(courseOffer.course.id);
    expect(again.courseOffer.id).not.toBe(courseOffer.id);

    expect(expectStatus(await sut.call('GET', `/course-offers/${courseOffer.id}`), 200).practice).toBe(true);
    const list = expectStatus(
      await sut.call('GET', `/course-offers/${courseOffer.id}/enrolments?templateId=${certificateOfCompletion}`),
      200,
    );
    expect(list.items.every((e: { practice: boolean; canRequest: boolean }) => e.practice && e.canRequest)).toBe(true);

    // Practised all the way to an issued credential: flagged practice, never verifiable, never an Open Badge.
    const { id } = expectStatus(
      await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
        body: { templateId: certificateOfCompletion, credentialDate: today() },
      }),
      202,
    );
    await settled(id, 'Generated');
    expectStatus(await sut.call('POST', `/credentials/${id}/issue`), 200);
    const issued = expectStatus(await sut.call('GET', `/credentials/${id}`), 200);
    expect(issued.practice).toBe(true);
    const register = expectStatus(await sut.call('GET', `/course-offers/${courseOffer.id}/credentials`), 200);
    expect(register.items.map((item: { id: string; practice: boolean }) => [item.id, item.practice])).toEqual([
      [id, true],
    ]);
    const code = new URL(issued.verificationUrl).pathname.split('/').pop()!;
    const json = await sut.call('GET', `/verify/${code}`, { key: null });
    expect(json.status).toBe(404);
    const page = await fetch(`${sut.url}/verify/${code}`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await sut.call('GET', `/verify/${code}/open-badge.json`, { key: null })).status).toBe(404);
    expect((await sut.call('GET', `/credentials/${id}/open-badge`)).status).toBe(404);
    expect(await sql('select count(*)::int as n from open_badge where credential_id = $1', [id])).toEqual([{ n: 0 }]);
  });

  it('removes a practice offer with its credentials, their rows and workflows, its enrolments and dummy learners', async () => {
    const { courseOffer, enrolments } = expectStatus(await sut.call('POST', '/practice/course-offers'), 201);
    const [first, second, third] = enrolments as Array<{ id: string; learner: { id: string } }>;
    // An issued and emailed credential (documents, history, an email) ...
    const issued = expectStatus(
      await sut.call('POST', `/course-enrolments/${first!.id}/credentials`, {
        body: { templateId: certificateOfCompletion, credentialDate: today() },
      }),
      202,
    ).id as string;
    await settled(issued, 'Generated');
    expectStatus(await sut.call('POST', `/credentials/${issued}/issue`), 200);
    expectStatus(await sut.call('POST', `/credentials/${issued}/email`, { body: {} }), 202);
    await eventually(
      async () => (await sut.call('GET', `/credentials/${issued}`)).body.emailStatus === 'Sent' || undefined,
    );
    // ... a data fix waiting out its quiet period, and, with no worker, a credential whose workflow waits to start.
    expectStatus(await sut.call('PATCH', `/learners/${second!.learner.id}`, { body: { familyName: 'Sampler' } }), 200);
    await sut.killWorker();
    const waiting = expectStatus(
      await sut.call('POST', `/course-enrolments/${third!.id}/credentials`, {
        body: { templateId: certificateOfCompletion, credentialDate: today() },
      }),
      202,
    ).id as string;
    const running = [workflowIds.credential(waiting), workflowIds.dataFix('learner', second!.learner.id)];
    for (const workflowId of running) {
      await eventually(async () =>
        (await temporal.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING' ? true : undefined,
      );
    }

    // Issuers remove practice data, nothing else.
    const requester = await keyFor('requester');
    expect((await sut.call('DELETE', `/course-offers/${courseOffer.id}`, { key: requester })).status).toBe(403);
    const { offer: real } = await courseWithLearners(sut, [['Real', 'Learner']]);
    const refused = await sut.call('DELETE', `/course-offers/${real.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/^Only practice course offers can be removed/);
    expect((await sut.call('DELETE', `/course-offers/${randomUUID()}`)).status).toBe(404);

    const issuer = await keyFor('issuer');
    expect((await sut.call('DELETE', `/course-offers/${courseOffer.id}`, { key: issuer })).status).toBe(204);
    for (const workflowId of running) {
      const { status } = await temporal.workflow.getHandle(workflowId).describe();
      expect([workflowId, status.name]).toEqual([workflowId, 'TERMINATED']);
    }
    await sut.startWorker();

    const credentialIds = [issued, waiting];
    const learnerIds = enrolments.map((e: { learner: { id: string } }) => e.learner.id);
    const count = async (table: string, column: string, ids: string[]) =>
      (await sql(`select count(*)::int as n from ${table} where ${column} = any($1)`, [ids]))[0]!.n;
    expect({
      credentials: await count('credential', 'id', credentialIds),
      documents: await count('document_version', 'credential_id', credentialIds),
      history: await count('credential_event', 'credential_id', credentialIds),
      emails: await count('email_message', 'credential_id', credentialIds),
      enrolments: await count('course_enrolment', 'course_offer_id', [courseOffer.id]),
      learners: await count('learner', 'id', learnerIds),
      offers: await count('course_offer', 'id', [courseOffer.id]),
    }).toEqual({ credentials: 0, documents: 0, history: 0, emails: 0, enrolments: 0, learners: 0, offers: 0 });
    expect((await sut.call('GET', `/course-offers/${courseOffer.id}`)).status).toBe(404);
    expect((await sut.call('GET', `/credentials/${issued}`)).status).toBe(404);
    // The practice course stays for the next practice offer; the real offer is untouched.
    expect(await count('course', 'id', [courseOffer.course.id])).toBe(1);
    expect((await sut.call('GET', `/course-offers/${real.id}`)).status).toBe(200);
  });
});

describe('the steps of a credential that no longer exists', () => {
  let orm: MikroORM;

  beforeAll(async () => {
    orm = await MikroORM.init(ormConfig(process.env.TEST_DATABASE_URL!));
  });

  afterAll(async () => {
    await orm?.close();
  });

  const gone = (promise: Promise<unknown>) =>
    expect(promise).rejects.toMatchObject({
      constructor: ApplicationFailure,
      nonRetryable: true,
      message: expect.stringMatching(/no longer exists/),
    });

  it('fail at once, never retried, or find nothing left to do', async () => {
    const credentialId = randomUUID();
    const actions = createActionActivities({ orm });
    await gone(actions.issueAndSettleOriginal({ credentialId, actor: 'test' }));
    await gone(actions.recordPrint({ credentialId, actor: 'test' }));
    await gone(actions.cancelCredential({ credentialId, actor: 'test', inputId: randomUUID() }));
    await gone(actions.deleteCredential({ credentialId, actor: 'test' }));

    const email = createEmailActivities({ orm, emailSender: {} as never, publicBaseUrl: sut.url });
    await gone(email.prepareEmail({ credentialId, actor: 'test' }));
    await gone(email.sendEmail(randomUUID()));
    await expect(
      email.markEmailSent({ emailMessageId: randomUUID(), providerMessageId: 'x' }),
    ).resolves.toBeUndefined();
    await expect(email.markEmailFailed({ emailMessageId: randomUUID(), error: 'x' })).resolves.toBeUndefined();

    const badges = createOpenBadgeActivities({ orm, publicBaseUrl: sut.url, signingKey: {} as never });
    await expect(badges.signOpenBadge({ credentialId })).resolves.toBeUndefined();
    const dataFix = createDataFixActivities({
      orm,
      workflows: {} as never,
      publicBaseUrl: sut.url,
      autoReissueIssued: true,
    });
    await expect(dataFix.reissueCredential({ credentialId, requestId: 'r' })).resolves.toBeUndefined();

    // A bulk request's item whose credential went: the item fails, the run goes on.
    const runId = randomUUID();
    await sql(
      `insert into bulk_run (id, created_at, updated_at, action, total, params) values ($1, now(), now(), 'request', 1, '{}')`,
      [runId],
    );
    await sql(
      `insert into bulk_run_item (id, created_at, updated_at, bulk_run_id, seq, target_id, credential_id)
       values ($1, now(), now(), $2, 1, $3, $4)`,
      [randomUUID(), runId, randomUUID(), credentialId],
    );
    const bulk = createBulkActivities({ orm, workflows: {} as never });
    await bulk.runBulkItem({ runId, seq: 1 });
    expect(await sql('select status, message from bulk_run_item where bulk_run_id = $1', [runId])).toEqual([
      { status: 'Failed', message: expect.stringMatching(/no longer exists/) },
    ]);
  });
});
