import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { IdempotencyInterceptor } from '../../apps/api/common/idempotency.interceptor';
import { sql } from '../support/db';
import { certificateOfCompletion, courseWithLearners } from '../support/fixtures';
import { startSystem, type RunningSystem } from '../support/system';
import { apiControllers } from '../support/nest-modules';

let sut: RunningSystem;

beforeAll(async () => {
  sut = await startSystem();
});

afterAll(async () => {
  await sut?.stop();
});

async function post(path: string, body: unknown, key: string, apiKey = sut.adminKey) {
  const response = await fetch(`${sut.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('Idempotency-Key', () => {
  it('answers a repeated create with the first answer and creates nothing more', async () => {
    const key = `learner-${Date.now()}`;
    const body = { givenName: 'Once', familyName: 'Only', dateOfBirth: '1990-01-01', email: `${key}@example.com` };
    const first = await post('/learners', body, key);
    const second = await post('/learners', body, key);
    expect(first.status).toBe(201);
    expect(second).toEqual(first);
    expect(await sql('select count(*)::int as n from learner where email = $1', [body.email])).toEqual([{ n: 1 }]);

    const different = await post('/learners', { ...body, givenName: 'Twice' }, key);
    expect(different.status).toBe(422);
    expect(different.body.message).toContain(key);

    const otherClient = (await sut.call('POST', '/api-keys', { body: { name: 'other client', role: 'requester' } }))
      .body.key;
    const theirs = await post('/learners', body, key, otherClient);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it('makes a retried credential request return the same credential', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Retry', 'Safe']]);
    const path = `/course-enrolments/${enrolments[0].id}/credentials`;
    const body = { templateId: certificateOfCompletion, credentialDate: '2026-11-20' };
    const first = await post(path, body, 'request-1');
    const again = await post(path, body, 'request-1');
    expect(first.status).toBe(202);
    expect(again).toEqual(first);
    // Without the key the same request is a conflict, not a second credential.
    expect((await sut.call('POST', path, { body })).status).toBe(409);
  });

  it('keeps no error answers, so a corrected request can reuse its key', async () => {
    const bad = await post('/courses', { code: '', name: 'Broken' }, 'course-key');
    expect(bad.status).toBe(400);
    const good = await post('/courses', { code: `K-${Date.now()}`, name: 'Fixed' }, 'course-key');
    expect(good.status).toBe(201);
    expect(await post('/courses', { code: 'other', name: 'Fixed' }, 'course-key')).toMatchObject({ status: 422 });
  });
});

describe('Idempotency-Key coverage', () => {
  it('is on every POST route', () => {
    const postRoutes = apiControllers().flatMap((controller) =>
      Object.getOwnPropertyNames(controller.prototype)
        .map((name) => ({ name: `${controller.name}.${name}`, handler: controller.prototype[name] }))
        .filter(
          ({ handler }) =>
            typeof handler === 'function' && Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST,
        ),
    );
    expect(postRoutes.length).toBeGreaterThan(20);
    const without = postRoutes
      .filter(
        ({ handler }) => !(Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []).includes(IdempotencyInterceptor),
      )
      .map(({ name }) => name);
    expect(without).toEqual([]);
  });
});
