import { MikroORM } from '@mikro-orm/postgresql';
import { createGenerator, RenderTimeoutError } from '../../activities/credential-generation';
import { CredentialRequestRefused, requestCourseCredentials } from '../../domain/credentials/request-course-credential';
import { ormConfig } from '../../domain/orm-config';
import { renderCredentialPdf } from '../../templates/render';
import { sql } from '../support/db';
import { certificateOfCompletion, courseWithLearners } from '../support/fixtures';
import { startSystem, type RunningSystem } from '../support/system';

// Generation against the real database with the renderer replaced: the render process's timeout, on demand.
let system: RunningSystem;
let orm: MikroORM;

beforeAll(async () => {
  system = await startSystem();
  orm = await MikroORM.init(ormConfig(process.env.TEST_DATABASE_URL!));
});

afterAll(async () => {
  await orm?.close();
  await system?.stop();
});

/** Four Requested credentials, recorded without workflows (the running worker leaves them alone). */
async function requested(): Promise<string[]> {
  const { enrolments } = await courseWithLearners(system, [
    ['Ana', 'Stall'],
    ['Ben', 'Stall'],
    ['Cy', 'Stall'],
    ['Di', 'Stall'],
  ]);
  const em = orm.em.fork();
  const credentials = await requestCourseCredentials(
    em,
    enrolments.map((e: { id: string }) => e.id),
    { templateId: certificateOfCompletion, credentialDate: '2026-11-30' },
    'test',
  );
  await em.flush();
  return credentials.map((credential) => {
    if (credential instanceof CredentialRequestRefused) throw credential;
    return credential.id;
  });
}

describe('a render that runs out of time', () => {
  it('fails in a batch with its reason and leaves the rest of the batch unrendered for their own workflows', async () => {
    const ids = await requested();
    const rendered: string[] = [];
    const sut = createGenerator({
      orm,
      publicBaseUrl: 'http://localhost:3000',
      render: async (snapshot, images, layout) => {
        rendered.push(snapshot.learner.givenName);
        if (snapshot.learner.givenName === 'Ben') throw new RenderTimeoutError('The render did not finish within 20 s');
        return renderCredentialPdf(snapshot, images, layout);
      },
    });
    const results = await sut.generate(
      ids.map((credentialId) => ({ credentialId, mode: 'initial' as const })),
      'report',
    );

    expect(results).toEqual([
      { status: 'Generated', documentVersion: 1 },
      {
        status: 'Generating',
        error: expect.stringMatching(/^Credential \S+: Rendering failed: The render did not finish within 20 s$/),
        fullError: 'Rendering failed: The render did not finish within 20 s',
      },
      { status: 'Generating', error: 'Not rendered: an earlier render in its batch ran out of time' },
      { status: 'Generating', error: 'Not rendered: an earlier render in its batch ran out of time' },
    ]);
    expect(rendered).toEqual(['Ana', 'Ben']);
    const rows = await sql('select id, status from credential where id = any($1)', [ids]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [ids[0]!]: 'Generated',
      [ids[1]!]: 'Generating',
      [ids[2]!]: 'Generating',
      [ids[3]!]: 'Generating',
    });
  });

  it("is recorded as the credential's generation failure when it renders alone", async () => {
    const [id] = await requested();
    const sut = createGenerator({
      orm,
      publicBaseUrl: 'http://localhost:3000',
      render: async () => {
        throw new RenderTimeoutError('The render did not finish within 20 s');
      },
    });
    expect(await sut.generate([{ credentialId: id!, mode: 'initial' }], 'record')).toEqual([
      {
        status: 'GenerationFailed',
        error: expect.stringMatching(/^Credential \S+: Rendering failed: The render did not finish within 20 s$/),
        fullError: 'Rendering failed: The render did not finish within 20 s',
      },
    ]);
    expect(await sql('select status, generation_error from credential where id = $1', [id])).toEqual([
      { status: 'GenerationFailed', generation_error: 'Rendering failed: The render did not finish within 20 s' },
    ]);
  });
});
