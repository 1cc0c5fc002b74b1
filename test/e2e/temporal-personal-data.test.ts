import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { certificateOfCompletion, courseWithLearners, expectStatus, randomUsi, testamur } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';

let sut: RunningSystem;
let temporal: Client;

beforeAll(async () => {
  sut = await startSystem({ DATA_FIX_DEBOUNCE_SECONDS: '1' });
  temporal = new Client({ connection: await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! }) });
});

afterAll(async () => {
  await temporal?.connection.close();
  await sut?.stop();
});

/** Every string in a history, payloads decoded: what anyone who can read the namespace can read. */
function textOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('utf8'));
  else if (Array.isArray(value)) for (const item of value) textOf(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) textOf(item, out);
  return out;
}

async function everyHistoryAsText(): Promise<{ runs: number; text: string }> {
  const parts: string[] = [];
  let runs = 0;
  for await (const run of temporal.workflow.list()) {
    runs++;
    const history = await temporal.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
    parts.push(...textOf(history));
  }
  return { runs, text: parts.join('\n') };
}

const settled = (id: string, statuses: string[]) =>
  eventually(async () => {
    const { body } = await sut.call('GET', `/credentials/${id}`);
    return statuses.includes(body.status) ? body : undefined;
  }, 60_000);

describe('personal data in Temporal', () => {
  it("is nowhere in the namespace's histories after a whole lifecycle, as an auditor would check", async () => {
    const t = randomBytes(3).toString('hex').toUpperCase();
    const person = {
      givenName: `Zephyrine${t}`,
      middleName: `Orielle${t}`,
      familyName: `Quillfeather${t}`,
      dateOfBirth: '1987-03-14',
      email: `zephyrine.${t.toLowerCase()}@example.test`,
      usi: randomUsi(),
    };
    const otherAddress = `forwarded.${t.toLowerCase()}@example.test`;
    const cancelReason = `Superseded by the Marrakesh review ${t}`;
    const correctedFamilyName = `Ashdownby${t}`;
    const unprintableName = 'ሰላምታ'; // Ethiopic: no bundled font prints it, so its generation fails

    await sut.call('PUT', '/organisation', { body: { name: 'Audited Training', rtoCode: '45679' } });
    const [a, b] = [`P${t}A`, `P${t}B`];
    await sut.call('POST', '/units', { body: { units: [a, b].map((code) => ({ code, title: `Unit ${code}` })) } });
    const qualification = expectStatus(
      await sut.call('POST', '/qualifications', {
        body: {
          code: `AUD${t}`,
          title: `Certificate III in Auditing ${t}`,
          packagingRules: {
            totalUnits: 2,
            core: [a, b],
            electives: { count: 0, groups: [], listed: [], importedMax: 0 },
          },
        },
      }),
      201,
    );
    const learner = expectStatus(await sut.call('POST', '/learners', { body: person }), 201);
    const enrolment = expectStatus(
      await sut.call('POST', '/qualification-enrolments', {
        body: { learnerId: learner.id, qualificationId: qualification.id },
      }),
      201,
    );
    for (const unit of [a, b]) {
      await sut.call('PUT', `/qualification-enrolments/${enrolment.id}/unit-results/${unit}`, {
        body: { outcome: '20', date: '2026-11-01' },
      });
    }
    await eventually(async () => {
      const { body } = await sut.call('GET', `/qualification-enrolments/${enrolment.id}`);
      return body.status === 'Ready to be Requested' || undefined;
    }, 60_000);

    // Request, a refused issue (USI not verified), issue, email to another address, a data fix, a cancel.
    const requested = expectStatus(
      await sut.call('POST', `/qualification-enrolments/${enrolment.id}/credentials`, {
        body: { templateId: testamur, credentialDate: '2026-11-27' },
      }),
      202,
    );
    await settled(requested.id, ['Generated']);
    expect((await sut.call('POST', `/credentials/${requested.id}/issue`)).status).toBe(409);
    await sut.call('PATCH', `/learners/${learner.id}`, { body: { usiVerified: true } });
    expect((await sut.call('POST', `/credentials/${requested.id}/issue`)).status).toBe(200);
    expect((await sut.call('POST', `/credentials/${requested.id}/email`, { body: { to: otherAddress } })).status).toBe(
      202,
    );
    await eventually(async () => {
      const { body } = await sut.call('GET', `/credentials/${requested.id}`);
      return body.emailStatus === 'Sent' || undefined;
    }, 60_000);
    await sut.call('PATCH', `/learners/${learner.id}`, { body: { familyName: correctedFamilyName } });
    const replacement = await eventually(async () => {
      const { body } = await sut.call('GET', `/credentials/${requested.id}`);
      return body.replacedBy ?? undefined;
    }, 60_000);
    const replacementId = replacement as string;
    await settled(replacementId, ['Generated', 'Issued']);
    const cancelled = await sut.call('POST', `/credentials/${replacementId}/cancel`, {
      body: { reason: cancelReason },
    });
    expect(cancelled.status).toBe(200);

    // A generation that fails on the learner's name.
    const { enrolments } = await courseWithLearners(sut, [[unprintableName, `Family${t}`]]);
    const failed = expectStatus(
      await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
        body: { templateId: certificateOfCompletion, credentialDate: '2026-11-27' },
      }),
      202,
    );
    expect((await settled(failed.id, ['GenerationFailed'])).generationError).toContain('ሰ');

    // Wait for every run to finish (the data fix, emails), then read every history of the namespace.
    await eventually(async () => {
      for await (const _ of temporal.workflow.list({ query: 'ExecutionStatus = "Running"' })) return undefined;
      return true;
    }, 120_000);
    const { runs, text } = await everyHistoryAsText();
    expect(runs).toBeGreaterThan(5);
    const secrets = [
      person.givenName,
      person.middleName,
      person.familyName,
      correctedFamilyName,
      person.email,
      otherAddress,
      person.usi,
      person.dateOfBirth,
      cancelReason,
      ...unprintableName,
    ];
    expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
    // The histories do name the credentials, by number.
    expect(text).toContain((await sut.call('GET', `/credentials/${requested.id}`)).body.number);
  });
});
