import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from '../support/db';
import { certificateOfCompletion, courseWithLearners, expectStatus } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';

let sut: RunningSystem;

beforeAll(async () => {
  sut = await startSystem();
}, 120_000);

afterAll(async () => {
  await sut?.stop();
});

const tag = () => randomBytes(3).toString('hex');
const learnerBody = () => ({
  givenName: 'Hardy',
  familyName: `Tester${tag()}`,
  dateOfBirth: '1991-03-04',
  email: `hardy-${tag()}@example.com`,
});

async function keyFor(role: string, name = `${role} ${tag()}`): Promise<{ id: string; key: string }> {
  return expectStatus(await sut.call('POST', '/api-keys', { body: { name, role } }), 201);
}

async function postWithIdempotencyKey(path: string, body: unknown, key: string) {
  const response = await fetch(`${sut.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sut.adminKey}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('USI', () => {
  it('refuses a USI whose tenth character is not its check character, naming usi', async () => {
    const bad = await sut.call('POST', '/learners', {
      body: { ...learnerBody(), usi: 'A2B3C4D5E6', usiVerified: true },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'usi', messages: [expect.stringContaining('check character')] }]);
    const created = expectStatus(await sut.call('POST', '/learners', { body: learnerBody() }), 201);
    const patched = await sut.call('PATCH', `/learners/${created.id}`, { body: { usi: 'ZX9KQ4R7TW' } });
    expect(patched.status).toBe(400);
    expect(patched.body.details.map((d: { field: string }) => d.field)).toEqual(['usi']);
  });

  it('shows a viewer the USI masked to its last three characters, and others the whole USI', async () => {
    const usi = 'BNGH7C75FN'; // check character computed independently (see test/unit/usi.test.ts)
    const created = expectStatus(await sut.call('POST', '/learners', { body: { ...learnerBody(), usi } }), 201);
    expect(created.usi).toBe(usi);
    const viewer = await keyFor('viewer');
    const requester = await keyFor('requester');
    const seen = await sut.call('GET', `/learners/${created.id}`, { key: viewer.key });
    expect(seen.body.usi).toBe('*******5FN');
    const listed = await sut.call('GET', `/learners?q=${created.familyName}`, { key: viewer.key });
    expect(listed.body.items.map((l: { usi: string }) => l.usi)).toEqual(['*******5FN']);
    expect(JSON.stringify(listed.body)).not.toContain(usi);
    expect((await sut.call('GET', `/learners/${created.id}`, { key: requester.key })).body.usi).toBe(usi);
  });
});

describe('cancel', () => {
  it('refuses a reason of only spaces on the single route', async () => {
    const answer = await sut.call('POST', `/credentials/${randomUUID()}/cancel`, { body: { reason: '    ' } });
    expect(answer.status).toBe(400);
    expect(answer.body.details).toEqual([
      { field: 'reason', messages: ['reason is required: say why the credential is cancelled'] },
    ]);
  });
});
