import { sql } from '../support/db';
import { certificateOfCompletion, courseWithLearners, expectStatus } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';

let sut: RunningSystem;

beforeAll(async () => {
  sut = await startSystem({ VERIFY_RATE_PER_MINUTE: '1000' });
});

afterAll(async () => {
  await sut?.stop();
});

async function generated(enrolmentId: string) {
  const { id } = expectStatus(
    await sut.call('POST', `/course-enrolments/${enrolmentId}/credentials`, {
      body: { templateId: certificateOfCompletion, credentialDate: '2026-11-18' },
    }),
    202,
  );
  return eventually(
    async () => {
      const { body } = await sut.call('GET', `/credentials/${id}`);
      return body.status === 'Generated' ? body : undefined;
    },
    60_000,
    `credential ${id} to be generated`,
  );
}

const codeOf = (credential: { verificationUrl: string }) => credential.verificationUrl.split('/verify/')[1]!;
const verify = (code: string) => sut.call('GET', `/verify/${code}`, { key: null });

describe('GET /verify/:code', () => {
  it('answers valid for an issued credential, publicly, with the minimum and nothing personal beyond the name', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Marguerite', 'Okafor']], 'Confined Space Entry');
    const credential = await generated(enrolments[0].id);
    expect(credential.verificationUrl).toMatch(/\/verify\/[A-Z2-9]{20}$/);
    expect((await verify(codeOf(credential))).status).toBe(404); // not issued yet: nothing to vouch for

    expect((await sut.call('POST', `/credentials/${credential.id}/issue`)).status).toBe(200);
    const answer = await verify(codeOf(credential));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: 'valid',
      number: credential.number,
      learnerName: 'Marguerite Okafor',
      title: 'Certificate of Completion: Confined Space Entry',
      credentialDate: '2026-11-18',
      organisation: 'Test Training Institute',
      sha256: credential.document.sha256,
    });
    const [learner] = await sql('select email, date_of_birth::text as dob from learner where id = $1', [
      credential.learner.id,
    ]);
    expect(answer.bytes.toString()).not.toContain(learner!.email);
    expect(answer.bytes.toString()).not.toContain(learner!.dob);
    // Typed from paper in lower case, it still verifies.
    expect((await verify(codeOf(credential).toLowerCase())).body.status).toBe('valid');
  });

  it('answers cancelled for an issued credential that was cancelled', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Tane', 'Walker']]);
    const credential = await generated(enrolments[0].id);
    expect((await sut.call('POST', `/credentials/${credential.id}/issue`)).status).toBe(200);
    expect(
      (await sut.call('POST', `/credentials/${credential.id}/cancel`, { body: { reason: 'Issued in error' } })).status,
    ).toBe(200);
    const answer = await verify(codeOf(credential));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'cancelled', number: credential.number, learnerName: 'Tane Walker' });
  });

  it('answers replaced for a credential another one replaces, and valid for the replacement once issued', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Ingrid', 'Solberg']]);
    const original = await generated(enrolments[0].id);
    expect((await sut.call('POST', `/credentials/${original.id}/issue`)).status).toBe(200);
    expect(
      (await sut.call('POST', `/credentials/${original.id}/cancel`, { body: { reason: 'Name misspelt' } })).status,
    ).toBe(200);
    const replacement = await generated(enrolments[0].id);
    await sql('update credential set replaces_id = $1 where id = $2', [original.id, replacement.id]);

    expect((await verify(codeOf(original))).body).toMatchObject({ status: 'replaced', number: original.number });
    expect((await verify(codeOf(replacement))).status).toBe(404);
    expect((await sut.call('POST', `/credentials/${replacement.id}/issue`)).status).toBe(200);
    expect((await verify(codeOf(replacement))).body).toMatchObject({ status: 'valid', number: replacement.number });
  });

  it('answers 404 for an unknown or malformed code', async () => {
    const unknown = await verify('ABCDEFGHJKLMNPQRSTUV');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/No issued credential has this verification code/);
    expect((await verify('not-a-code')).status).toBe(404);
  });
});

describe('GET /verify/:code rate limit', () => {
  let limited: RunningSystem;

  beforeAll(async () => {
    limited = await startSystem({ VERIFY_RATE_PER_MINUTE: '3' });
  });

  afterAll(async () => {
    await limited?.stop();
  });

  it('answers 429 with Retry-After after the per-minute limit from one address', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await limited.call('GET', '/verify/ABCDEFGHJKLMNPQRSTUV', { key: null })).status);
    expect(statuses).toEqual([404, 404, 404]);
    const refused = await limited.call('GET', '/verify/ABCDEFGHJKLMNPQRSTUV', { key: null });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(refused.body.message).toMatch(
      /Too many verification requests from your address: at most 3 a minute\. Try again in \d+ seconds/,
    );
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Only verification is limited.
    expect((await limited.call('GET', '/health', { key: null })).status).toBe(200);
  });
});
