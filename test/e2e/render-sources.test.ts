import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { PNG } from 'pngjs';
import { createGenerator } from '../../activities/credential-generation';
import { credentialDocumentFacts, documentWarnings } from '../../domain/compliance/aqf-documents';
import { loadSnapshot } from '../../domain/credentials/build-snapshot';
import { CredentialRequestRefused, requestCourseCredentials } from '../../domain/credentials/request-course-credential';
import { requestQualificationCredential } from '../../domain/credentials/request-qualification-credential';
import type { CredentialSnapshot } from '../../domain/credentials/snapshot';
import { Credential, Organisation } from '../../domain/entities';
import { ormConfig } from '../../domain/orm-config';
import { sql } from '../support/db';
import { courseWithLearners, expectStatus, readyQualificationEnrolment, testamur } from '../support/fixtures';
import { startSystem, type RunningSystem } from '../support/system';

// Generation reads what it renders as rows, not entities. Whatever it renders must be what the entities give: a data
// fix compares stored snapshots with loadSnapshot's, and any difference would reissue credentials nobody changed.
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

const publicBaseUrl = 'http://localhost:3000';
const tag = () => randomUUID().slice(0, 6).toUpperCase();

function signaturePng(): Buffer {
  const image = new PNG({ width: 40, height: 12 });
  image.data.fill(90);
  return PNG.sync.write(image);
}

/** A custom course template at version 2, whose version 1 placed the NRT logo. */
async function customTemplate(): Promise<{ id: string; layouts: Record<number, unknown> }> {
  const id = randomUUID();
  const layouts = {
    1: { page: { size: 'A4' }, elements: [{ type: 'nrtLogo' }], drawn: 'first' },
    2: { page: { size: 'A4' }, elements: [], drawn: 'second' },
  };
  await sql(
    `insert into credential_template (id, created_at, updated_at, name, type, applies_to, current_version)
     values ($1, now(), now(), $2, 'Certificate', 'course', 2)`,
    [id, `Sourced ${tag()}`],
  );
  for (const version of [1, 2] as const) {
    await sql(
      `insert into credential_template_version (id, created_at, updated_at, template_id, version, layout)
       values ($1, now(), now(), $2, $3, $4)`,
      [randomUUID(), id, version, JSON.stringify(layouts[version])],
    );
  }
  return { id, layouts };
}

/** What the entities give for a credential now: its snapshot, and its compliance warnings with the given layout. */
async function fromEntities(id: string, layout: unknown) {
  const em = orm.em.fork();
  const credential = await em.findOneOrFail(Credential, id, {
    populate: [
      'learner',
      'template',
      'issuingOfficer.signaturePng',
      'courseEnrolment.courseOffer.course',
      'qualificationEnrolment.qualification',
    ],
  });
  const organisation = await em.findOneOrFail(Organisation, { singleton: true }, { populate: ['logoPng'] });
  return {
    snapshot: await loadSnapshot(em, credential, organisation, publicBaseUrl),
    warnings: documentWarnings(credentialDocumentFacts(credential, organisation, layout)),
  };
}

describe('what generation renders', () => {
  it('is what the entities give, for course and qualification credentials, with the layout of the recorded version', async () => {
    const { enrolments } = await courseWithLearners(system, [
      ['Ada', `Source${tag()}`],
      ['Bo', `Source${tag()}`],
    ]);
    await sql(
      `update learner set middle_name = 'Maria' where id = (select learner_id from course_enrolment where id = $1)`,
      [enrolments[0].id],
    );
    const signature = signaturePng();
    const officer = expectStatus(
      await system.call('POST', '/issuing-officers', {
        body: { name: `Signing ${tag()}`, position: 'Registrar', signaturePng: signature.toString('base64') },
      }),
      201,
    );
    const template = await customTemplate();
    const { enrolment: qualificationEnrolment } = await readyQualificationEnrolment(system, { middleName: 'Ash' });

    const em = orm.em.fork();
    const course = await requestCourseCredentials(
      em,
      enrolments.map((e: { id: string }) => e.id),
      { templateId: template.id, credentialDate: '2026-11-30', issuingOfficerId: officer.id },
      'test',
    );
    const qualification = await requestQualificationCredential(
      em,
      qualificationEnrolment.id,
      { templateId: testamur, credentialDate: '2026-12-01' },
      'test',
    );
    await em.flush();
    const courseIds = course.map((c) => {
      if (c instanceof CredentialRequestRefused) throw c;
      return c.id;
    });
    // The first course credential records the template's earlier version.
    await sql('update credential set template_version = 1 where id = $1', [courseIds[0]]);
    const ids = [...courseIds, qualification.id];

    const rendered = new Map<string, { snapshot: CredentialSnapshot; layout: unknown; signature: Buffer | null }>();
    const sut = createGenerator({
      orm,
      publicBaseUrl,
      render: async (snapshot, images, layout) => {
        rendered.set(snapshot.credential.id, { snapshot, layout, signature: images.signaturePng ?? null });
        return Buffer.from(`%PDF ${snapshot.credential.number}`);
      },
    });
    const results = await sut.generate(
      ids.map((credentialId) => ({ credentialId, mode: 'initial' as const })),
      'record',
    );
    expect(results.map((r) => r.status)).toEqual(['Generated', 'Generated', 'Generated']);

    const expectedLayouts = [template.layouts[1], template.layouts[2], null];
    for (const [i, id] of ids.entries()) {
      const got = rendered.get(id)!;
      const entities = await fromEntities(id, expectedLayouts[i]);
      expect(got.snapshot).toStrictEqual(entities.snapshot);
      expect(got.layout).toEqual(expectedLayouts[i]);
      const [stored] = await sql(
        `select c.compliance_warnings, d.pdf, d.snapshot from credential c
         join document_version d on d.credential_id = c.id and d.version = c.document_version where c.id = $1`,
        [id],
      );
      expect(stored!.compliance_warnings ?? []).toEqual(entities.warnings);
      // Stored as rendered: the PDF's bytes (sent as a parameter, not as text) and the snapshot.
      expect(stored!.pdf).toEqual(Buffer.from(`%PDF ${got.snapshot.credential.number}`));
      expect(stored!.snapshot).toStrictEqual(entities.snapshot);
    }
    // What the cases cover: a middle name and none, a signature and none, units, a custom layout and a built-in.
    const [ada, bo, rowan] = ids.map((id) => rendered.get(id)!);
    expect(ada!.snapshot.learner.middleName).toBe('Maria');
    expect(bo!.snapshot.learner.middleName).toBeNull();
    expect(ada!.signature).toEqual(signature);
    expect(ada!.snapshot.issuingOfficer?.signatureSha256).toEqual(expect.any(String));
    expect(rowan!.signature).toBeNull();
    expect(rowan!.snapshot.learner.middleName).toBe('Ash');
    expect(rowan!.snapshot.units.map((u) => u.outcome)).toEqual(['20', '20']);
    expect(ada!.snapshot.course?.startDate).toBe('2026-10-01');

    // A regeneration renders the version it records now: the template's current one.
    rendered.clear();
    await sut.generate([{ credentialId: ids[0]!, mode: 'regenerate' }], 'record');
    expect(rendered.get(ids[0]!)?.layout).toEqual(template.layouts[2]);
    expect(rendered.get(ids[0]!)?.snapshot).toStrictEqual((await fromEntities(ids[0]!, template.layouts[2])).snapshot);
  });
});
