import { createHash } from 'node:crypto';
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
      rtoCode: '91234',
      issuingOfficer: null,
      cancelledOn: null,
      replacedBy: null,
      verificationUrl: credential.verificationUrl,
      openBadgeUrl: `${credential.verificationUrl}/open-badge.json`,
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

  it('answers replaced only once the replacement is issued, with a link to it', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Ingrid', 'Solberg']]);
    const original = await generated(enrolments[0].id);
    expect((await sut.call('POST', `/credentials/${original.id}/issue`)).status).toBe(200);
    expect(
      (await sut.call('POST', `/credentials/${original.id}/cancel`, { body: { reason: 'Name misspelt' } })).status,
    ).toBe(200);
    const replacement = await generated(enrolments[0].id);
    await sql('update credential set replaces_id = $1 where id = $2', [original.id, replacement.id]);

    // A replacement that is only Generated replaces nothing yet: the original says what it is, cancelled.
    expect((await verify(codeOf(original))).body).toMatchObject({ status: 'cancelled', replacedBy: null });
    expect((await verify(codeOf(replacement))).status).toBe(404);
    expect((await sut.call('POST', `/credentials/${replacement.id}/issue`)).status).toBe(200);
    expect((await verify(codeOf(original))).body).toMatchObject({
      status: 'replaced',
      number: original.number,
      replacedBy: replacement.verificationUrl,
    });
    expect((await verify(codeOf(replacement))).body).toMatchObject({ status: 'valid', number: replacement.number });
  });

  it('a dead replacement (deleted before issue) does not make the original replaced', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Dmitri', 'Volkov']]);
    const original = await generated(enrolments[0].id);
    expect((await sut.call('POST', `/credentials/${original.id}/issue`)).status).toBe(200);
    const [replacement] = await sql(
      `insert into credential (id, created_at, updated_at, number, verification_code, status, type, template_id,
         template_version, learner_id, course_enrolment_id, credential_date, replaces_id, deleted_at)
       select gen_random_uuid(), now(), now(), number || '-R', 'REPLACEMENT' || substr(verification_code, 12), 'Generated',
         type, template_id, template_version, learner_id, course_enrolment_id, credential_date, id, now()
         from credential where id = $1 returning id`,
      [original.id],
    );
    expect(replacement!.id).toEqual(expect.any(String));
    expect((await verify(codeOf(original))).body).toMatchObject({ status: 'valid', replacedBy: null });
  });

  it('answers 404 for an unknown or malformed code', async () => {
    const unknown = await verify('ABCDEFGHJKLMNPQRSTUV');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/No issued credential has this verification code/);
    expect((await verify('not-a-code')).status).toBe(404);
  });
});

describe('GET /verify/:code for people (text/html)', () => {
  const page = (code: string) =>
    fetch(`${sut.url}/verify/${code}`, {
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    });

  it('answers an accessible page that needs no script, with the status in words and a PDF check', async () => {
    const officer = (await sut.call('POST', '/issuing-officers', { body: { name: 'Priya Raman', position: 'CEO' } }))
      .body.id;
    const { enrolments } = await courseWithLearners(sut, [['Siosaia', 'Taufa']], 'Traffic Control');
    const request = await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
      body: { templateId: certificateOfCompletion, credentialDate: '2026-11-18', issuingOfficerId: officer },
    });
    const credential = await eventually(async () => {
      const { body } = await sut.call('GET', `/credentials/${request.body.id}`);
      return body.status === 'Generated' ? body : undefined;
    });
    expect((await sut.call('POST', `/credentials/${credential.id}/issue`)).status).toBe(200);

    const answer = await page(codeOf(credential));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.headers.get('vary')).toMatch(/accept/i);
    const html = await answer.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('name="viewport"');
    expect(html).toMatch(/<strong>[^<]*Valid<\/strong>/); // the status in words, not colour alone
    for (const text of [
      'Siosaia Taufa',
      'Certificate of Completion: Traffic Control',
      credential.number,
      '18 November 2026',
      'Test Training Institute (RTO 91234)',
      'Priya Raman, CEO',
      credential.document.sha256,
      'Download Open Badge',
      `/verify/${codeOf(credential)}/open-badge.json`,
    ])
      expect(html).toContain(text);
    const linkedIn = /href="(https:\/\/www\.linkedin\.com\/profile\/add\?[^"]+)"/
      .exec(html)![1]!
      .replace(/&amp;/g, '&');
    const params = new URL(linkedIn).searchParams;
    expect(Object.fromEntries(params)).toMatchObject({
      startTask: 'CERTIFICATION_NAME',
      name: 'Certificate of Completion: Traffic Control',
      organizationName: 'Test Training Institute',
      issueYear: '2026',
      issueMonth: '11',
      certUrl: credential.verificationUrl,
      certId: credential.number,
    });
    // The file check is hidden until the page's own script (allowed by its hash, nothing else) shows it.
    expect(html).toMatch(/<section id="check"[^>]* hidden/);
    const csp = answer.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(csp).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(script).toContain("crypto.subtle.digest('SHA-256'");
    expect(script).not.toMatch(/fetch|XMLHttpRequest|sendBeacon/); // nothing leaves the browser
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');

    const [learner] = await sql('select email, date_of_birth::text as dob from learner where id = $1', [
      credential.learner.id,
    ]);
    expect(html).not.toContain(learner!.email);
    expect(html).not.toContain(learner!.dob);
    expect(html).not.toContain('17 May 1990');

    // JSON stays for API clients.
    const json = await fetch(`${sut.url}/verify/${codeOf(credential)}`, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).toMatch(/json/);
    expect((await json.json()).status).toBe('valid');
  });

  it('says cancelled with the date, and a browser gets a 404 page for an unknown code', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Alinta', 'Moore']]);
    const credential = await generated(enrolments[0].id);
    expect((await sut.call('POST', `/credentials/${credential.id}/issue`)).status).toBe(200);
    expect(
      (await sut.call('POST', `/credentials/${credential.id}/cancel`, { body: { reason: 'Issued in error' } })).status,
    ).toBe(200);
    const html = await (await page(codeOf(credential))).text();
    expect(html).toMatch(/Cancelled on \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(html).not.toContain('linkedin.com');
    expect(html).not.toContain('Download Open Badge');

    const unknown = await page('ABCDEFGHJKLMNPQRSTUV');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('No issued credential has this verification code');
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
