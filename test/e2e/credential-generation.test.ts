import { Client, Connection } from '@temporalio/client';
import { runFailure } from '../support/temporal';
import { sql } from '../support/db';
import { credentialNumberSql } from '../../domain/credentials/numbering';
import { certificateOfCompletion, courseWithLearners, expectStatus, testamur } from '../support/fixtures';
import { pdfInfo, pdfText } from '../support/pdf-text';
import { eventually, startSystem, type RunningSystem } from '../support/system';

let sut: RunningSystem;
let temporal: Client;

beforeAll(async () => {
  sut = await startSystem();
  temporal = new Client({ connection: await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! }) });
});

afterAll(async () => {
  await temporal?.connection.close();
  await sut?.stop();
});

async function settled(id: string) {
  return eventually(
    async () => {
      const { body } = await sut.call('GET', `/credentials/${id}`);
      return ['Generated', 'GenerationFailed'].includes(body.status) ? body : undefined;
    },
    60_000,
    `credential ${id} to finish generating`,
  );
}

async function credentialStatusAttribute(workflowId: string): Promise<unknown> {
  const description = await temporal.workflow.getHandle(workflowId).describe();
  return description.searchAttributes.CredentialStatus;
}

describe('one credential from HTTP request to PDF', () => {
  it('requests, generates and serves a certificate of completion naming the learner and the course', async () => {
    const { enrolments } = await courseWithLearners(
      sut,
      [['Mary-Jane', "O'Connor"]],
      'Advanced Resuscitation Techniques',
    );
    const officer = expectStatus(
      await sut.call('POST', '/issuing-officers', { body: { name: 'Pat Signer', position: 'CEO' } }),
      201,
    );

    const request = await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
      body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20', issuingOfficerId: officer.id },
    });
    expect(request.status).toBe(202);
    expect(request.body).toMatchObject({ status: 'Requested', workflowId: `credential-${request.body.id}` });
    expect(request.body.number).toMatch(/^\d{4}-\d{6}$/);

    const credential = await settled(request.body.id);
    expect(credential.status).toBe('Generated');
    expect(credential.document).toMatchObject({
      version: 1,
      bytes: expect.any(Number),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(credential.history.map((e: { event: string }) => e.event)).toEqual([
      'Requested',
      'GenerationStarted',
      'Generated',
    ]);
    expect(credential.learner.fullName).toBe("Mary-Jane O'Connor");

    const document = await sut.call('GET', `/credentials/${request.body.id}/document`);
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toContain('application/pdf');
    expect(document.headers.get('content-disposition')).toMatch(/^inline;/);
    const text = await pdfText(document.bytes);
    expect(text).toContain("Mary-Jane O'Connor");
    expect(text).toContain('Advanced Resuscitation Techniques');
    expect(text).toContain(credential.number);
    expect(text).toContain('Pat Signer');
    expect(text).toContain('20 November 2026');
    expect(text).toContain('31 October 2026');
    expect((await pdfInfo(document.bytes)).info).toMatchObject({
      Author: 'Test Training Institute',
      Subject: credential.number,
    });

    const stored = await sql(
      'select count(*)::int as n, min(sha256) as sha from document_version where credential_id = $1',
      [request.body.id],
    );
    expect(stored[0]).toEqual({ n: 1, sha: credential.document.sha256 });
    expect(await credentialStatusAttribute(request.body.workflowId)).toEqual(['Generated']);
    // The Temporal UI lists the run by its number and template, never by the learner.
    const described = await temporal.workflow.getHandle(request.body.workflowId).describe();
    expect(await described.staticSummary()).toBe(`Credential ${credential.number} · Certificate of Completion`);
    expect(described.status.name).toBe('COMPLETED');

    const download = await sut.call('GET', `/credentials/${request.body.id}/document?download=1`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('ends GenerationFailed with the reason, in the API and in the Temporal UI, when rendering fails', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Broken', 'Logo']]);
    // A logo that passed the API's checks once but is damaged now (truncated in storage): the renderer must refuse it
    // rather than print a credential without it.
    const png = Buffer.concat([
      Buffer.from('89504e470d0a1a0a', 'hex'), // signature
      Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'), // IHDR 1x1 RGBA
      Buffer.from('0000006449444154789c', 'hex'), // IDAT announcing 100 bytes, cut off after 2
    ]);
    await sql('update organisation set logo_png = $1', [png]);
    try {
      const request = await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
        body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
      });
      expect(request.status).toBe(202);
      const credential = await settled(request.body.id);
      expect(credential.status).toBe('GenerationFailed');
      expect(credential.generationError).toMatch(/organisation logo is a truncated PNG/);
      expect(credential.document).toBeNull();
      expect(credential.history.at(-1)).toMatchObject({
        event: 'GenerationFailed',
        detail: { message: credential.generationError },
      });
      await eventually(
        async () =>
          ((await credentialStatusAttribute(request.body.workflowId)) as string[])?.[0] === 'GenerationFailed' ||
          undefined,
      );
      // Red in the Temporal UI's list: the run failed, and its failure says why.
      const failure = await runFailure(temporal, request.body.workflowId);
      expect(failure).toMatchObject({
        type: 'GenerationFailed',
        message: `Credential ${credential.number}: ${credential.generationError}`,
      });
      expect((await temporal.workflow.getHandle(request.body.workflowId).describe()).status.name).toBe('FAILED');
      const pdf = await sut.call('GET', `/credentials/${request.body.id}/document`);
      expect(pdf.status).toBe(404);
      expect(pdf.body.message).toMatch(/no document yet \(status GenerationFailed\)/);
    } finally {
      await sql('update organisation set logo_png = null');
    }
  });

  it('refuses a second active credential from the same template for one enrolment', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Twice', 'Asked']]);
    const path = `/course-enrolments/${enrolments[0].id}/credentials`;
    const body = { templateId: certificateOfCompletion, credentialDate: '2026-11-20' };
    const first = await sut.call('POST', path, { body });
    const second = await sut.call('POST', path, { body });
    expect(first.status).toBe(202);
    expect(second.status).toBe(409);
    expect(second.body.message).toContain(first.body.number);
    expect(
      await sql('select count(*)::int as n from credential where course_enrolment_id = $1', [enrolments[0].id]),
    ).toEqual([{ n: 1 }]);
  });

  it('makes one credential when the same request arrives many times at once, and answers the rest 409 naming it', async () => {
    const { enrolments } = await courseWithLearners(sut, [['All', 'AtOnce']]);
    const path = `/course-enrolments/${enrolments[0].id}/credentials`;
    const body = { templateId: certificateOfCompletion, credentialDate: '2026-11-20' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => sut.call('POST', path, { body })));
    const accepted = answers.filter((a) => a.status === 202);
    expect(accepted).toHaveLength(1);
    for (const refused of answers.filter((a) => a.status !== 202)) {
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain(accepted[0]!.body.number);
    }
    expect(
      await sql('select count(*)::int as n from credential where course_enrolment_id = $1', [enrolments[0].id]),
    ).toEqual([{ n: 1 }]);
    expect(
      await sql(
        `select count(*)::int as n from credential_event e join credential c on c.id = e.credential_id
                       where c.course_enrolment_id = $1 and e.event = 'Requested'`,
        [enrolments[0].id],
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('numbers credentials by year and a zero-padded serial that grows past six digits without being cut', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Big', 'Number']]);
    const [before] = await sql<{ last_value: string }>('select last_value from credential_number_seq');
    await sql(`select setval('credential_number_seq', 1234566)`);
    try {
      const { body } = await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
        body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
      });
      expect(body.number).toBe(`${new Date().getUTCFullYear()}-1234567`);
    } finally {
      // Back where it was, so later tests see six-digit serials (none of theirs comes near 1234567).
      await sql('select setval($1, $2)', ['credential_number_seq', before!.last_value]);
    }
    const [small] = await sql<{ number: string }>(`select ${credentialNumberSql('42')} as number`);
    expect(small!.number).toBe(`${new Date().getUTCFullYear()}-000042`);
  });

  it('explains why a request cannot be made: wrong template, unfinished enrolment, unknown ids', async () => {
    const { offer, enrolments } = await courseWithLearners(sut, [['Not', 'Yet']]);
    const path = `/course-enrolments/${enrolments[0].id}/credentials`;

    const qualificationOnly = await sut.call('POST', path, {
      body: { templateId: testamur, credentialDate: '2026-11-20' },
    });
    expect(qualificationOnly.status).toBe(400);
    expect(qualificationOnly.body.details).toEqual([
      { field: 'templateId', messages: [expect.stringContaining('qualification')] },
    ]);

    const learner = (
      await sut.call('POST', '/learners', {
        body: { givenName: 'In', familyName: 'Progress', dateOfBirth: '1999-01-01', email: 'in@example.com' },
      })
    ).body;
    const enrolled = (
      await sut.call('POST', `/course-offers/${offer.id}/enrolments`, { body: { learnerId: learner.id } })
    ).body;
    const unfinished = await sut.call('POST', `/course-enrolments/${enrolled.id}/credentials`, {
      body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
    });
    expect(unfinished.status).toBe(409);
    expect(unfinished.body.message).toContain('is Enrolled');

    const unknownTemplate = await sut.call('POST', path, {
      body: { templateId: '3f0c3a57-1111-4a2b-9c3d-000000000000', credentialDate: '2026-11-20' },
    });
    expect(unknownTemplate.status).toBe(404);
    expect(unknownTemplate.body.message).toContain('templateId');

    const unknownEnrolment = await sut.call(
      'POST',
      '/course-enrolments/3f0c3a57-1111-4a2b-9c3d-000000000000/credentials',
      {
        body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
      },
    );
    expect(unknownEnrolment.status).toBe(404);

    const invalid = await sut.call('POST', path, { body: { templateId: 'nope', credentialDate: '2026-02-30' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'credentialDate',
      'templateId',
    ]);
  });
});
