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

describe('Idempotency-Key records (run first: the purge runs on this process’s first keyed POSTs)', () => {
  it('never stores a new API key; a replay is a 409 saying a key is shown once', async () => {
    const idempotencyKey = `key-${tag()}`;
    const body = { name: `shown once ${tag()}`, role: 'viewer' };
    const first = await postWithIdempotencyKey('/api-keys', body, idempotencyKey);
    expect(first.status).toBe(201);
    expect(first.body.key).toMatch(/^ce_/);
    const stored = await sql('select response from idempotency_record where key = $1', [idempotencyKey]);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(first.body.key);
    const replay = await postWithIdempotencyKey('/api-keys', body, idempotencyKey);
    expect(replay.status).toBe(409);
    expect(replay.body.message).toContain('a key is shown once');
    expect(replay.body.message).toContain(first.body.id);
    expect(replay.body.key).toBeUndefined();
  });

  it('deletes records older than 24 hours', async () => {
    const [old] = await sql<{ id: string }>(
      `insert into idempotency_record (id, created_at, updated_at, scope, key, request_hash, status, response)
       values ($1, now() - interval '25 hours', now(), 'someone', $2, repeat('0', 64), 201, '{"email":"old@example.com"}')
       returning id`,
      [randomUUID(), `old-${tag()}`],
    );
    const [fresh] = await sql<{ id: string }>(
      `insert into idempotency_record (id, created_at, updated_at, scope, key, request_hash, status, response)
       values ($1, now() - interval '23 hours', now(), 'someone', $2, repeat('0', 64), 201, null) returning id`,
      [randomUUID(), `fresh-${tag()}`],
    );
    await eventually(
      async () => {
        await postWithIdempotencyKey('/learners', learnerBody(), `purge-${tag()}`);
        const left = await sql('select id from idempotency_record where id = $1', [old!.id]);
        return left.length === 0 ? true : undefined;
      },
      10_000,
      'the expired record to be purged',
    );
    expect(await sql('select id from idempotency_record where id = $1', [fresh!.id])).toHaveLength(1);
  });
});

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

describe('bounded input', () => {
  it('answers ?page=1e18 and other huge pages with a 400 naming page', async () => {
    for (const path of ['/learners?page=1e18', '/credentials?page=1e18', '/api-keys?page=99999999999']) {
      const answer = await sut.call('GET', path);
      expect([path, answer.status]).toEqual([path, 400]);
      expect(answer.body.details).toEqual([{ field: 'page', messages: ['page must be at most 1000000'] }]);
    }
  });

  it('refuses __proto__, constructor and prototype keys anywhere in a body with a 400', async () => {
    const rules = { totalUnits: 1, core: ['ABC123'], electives: { count: 0, constructor: { name: 'x' } } };
    const nested = await sut.call('POST', '/qualifications', {
      body: { code: `Q${tag().toUpperCase()}`, title: 'T', packagingRules: rules },
    });
    expect(nested.status).toBe(400);
    expect(nested.body.message).toContain('"constructor"');
    const proto = await sut.call('POST', '/learners', { body: `{"givenName":"A","__proto__":{"admin":true}}` });
    expect(proto.status).toBe(400);
    expect(proto.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('__proto__'),
    });
    const deep = await sut.call('POST', '/learners', { body: `${'['.repeat(5000)}${']'.repeat(5000)}` });
    expect(deep.status).toBe(400);
  });

  it('takes 1 MB by default and more only where images are expected', async () => {
    const big = 'A'.repeat(1_200_000);
    const learner = await sut.call('POST', '/learners', { body: { ...learnerBody(), middleName: big } });
    expect(learner.status).toBe(413);
    expect(learner.body).toMatchObject({ statusCode: 413, message: expect.stringContaining('at most 1024 KB') });
    const logo = await sut.call('PUT', '/organisation', {
      body: { name: 'Test Training Institute', rtoCode: '91234', logoPng: big },
    });
    // Past the body limit: the PNG check answers (the bytes are not a PNG).
    expect(logo.status).toBe(400);
    expect(JSON.stringify(logo.body.details)).toContain('logoPng');
  });

  it('checks 25,000 ids against the size limit, never each against every other', async () => {
    const ids = Array.from({ length: 12_500 }, () => randomUUID());
    const started = Date.now();
    const answer = await sut.call('POST', '/credentials/actions', {
      body: { action: 'issue', credentialIds: [...ids, ...ids] },
    });
    const took = Date.now() - started;
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('at most 10000');
    expect(answer.body.message).not.toContain('more than once');
    expect(took).toBeLessThan(2000);
    const repeated = await sut.call('POST', '/credentials/actions', {
      body: { action: 'issue', credentialIds: [ids[0], ids[0]] },
    });
    expect(repeated.body.details).toEqual([
      { field: 'credentialIds', messages: ['credentialIds lists a credential more than once'] },
    ]);
  });

  it('lists at most 50 problems in a 400, and says how many there were', async () => {
    const units = Array.from({ length: 120 }, () => ({ code: 'lower case', title: '' }));
    const answer = await sut.call('POST', '/units', { body: { units } });
    expect(answer.status).toBe(400);
    expect(answer.body.details).toHaveLength(50);
    expect(answer.body.message).toMatch(/^Invalid request \(240 problems; the first 50 are listed\)/);
  });

  it('caps the size of packaging rules', async () => {
    const core = Array.from({ length: 1001 }, (_, i) => `U${String(i).padStart(5, '0')}`);
    const answer = await sut.call('POST', '/qualifications', {
      body: { code: `Q${tag().toUpperCase()}`, title: 'T', packagingRules: { totalUnits: 1001, core } },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.details.map((d: { field: string }) => d.field)).toEqual([
      'packagingRules.totalUnits',
      'packagingRules.core',
    ]);
  });

  it('validates a text of {{ and 2,000 spaces at once', async () => {
    const layout = {
      page: { size: 'A4', orientation: 'landscape' },
      elements: Array.from({ length: 20 }, (_, i) => ({
        type: 'text',
        x: 10,
        y: 10 + i * 20,
        width: 100,
        height: 20,
        text: `{{${' '.repeat(2000)}`,
      })),
    };
    const started = Date.now();
    const answer = await sut.call('POST', '/credential-templates', {
      body: { name: `slow ${tag()}`, type: 'Certificate', appliesTo: 'course', layout },
    });
    expect(answer.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('API key names and the actor in history', () => {
  it('refuses a duplicate name (ignoring case) with a 409, and names the system writes with a 400', async () => {
    const name = `Unique client ${tag()}`;
    await keyFor('viewer', name);
    const again = await sut.call('POST', '/api-keys', { body: { name: name.toUpperCase(), role: 'viewer' } });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('already exists');
    for (const reserved of ['workflow', 'data-fix', 'System', 'ADMIN_API_KEY', ' resend ']) {
      const refused = await sut.call('POST', '/api-keys', { body: { name: reserved, role: 'admin' } });
      expect([reserved, refused.status, refused.body.details?.[0]?.field]).toEqual([reserved, 400, 'name']);
    }
  });

  it('records the acting key’s id beside its name, and none for the system', async () => {
    const issuer = await keyFor('issuer');
    const { enrolments } = await courseWithLearners(sut, [['Actor', `Id${tag()}`]]);
    const requested = await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
      key: issuer.key,
      body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
    });
    expect(requested.status).toBe(202);
    const generated = await eventually(async () => {
      const { body } = await sut.call('GET', `/credentials/${requested.body.id}`);
      return body.status === 'Generated' ? body : undefined;
    });
    const regenerated = await sut.call('POST', `/credentials/${generated.id}/regenerate`, { key: issuer.key });
    const history = regenerated.body.history as Array<{ event: string; actor: string; actorKeyId: string | null }>;
    const byEvent = (event: string) => history.find((e) => e.event === event)!;
    expect(byEvent('Requested')).toMatchObject({ actor: expect.stringMatching(/^issuer /), actorKeyId: issuer.id });
    expect(byEvent('RegenerationStarted')).toMatchObject({ actorKeyId: issuer.id });
    expect(byEvent('GenerationStarted')).toMatchObject({ actor: 'workflow', actorKeyId: null });
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
