import { startSystem, type RunningSystem } from '../support/system';
import { sql } from '../support/db';

let sut: RunningSystem;

beforeAll(async () => {
  sut = await startSystem();
});

afterAll(async () => {
  await sut?.stop();
});

describe('API keys and roles', () => {
  it('answers 401 without a key or with an unknown one, naming the problem', async () => {
    const missing = await sut.call('GET', '/learners', { key: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.stringContaining('Authorization: Bearer'),
    });
    const unknown = await sut.call('GET', '/learners', { key: 'ce_not-a-real-key' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toMatch(/Unknown or revoked/);
  });

  it('creates a key shown once, stores only its hash, and lists keys without secrets', async () => {
    const created = await sut.call('POST', '/api-keys', { body: { name: 'SMS sync', role: 'requester' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'SMS sync', role: 'requester', key: expect.stringMatching(/^ce_/) });
    const [row] = await sql('select key_hash from api_key where id = $1', [created.body.id]);
    expect(row!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await sql('select * from api_key'))).not.toContain(created.body.key);

    const list = await sut.call('GET', '/api-keys');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 50, total: expect.any(Number) });
    const listed = list.body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(listed).toEqual({ id: created.body.id, name: 'SMS sync', role: 'requester', createdAt: expect.any(String) });
  });

  it('lets each role do what it may and answers 403 above it', async () => {
    const keyFor = async (role: string) =>
      (await sut.call('POST', '/api-keys', { body: { name: `${role} key`, role } })).body.key as string;
    const viewer = await keyFor('viewer');
    const requester = await keyFor('requester');
    const issuer = await keyFor('issuer');

    expect((await sut.call('GET', '/learners', { key: viewer })).status).toBe(200);
    const learner = { givenName: 'Role', familyName: 'Check', dateOfBirth: '1990-01-01', email: 'role@example.com' };
    const denied = await sut.call('POST', '/learners', { key: viewer, body: learner });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toBe('This needs the requester role or higher; this API key has the viewer role');
    expect((await sut.call('POST', '/learners', { key: requester, body: learner })).status).toBe(201);
    expect((await sut.call('POST', '/learners', { key: issuer, body: learner })).status).toBe(201);
    expect((await sut.call('GET', '/api-keys', { key: issuer })).status).toBe(403);
    expect((await sut.call('POST', '/api-keys', { key: requester, body: { name: 'x', role: 'admin' } })).status).toBe(
      403,
    );
    expect((await sut.call('PUT', '/organisation', { key: issuer, body: { name: 'X', rtoCode: '1' } })).status).toBe(
      403,
    );
  });

  it('tells a key who it is (GET /me): name, role and key id, the ADMIN_API_KEY by the name history gives it', async () => {
    const created = (await sut.call('POST', '/api-keys', { body: { name: 'console viewer', role: 'viewer' } })).body;
    const me = await sut.call('GET', '/me', { key: created.key });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ name: 'console viewer', role: 'viewer', keyId: created.id });
    expect((await sut.call('GET', '/me')).body).toEqual({ name: 'ADMIN_API_KEY', role: 'admin', keyId: null });
    expect((await sut.call('GET', '/me', { key: null })).status).toBe(401);
  });

  it('revokes a key: it stops working at once and leaves the list', async () => {
    const created = (await sut.call('POST', '/api-keys', { body: { name: 'temporary', role: 'viewer' } })).body;
    expect((await sut.call('GET', '/learners', { key: created.key })).status).toBe(200);
    expect((await sut.call('DELETE', `/api-keys/${created.id}`)).status).toBe(204);
    expect((await sut.call('GET', '/learners', { key: created.key })).status).toBe(401);
    const list = await sut.call('GET', '/api-keys?pageSize=500');
    expect(list.body.items.map((k: { id: string }) => k.id)).not.toContain(created.id);
    expect((await sut.call('DELETE', `/api-keys/${created.id}`)).status).toBe(404);
  });

  it('refuses a bad key request with every bad field named', async () => {
    const bad = await sut.call('POST', '/api-keys', { body: { role: 'superuser' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['name', 'role']);
    expect(bad.body.message).toContain('role must be one of viewer, requester, issuer, admin');
  });

  it('serves Prometheus metrics to a viewer', async () => {
    const viewer = (await sut.call('POST', '/api-keys', { body: { name: 'prometheus', role: 'viewer' } })).body.key;
    expect((await sut.call('GET', '/metrics', { key: null })).status).toBe(401);
    const metrics = await sut.call('GET', '/metrics', { key: viewer });
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.body).toMatch(/^http_requests_total\{method="GET",route="\/learners",status="200"\} \d+$/m);
    expect(metrics.body).toContain('# TYPE credentials gauge');
  });

  it('keeps /health and /docs public', async () => {
    expect((await sut.call('GET', '/health', { key: null })).body).toEqual({
      status: 'ok',
      database: 'up',
      temporal: 'up',
    });
    const docs = await sut.call('GET', '/docs-json', { key: null });
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/course-enrolments/{id}/credentials', '/credentials/{id}/document', '/api-keys']),
    );
    // The ops console's routes (docs/console-api.md).
    const operations = Object.entries(docs.body.paths as Record<string, object>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /me',
        'GET /course-offers/{id}/enrolments',
        'GET /credential-templates/{id}/versions',
        'POST /credential-templates/preview',
        'GET /bulk-runs',
        'POST /credentials/{id}/preview-link',
        'GET /overdue',
        'POST /practice/course-offers',
        'DELETE /course-offers/{id}',
      ]),
    );
  });
});
