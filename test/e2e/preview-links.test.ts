import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentLinkKey, signDocumentLink } from '../../apps/api/auth/document-links';
import { certificateOfCompletion, courseWithLearners, expectStatus } from '../support/fixtures';
import { pdfText } from '../support/pdf-text';
import { eventually, startSystem, type RunningSystem } from '../support/system';

let sut: RunningSystem;

beforeAll(async () => {
  sut = await startSystem();
});

afterAll(async () => {
  await sut?.stop();
});

/** A credential of the given learner, Generated (version 1), then regenerated when asked (version 2). */
async function generated(given: string, versions = 1): Promise<string> {
  const { enrolments } = await courseWithLearners(sut, [[given, 'Linked']]);
  const { id } = expectStatus(
    await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
      body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
    }),
    202,
  );
  for (let version = 1; version <= versions; version++) {
    if (version > 1) expectStatus(await sut.call('POST', `/credentials/${id}/regenerate`), 200);
    await eventually(async () => {
      const { body } = await sut.call('GET', `/credentials/${id}`);
      return body.status === 'Generated' && body.document?.version === version ? true : undefined;
    });
  }
  return id;
}

const keyFor = async (role: string) =>
  expectStatus(await sut.call('POST', '/api-keys', { body: { name: `links ${role} ${Math.random()}`, role } }), 201)
    .key as string;

describe('signed preview links', () => {
  it('open the PDF without an API key for five minutes, the newest version or the one asked for', async () => {
    const id = await generated('Ada', 2);
    const requester = await keyFor('requester');
    const before = Date.now();
    const link = await sut.call('POST', `/credentials/${id}/preview-link`, { key: requester, body: {} });
    expect(link.status).toBe(201);
    expect(link.body).toEqual({
      url: expect.stringMatching(
        new RegExp(`^/credentials/${id}/document\\?version=2&expires=\\d+&signature=[A-Za-z0-9_-]+$`),
      ),
      expiresAt: expect.any(String),
    });
    const expiresAt = Date.parse(link.body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 300_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 300_000);
    expect(Number(new URL(link.body.url, sut.url).searchParams.get('expires')) * 1000).toBe(expiresAt);

    const opened = await sut.call('GET', link.body.url, { key: null });
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toContain('application/pdf');
    expect(opened.headers.get('content-disposition')).toMatch(/^inline; .*-v2\.pdf"$/);
    expect(await pdfText(opened.bytes)).toContain('Ada Linked');

    const older = await sut.call('POST', `/credentials/${id}/preview-link`, { body: { version: 1 } });
    expect(older.status).toBe(201);
    const first = await sut.call('GET', older.body.url, { key: null });
    expect(first.headers.get('content-disposition')).toMatch(/-v1\.pdf"$/);
  });

  it('refuse a changed, incomplete or expired link with a 401 that says which, and every other route', async () => {
    const id = await generated('Bo');
    const other = await generated('Cy');
    const { url } = expectStatus(await sut.call('POST', `/credentials/${id}/preview-link`, { body: {} }), 201);
    const query = new URL(url, sut.url).searchParams;
    const refused = async (path: string, words: RegExp) => {
      const answer = await sut.call('GET', path, { key: null });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.stringMatching(words),
      });
    };
    const signature = query.get('signature')!;
    const expires = Number(query.get('expires'));
    await refused(`/credentials/${other}/document?${query}`, /signature does not match/);
    await refused(url.replace('version=1', 'version=2'), /signature does not match/);
    await refused(url.replace(`expires=${expires}`, `expires=${expires + 3600}`), /signature does not match/);
    await refused(url.replace(signature, `${signature.slice(0, -2)}AA`), /signature does not match/);
    await refused(`/credentials/${id}/document?signature=${signature}`, /link is incomplete/);
    await refused(`/credentials/${id}/document`, /Missing API key/);
    // A signature opens this document only: another route with it still needs a key.
    await refused(`/credentials/${id}?${query}`, /Missing API key/);

    // An expired link, signed with the deployment's secret (generated into DATA_DIR: no DOCUMENT_LINK_SECRET is set).
    const secret = readFileSync(join(sut.env.DATA_DIR!, 'document-link-secret'), 'utf8').trim();
    const past = Math.floor(Date.now() / 1000) - 1;
    const stale = signDocumentLink(documentLinkKey(secret), id, 1, past);
    await refused(`/credentials/${id}/document?version=1&expires=${past}&signature=${stale}`, /link expired at/);
    // The same link a little later still works: the derivation is the API's.
    const later = Math.floor(Date.now() / 1000) + 60;
    const fresh = signDocumentLink(documentLinkKey(secret), id, 1, later);
    expect(
      (
        await sut.call('GET', `/credentials/${id}/document?version=1&expires=${later}&signature=${fresh}`, {
          key: null,
        })
      ).status,
    ).toBe(200);
  });

  it('are made by requesters for documents that exist', async () => {
    const id = await generated('Di');
    const viewer = await keyFor('viewer');
    const denied = await sut.call('POST', `/credentials/${id}/preview-link`, { key: viewer, body: {} });
    expect(denied.status).toBe(403);
    const missingVersion = await sut.call('POST', `/credentials/${id}/preview-link`, { body: { version: 9 } });
    expect(missingVersion.status).toBe(404);
    expect(missingVersion.body.message).toMatch(/has no document version 9/);
    const unknown = await sut.call('POST', '/credentials/00000000-0000-4000-8000-00000000dead/preview-link', {
      body: {},
    });
    expect(unknown.status).toBe(404);
    expect((await sut.call('POST', `/credentials/${id}/preview-link`, { body: { version: 0 } })).status).toBe(400);
    const docs = (await sut.call('GET', '/docs-json')).body;
    expect(docs.paths['/credentials/{id}/preview-link'].post).toBeDefined();
  });

  it('work on every API process of a deployment: the secret is kept in the shared data dir', async () => {
    const id = await generated('Eve');
    const { url } = expectStatus(await sut.call('POST', `/credentials/${id}/preview-link`, { body: {} }), 201);
    const second = await startSystem({ DATA_DIR: sut.env.DATA_DIR });
    try {
      expect((await second.call('GET', url, { key: null })).status).toBe(200);
    } finally {
      await second.stop();
    }
    const elsewhere = await startSystem({ DOCUMENT_LINK_SECRET: 'another-deployment-secret-of-32-characters' });
    try {
      expect((await elsewhere.call('GET', url, { key: null })).status).toBe(401);
    } finally {
      await elsewhere.stop();
    }
  }, 120_000);
});
