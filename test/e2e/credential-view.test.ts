import { workflowIds } from '../../temporal/ids';
import { sql } from '../support/db';
import { certificateOfCompletion, courseWithLearners, expectStatus } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';

let sut: RunningSystem;

beforeAll(async () => {
  sut = await startSystem();
});

afterAll(async () => {
  await sut?.stop();
});

// GET /credentials/:id is one hand-written query (apps/api/credentials/credential.sql.ts): each field is checked
// against the rows it comes from.
describe('GET /credentials/:id', () => {
  it('answers every field as the database holds it', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Ada', 'Lovelace']]);
    await sql(`update learner set middle_name = 'Augusta' where id = $1`, [enrolments[0].learner.id]);
    const officer = expectStatus(
      await sut.call('POST', '/issuing-officers', { body: { name: 'Pat Signer', position: 'CEO' } }),
      201,
    );
    const requested = expectStatus(
      await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
        body: {
          templateId: certificateOfCompletion,
          credentialDate: '2026-11-20',
          issuingOfficerId: officer.id,
          statusReason: 'All units achieved',
        },
      }),
      202,
    );
    const id = requested.id as string;
    await eventually(
      async () => {
        const { body } = await sut.call('GET', `/credentials/${id}`);
        return body.status === 'Generated' ? body : undefined;
      },
      60_000,
      `credential ${id} to be Generated`,
    );
    // Microseconds in the database: the answer truncates to milliseconds, as Date does.
    await sql(`update credential set printed_at = '2026-11-21 09:30:00.123999+00' where id = $1`, [id]);

    const credential = expectStatus(await sut.call('GET', `/credentials/${id}`), 200);
    const [row] = await sql('select * from credential where id = $1', [id]);
    const [learner] = await sql('select * from learner where id = $1', [row!.learner_id]);
    const [document] = await sql('select * from document_version where credential_id = $1 and version = $2', [
      id,
      row!.document_version,
    ]);
    const history = await sql('select * from credential_event where credential_id = $1 order by created_at, id', [id]);
    expect(credential).toEqual({
      id,
      number: row!.number,
      status: 'Generated',
      type: 'Certificate',
      template: { id: certificateOfCompletion, name: 'Certificate of Completion', version: row!.template_version },
      credentialDate: '2026-11-20',
      issuingOfficer: { id: officer.id, name: 'Pat Signer', position: 'CEO' },
      statusReason: 'All units achieved',
      learner: { id: row!.learner_id, fullName: 'Ada Augusta Lovelace', email: learner!.email },
      source: { kind: 'course', enrolmentId: enrolments[0].id },
      document: {
        version: document!.version,
        sha256: document!.sha256,
        bytes: document!.bytes,
        generatedAt: document!.created_at.toISOString(),
      },
      generationError: null,
      complianceWarnings: [],
      issuedAt: null,
      printedAt: '2026-11-21T09:30:00.123Z',
      cancelledAt: null,
      deletedAt: null,
      emailStatus: 'NotSent',
      emailedAt: null,
      replaces: null,
      replacedBy: null,
      verificationUrl: expect.stringMatching(new RegExp(`/verify/${row!.verification_code}$`)),
      workflowId: workflowIds.credential(id),
      workflowUrl: `http://localhost:8233/namespaces/default/workflows/${workflowIds.credential(id)}`,
      practice: false,
      createdAt: row!.created_at.toISOString(),
      documents: [
        {
          version: document!.version,
          sha256: document!.sha256,
          bytes: document!.bytes,
          generatedAt: document!.created_at.toISOString(),
          templateVersion: document!.template_version,
        },
      ],
      emails: [],
      history: history.map((e) => ({
        at: e.created_at.toISOString(),
        event: e.event,
        actor: e.actor,
        actorKeyId: e.actor_key_id ?? null,
        detail: e.detail ?? null,
      })),
    });
    expect(credential.history.map((e: { event: string }) => e.event)).toEqual([
      'Requested',
      'GenerationStarted',
      'Generated',
    ]);
  });

  it('lists every document version and every email with its delivery status, newest first', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Grace', 'Versions']]);
    const { id } = expectStatus(
      await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
        body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
      }),
      202,
    );
    const settled = (what: (body: any) => boolean) =>
      eventually(async () => {
        const { body } = await sut.call('GET', `/credentials/${id}`);
        return what(body) ? body : undefined;
      });
    await settled((body) => body.status === 'Generated');
    expectStatus(await sut.call('POST', `/credentials/${id}/regenerate`), 200);
    await settled((body) => body.status === 'Generated' && body.document?.version === 2);
    expectStatus(await sut.call('POST', `/credentials/${id}/issue`), 200);
    expectStatus(await sut.call('POST', `/credentials/${id}/email`, { body: { to: 'first@example.com' } }), 202);
    await settled((body) => body.emailStatus === 'Sent');
    expectStatus(await sut.call('POST', `/credentials/${id}/email`, { body: {} }), 202);
    const credential = await settled((body) => body.emails.length === 2 && body.emails[0].status === 'Sent');

    const documents = await sql('select * from document_version where credential_id = $1 order by version desc', [id]);
    expect(credential.documents).toEqual(
      documents.map((d) => ({
        version: d.version,
        sha256: d.sha256,
        bytes: d.bytes,
        generatedAt: d.created_at.toISOString(),
        templateVersion: 1,
      })),
    );
    expect(credential.documents.map((d: { version: number }) => d.version)).toEqual([2, 1]);
    const emails = await sql('select * from email_message where credential_id = $1 order by send_number desc', [id]);
    expect(credential.emails).toEqual(
      emails.map((m) => ({
        id: m.id,
        sendNumber: m.send_number,
        to: m.to_address,
        status: 'Sent',
        documentVersion: 2,
        createdAt: m.created_at.toISOString(),
        sentAt: m.sent_at.toISOString(),
        updatedAt: m.updated_at.toISOString(),
        error: null,
      })),
    );
    expect(credential.emails.map((m: { to: string }) => m.to)).toEqual([
      enrolments[0].learner.email,
      'first@example.com',
    ]);
    const docs = (await sut.call('GET', '/docs-json')).body;
    expect(Object.keys(docs.components.schemas.CredentialResponse.properties)).toEqual(
      expect.arrayContaining(['practice', 'documents', 'emails', 'workflowId', 'workflowUrl']),
    );
  });

  it('answers 404 for an unknown id and 400 for one that is not a UUID', async () => {
    const unknown = await sut.call('GET', '/credentials/00000000-0000-4000-8000-00000000dead');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Credential 00000000-0000-4000-8000-00000000dead not found');
    expect((await sut.call('GET', '/credentials/not-a-uuid')).status).toBe(400);
  });
});
