import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { sql } from '../support/db';
import { FakeResend } from '../support/fake-resend';
import { certificateOfCompletion, courseWithLearners, expectStatus } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';
import { testPublicBaseUrl, verifyWithLibraries } from '../support/vc-verifier';
import { statusListLength } from '../../domain/open-badges/issuer';

// Not 1EdTech's own file (no package ships it): see test/fixtures/open-badges/README.md.
const schema = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/open-badges/achievement-credential.schema.json'), 'utf8'),
);
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validateSchema = ajv.compile(schema);
const schemaErrors = (credential: object) =>
  validateSchema(credential) ? [] : validateSchema.errors!.map((e) => `${e.instancePath} ${e.message}`);

const statementOfAttainment = '00000000-0000-4000-8000-000000000002';

let fake: FakeResend;
let sut: RunningSystem;

beforeAll(async () => {
  fake = await FakeResend.start();
  sut = await startSystem({
    PUBLIC_BASE_URL: testPublicBaseUrl,
    VERIFY_RATE_PER_MINUTE: '1000',
    RESEND_API_KEY: fake.apiKey,
    RESEND_BASE_URL: fake.url,
    RESEND_FROM: 'Certs <certs@example.edu.au>',
  });
});

afterAll(async () => {
  await sut?.stop();
  await fake?.stop();
});

async function issued(system: RunningSystem, given = 'Aroha', family = `Badge${randomBytes(2).toString('hex')}`) {
  const { enrolments } = await courseWithLearners(system, [[given, family]], 'Working Safely at Heights');
  const { id } = expectStatus(
    await system.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
      body: { templateId: certificateOfCompletion, credentialDate: '2026-11-18' },
    }),
    202,
  );
  await eventually(
    async () => (await system.call('GET', `/credentials/${id}`)).body.status === 'Generated' || undefined,
  );
  expectStatus(await system.call('POST', `/credentials/${id}/issue`), 200);
  return (await system.call('GET', `/credentials/${id}`)).body;
}

const badgeOf = (system: RunningSystem, id: string) =>
  eventually(async () => {
    const answer = await system.call('GET', `/credentials/${id}/open-badge`);
    return answer.status === 200 ? answer.body : undefined;
  });

describe('Open Badges 3.0', () => {
  it('signs an issued credential once, to the OB 3.0 schema, verified by an independent library', async () => {
    const credential = await issued(sut);
    const badge = await badgeOf(sut, credential.id);

    expect(schemaErrors(badge)).toEqual([]);
    expect(badge['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(badge.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(badge.id).toBe(credential.verificationUrl);
    expect(badge.name).toBe('Certificate of Completion: Working Safely at Heights');
    expect(badge.validFrom).toBe('2026-11-18T00:00:00Z');
    expect(badge.issuer).toMatchObject({
      id: 'did:web:certs.example.test',
      type: ['Profile'],
      name: 'Test Training Institute',
      otherIdentifier: [{ type: 'IdentifierEntry', identifier: '91234', identifierType: 'identifier' }],
    });
    expect(badge.credentialSubject.achievement).toMatchObject({
      type: ['Achievement'],
      achievementType: 'CertificateOfCompletion',
      name: 'Working Safely at Heights',
      criteria: { narrative: expect.stringContaining('Working Safely at Heights') },
    });
    expect(badge.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListCredential: `${testPublicBaseUrl}/status-lists/1`,
    });
    expect(badge.proof).toEqual([
      expect.objectContaining({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' }),
    ]);

    // The learner: named for display, identified by a salted hash of the email, nothing else personal.
    const [learner] = await sql('select email, date_of_birth::text as dob from learner where id = $1', [
      credential.learner.id,
    ]);
    const [identity] = badge.credentialSubject.identifier;
    expect(identity).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true });
    expect(identity.identityHash).toBe(
      `sha256$${createHash('sha256')
        .update(learner!.email + identity.salt)
        .digest('hex')}`,
    );
    expect(badge.credentialSubject.name).toBe(credential.learner.fullName);
    const text = JSON.stringify(badge);
    expect(text).not.toContain(learner!.email);
    expect(text).not.toContain(learner!.dob);

    const result = await verifyWithLibraries(sut.url, badge);
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
    expect(result.statusResult.results[0].status).toBe(false); // not revoked

    // Public for the holder, and the same document.
    const code = credential.verificationUrl.split('/verify/')[1];
    const download = await sut.call('GET', `/verify/${code}/open-badge.json`, { key: null });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(`open-badge-${credential.number}.json`);
    expect(download.body).toEqual(badge);

    // Signed once, at issue, by the workflow.
    expect(await sql('select count(*)::int as n from open_badge where credential_id = $1', [credential.id])).toEqual([
      { n: 1 },
    ]);
    const history = (await sut.call('GET', `/credentials/${credential.id}`)).body.history;
    expect(history.filter((e: { event: string }) => e.event === 'OpenBadgeSigned')).toHaveLength(1);
  }, 180_000);

  it('fails verification when anything signed is changed', async () => {
    const credential = await issued(sut);
    const badge = await badgeOf(sut, credential.id);
    const tampered = structuredClone(badge);
    tampered.credentialSubject.name = 'Someone Else';
    expect((await verifyWithLibraries(sut.url, tampered)).verified).toBe(false);
    const redated = structuredClone(badge);
    redated.validFrom = '2020-01-01T00:00:00Z';
    expect((await verifyWithLibraries(sut.url, redated)).verified).toBe(false);
  });

  it('a cancelled credential verifies as revoked through the signed status list, and is no longer public', async () => {
    const credential = await issued(sut);
    const badge = await badgeOf(sut, credential.id);
    expectStatus(
      await sut.call('POST', `/credentials/${credential.id}/cancel`, { body: { reason: 'Issued in error' } }),
      200,
    );
    const result = await verifyWithLibraries(sut.url, badge);
    expect(result.verified).toBe(true); // the signature still holds ...
    expect(result.statusResult.verified).toBe(true); // ... the signed status list too ...
    expect(result.statusResult.results[0].status).toBe(true); // ... and the revocation bit is set.

    const list = await sut.call('GET', '/status-lists/1', { key: null });
    expect(list.status).toBe(200);
    expect(list.body.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.body.credentialSubject.statusPurpose).toBe('revocation');

    const code = credential.verificationUrl.split('/verify/')[1];
    expect((await sut.call('GET', `/verify/${code}/open-badge.json`, { key: null })).status).toBe(404);
    // Still there for API clients, with what it always said.
    expect((await sut.call('GET', `/credentials/${credential.id}/open-badge`)).body).toEqual(badge);
  });

  it('grows the status lists from a count of signings kept as it goes: past half, badges spread over more lists', async () => {
    // As if a list and a half of badges were signed before: four lists now, so three badges in four land past the
    // first. Put back afterwards for the tests that expect list 1.
    await sql(`select setval('open_badge_signings', $1, false)`, [1 + 3 * (statusListLength / 2)]);
    try {
      const credentials = await Promise.all(Array.from({ length: 6 }, () => issued(sut)));
      const badges = await Promise.all(credentials.map((credential) => badgeOf(sut, credential.id)));
      const lists = badges.map((badge) => Number(badge.credentialStatus.statusListCredential.split('/').pop()));
      expect(lists.every((list) => list >= 1 && list <= 4)).toBe(true);
      expect(Math.max(...lists)).toBeGreaterThan(1); // all six in the first list: 1 in 4,096
      // A badge past the first list is revoked through its own list.
      const later = lists.findIndex((list) => list > 1);
      expectStatus(
        await sut.call('POST', `/credentials/${credentials[later].id}/cancel`, { body: { reason: 'Issued in error' } }),
        200,
      );
      const result = await verifyWithLibraries(sut.url, badges[later]);
      expect(result.verified).toBe(true);
      expect(result.statusResult.results[0].status).toBe(true);
    } finally {
      await sql(`select setval('open_badge_signings', (select count(*) from open_badge) + 1, false)`);
    }
  }, 180_000);

  it('attaches the badge to the credential email beside the PDF', async () => {
    const credential = await issued(sut);
    const badge = await badgeOf(sut, credential.id);
    expect((await sut.call('POST', `/credentials/${credential.id}/email`, { body: {} })).status).toBe(202);
    const sent = await eventually(
      async () => fake.messages.find((m) => m.idempotencyKey?.startsWith(`credential-${credential.id}-`)),
      90_000,
      'the email',
    );
    expect(sent.attachments.map((a) => a.filename)).toEqual([
      expect.stringMatching(/\.pdf$/),
      expect.stringMatching(/-open-badge\.json$/),
    ]);
    expect(JSON.parse(sent.attachments[1]!.content.toString('utf8'))).toEqual(badge);
  }, 180_000);

  it('signs statements of attainment with their units as alignments and results', async () => {
    await sut.call('PUT', '/organisation', { body: { name: 'Test Training Institute', rtoCode: '91234' } });
    const t = randomBytes(3).toString('hex').toUpperCase();
    const [a, b, c] = ['CORE1', 'CORE2', 'ELEC1'].map((u) => `B${t}${u}`);
    await sut.call('POST', '/units', { body: { units: [a, b, c].map((code) => ({ code, title: `Unit ${code}` })) } });
    const qualification = expectStatus(
      await sut.call('POST', '/qualifications', {
        body: {
          code: `BDG${t}`,
          title: `Diploma of Badging ${t}`,
          packagingRules: { totalUnits: 3, core: [a, b], electives: { count: 1, groups: [], listed: [c] } },
        },
      }),
      201,
    );
    const learner = expectStatus(
      await sut.call('POST', '/learners', {
        body: {
          givenName: 'Mere',
          familyName: `Units${t}`,
          dateOfBirth: '1994-04-04',
          email: `m${t.toLowerCase()}@example.com`,
          usiExempt: true,
        },
      }),
      201,
    );
    const enrolment = expectStatus(
      await sut.call('POST', '/qualification-enrolments', {
        body: { learnerId: learner.id, qualificationId: qualification.id },
      }),
      201,
    );
    await sut.call('PUT', `/qualification-enrolments/${enrolment.id}/unit-results/${a}`, {
      body: { outcome: '20', date: '2026-10-01' },
    });
    await sut.call('PUT', `/qualification-enrolments/${enrolment.id}/unit-results/${b}`, {
      body: { outcome: '30', date: '2026-10-02' },
    });
    const { id } = expectStatus(
      await sut.call('POST', `/qualification-enrolments/${enrolment.id}/credentials`, {
        body: { templateId: statementOfAttainment, credentialDate: '2026-11-18' },
      }),
      202,
    );
    await eventually(
      async () => (await sut.call('GET', `/credentials/${id}`)).body.status === 'Generated' || undefined,
    );
    expectStatus(await sut.call('POST', `/credentials/${id}/issue`), 200);
    const badge = await badgeOf(sut, id);
    expect(schemaErrors(badge)).toEqual([]);
    const { achievement, result } = badge.credentialSubject;
    expect(achievement.alignment).toEqual([
      expect.objectContaining({ targetCode: a, targetName: `${a} Unit ${a}`, targetType: 'ceasn:Competency' }),
    ]);
    expect(result).toEqual([expect.objectContaining({ status: 'Completed', value: expect.stringMatching(/^20 /) })]);
    expect((await verifyWithLibraries(sut.url, badge)).verified).toBe(true);
  });
});

describe('key rotation', () => {
  it('a credential signed before the key changed still verifies; the DID document lists both keys', async () => {
    const credential = await issued(sut);
    const before = await badgeOf(sut, credential.id);
    await sut.stop();

    // The same public address, a new configured key.
    sut = await startSystem({
      PUBLIC_BASE_URL: testPublicBaseUrl,
      VERIFY_RATE_PER_MINUTE: '1000',
      CREDENTIAL_SIGNING_KEY: randomBytes(32).toString('hex'),
    });
    const after = await badgeOf(sut, (await issued(sut)).id);
    expect(after.proof[0].verificationMethod).not.toBe(before.proof[0].verificationMethod);

    const did = (await sut.call('GET', '/.well-known/did.json', { key: null })).body;
    const methods = did.verificationMethod.map((m: { id: string }) => m.id);
    expect(methods).toEqual(
      expect.arrayContaining([before.proof[0].verificationMethod, after.proof[0].verificationMethod]),
    );
    expect(did.assertionMethod).toEqual(expect.arrayContaining(methods));
    expect(JSON.stringify(did)).not.toMatch(/secretKey/);

    expect((await verifyWithLibraries(sut.url, before)).verified).toBe(true);
    expect((await verifyWithLibraries(sut.url, after)).verified).toBe(true);
  }, 180_000);

  it('refuses a malformed CREDENTIAL_SIGNING_KEY at start', async () => {
    await expect(startSystem({ CREDENTIAL_SIGNING_KEY: 'not-a-key' })).rejects.toThrow(
      /CREDENTIAL_SIGNING_KEY must be an Ed25519 key/,
    );
  });
});
