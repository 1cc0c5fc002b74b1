import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { mergeDocuments, streamMergedPdf } from '../../apps/api/credentials/merge/merge.service';
import { ormConfig } from '../../domain/orm-config';
import { PDFDocument } from 'pdf-lib';
// pdf-parse's lib entry is the parser alone (its index.js runs a self-test when required).
import pdfParse from 'pdf-parse/lib/pdf-parse.js';
import { sql } from '../support/db';
import { certificateOfCompletion, courseWithLearners, expectStatus } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';

let sut: RunningSystem;

interface Generated {
  id: string;
  number: string;
  learnerName: string;
  pages: number;
}

const generated: Generated[] = [];

interface TextPage {
  pageIndex: number;
  getTextContent(): Promise<{ items: Array<{ str: string }> }>;
}

/**
 * The text of each page, in page order, through pdf-parse's per-page hook. It is given a plain Uint8Array: handed a
 * Node Buffer, its bundled pdf.js misreads some small PDFs the first time ("bad XRef entry").
 */
async function pageTexts(pdf: Buffer): Promise<string[]> {
  const texts: string[] = [];
  const pagerender = async (page: TextPage) => {
    const text = (await page.getTextContent()).items.map((item) => item.str).join(' ');
    texts[page.pageIndex] = text;
    return text;
  };
  const { numpages } = await pdfParse(new Uint8Array(pdf), { pagerender });
  expect(texts).toHaveLength(numpages);
  return texts;
}

const pageCount = async (pdf: Buffer) => (await PDFDocument.load(pdf)).getPageCount();

async function requestCredential(enrolmentId: string) {
  return expectStatus(
    await sut.call('POST', `/course-enrolments/${enrolmentId}/credentials`, {
      body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
    }),
    202,
  ) as { id: string; number: string };
}

beforeAll(async () => {
  sut = await startSystem();
  const names: Array<[string, string]> = [
    ['Amelia', 'Firstpage'],
    ['Boris', 'Secondpage'],
    ['Chidi', 'Thirdpage'],
  ];
  const { enrolments } = await courseWithLearners(sut, names, 'Merge Documents Course');
  for (const [index, enrolment] of enrolments.entries()) {
    const { id, number } = await requestCredential(enrolment.id);
    await eventually(
      async () => ((await sut.call('GET', `/credentials/${id}`)).body.status === 'Generated' ? true : undefined),
      90_000,
      `credential ${number} to be Generated`,
    );
    const document = await sut.call('GET', `/credentials/${id}/document`);
    generated.push({ id, number, learnerName: names[index]!.join(' '), pages: await pageCount(document.bytes) });
  }
}, 240_000);

afterAll(async () => {
  await sut?.stop();
});

describe('merging off the API thread', () => {
  it('merges in a process of its own into a file, never a buffer in the caller (bulk prints are thousands)', async () => {
    const orm = await MikroORM.init(ormConfig(process.env.TEST_DATABASE_URL!));
    try {
      const [amelia, boris] = generated as [Generated, Generated];
      const script = join(process.env.TEST_DIST_DIR!, 'apps/api/credentials/merge/merge-process.js');
      const merged = await mergeDocuments(orm.em.fork(), [boris.id, amelia.id, boris.id], script);
      expect(merged.mergedByPid).not.toBe(process.pid);
      expect(merged.pages).toBe(2 * boris.pages + amelia.pages);
      const bytes = await readFile(merged.file);
      expect(bytes.length).toBe(merged.bytes);
      expect(await pageCount(bytes)).toBe(merged.pages);
      // Streamed from the file, which is removed once sent.
      const stream = streamMergedPdf(merged).getStream();
      for await (const _ of stream) void _;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(existsSync(merged.file)).toBe(false);
    } finally {
      await orm.close();
    }
  });
});

describe('POST /credentials/merge, many at once', () => {
  it('answers every one (merges beyond two wait their turn for a merge process)', async () => {
    const [amelia, boris, chidi] = generated as [Generated, Generated, Generated];
    const orders = [[amelia], [boris, chidi], [chidi, amelia, boris], [amelia, boris]];
    const answers = await Promise.all(
      orders.map((order) =>
        sut.call('POST', '/credentials/merge', { body: { credentialIds: order.map((c) => c.id) } }),
      ),
    );
    for (const [i, answer] of answers.entries()) {
      expect(answer.status).toBe(200);
      expect(await pageCount(answer.bytes)).toBe(orders[i]!.reduce((sum, c) => sum + c.pages, 0));
    }
  });
});

describe('POST /credentials/merge', () => {
  it("merges every credential's current document into one PDF, pages in the order given", async () => {
    const [amelia, boris, chidi] = generated as [Generated, Generated, Generated];
    const order = [chidi, amelia, boris];
    const answer = await sut.call('POST', '/credentials/merge', { body: { credentialIds: order.map((c) => c.id) } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/pdf');
    expect(answer.headers.get('content-disposition')).toMatch(/^inline;/);

    const texts = await pageTexts(answer.bytes);
    expect(texts).toHaveLength(order.reduce((sum, c) => sum + c.pages, 0));
    let page = 0;
    for (const credential of order) {
      for (let i = 0; i < credential.pages; i++, page++) {
        const others = order.filter((c) => c !== credential);
        if (i === 0) expect(texts[page]).toContain(credential.learnerName);
        expect(texts[page]).toContain(credential.number);
        for (const other of others) expect(texts[page]).not.toContain(other.learnerName);
      }
    }
  });

  it('gives a single credential its own pages, and any order its pages in that order', async () => {
    const [amelia, boris] = generated as [Generated, Generated];
    const one = await sut.call('POST', '/credentials/merge', { body: { credentialIds: [boris.id] } });
    expect(one.status).toBe(200);
    const single = await pageTexts(one.bytes);
    expect(single).toHaveLength(boris.pages);
    expect(single[0]).toContain('Boris Secondpage');

    const reversed = await pageTexts(
      (await sut.call('POST', '/credentials/merge', { body: { credentialIds: [boris.id, amelia.id] } })).bytes,
    );
    expect(reversed[0]).toContain('Boris Secondpage');
    expect(reversed[boris.pages]).toContain('Amelia Firstpage');
  });

  it("uses each credential's current document version", async () => {
    const [amelia, boris] = generated as [Generated, Generated];
    // A second version for Boris (arranged in SQL: Amelia's PDF stored as his version 2) becomes his current document.
    await sql(
      `insert into document_version (id, created_at, updated_at, credential_id, version, pdf, sha256, bytes, template_version, snapshot)
       select $1, now(), now(), $2, 2, pdf, sha256, bytes, template_version, snapshot from document_version where credential_id = $3 and version = 1`,
      [randomUUID(), boris.id, amelia.id],
    );
    await sql('update credential set document_version = 2 where id = $1', [boris.id]);
    try {
      const texts = await pageTexts(
        (await sut.call('POST', '/credentials/merge', { body: { credentialIds: [boris.id] } })).bytes,
      );
      expect(texts[0]).toContain('Amelia Firstpage');
      expect(texts[0]).not.toContain('Boris Secondpage');
    } finally {
      await sql('update credential set document_version = 1 where id = $1', [boris.id]);
      await sql('delete from document_version where credential_id = $1 and version = 2', [boris.id]);
    }
  });

  it('answers 404 naming every unknown id', async () => {
    const unknown = [randomUUID(), randomUUID()];
    const answer = await sut.call('POST', '/credentials/merge', {
      body: { credentialIds: [unknown[0], generated[0]!.id, unknown[1]] },
    });
    expect(answer.status).toBe(404);
    expect(answer.body.message).toBe(`Credentials not found: ${unknown.join(', ')}`);
    expect(answer.body.details).toEqual([
      { field: 'credentialIds', messages: unknown.map((id) => `credential ${id} not found`) },
    ]);
  });

  it('answers 400 naming every credential that has no document yet', async () => {
    // Without a worker nothing renders: these stay Requested, a state the API reaches on its own.
    const { enrolments } = await courseWithLearners(
      sut,
      [
        ['Not', 'Rendered'],
        ['Also', 'Pending'],
      ],
      'Unrendered Course',
    );
    await sut.killWorker();
    try {
      const pending = [await requestCredential(enrolments[0].id), await requestCredential(enrolments[1].id)];
      const answer = await sut.call('POST', '/credentials/merge', {
        body: { credentialIds: [generated[0]!.id, pending[0]!.id, generated[1]!.id, pending[1]!.id] },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.details).toEqual([
        {
          field: 'credentialIds',
          messages: pending.map((c) => `credential ${c.id} (${c.number}) has no document yet (status Requested)`),
        },
      ]);
      for (const c of pending) expect(answer.body.message).toContain(c.id);
    } finally {
      await sut.startWorker();
    }
  });

  it.each([
    ['no list', {}],
    ['an empty list', { credentialIds: [] }],
    ['a list that is not one', { credentialIds: 'abc' }],
    ['an id that is not a UUID', { credentialIds: ['abc'] }],
    [
      'a repeated id',
      { credentialIds: ['3f0c3a57-1111-4a2b-9c3d-000000000000', '3f0c3a57-1111-4a2b-9c3d-000000000000'] },
    ],
    ['501 ids', { credentialIds: Array.from({ length: 501 }, () => randomUUID()) }],
  ])('answers 400 naming credentialIds for %s', async (_, body) => {
    const answer = await sut.call('POST', '/credentials/merge', { body });
    expect(answer.status).toBe(400);
    expect(answer.body.details.map((d: { field: string }) => d.field)).toEqual(['credentialIds']);
  });

  it('accepts 500 ids (then names the unknown ones) and needs the requester role', async () => {
    const many = [generated[0]!.id, ...Array.from({ length: 499 }, () => randomUUID())];
    const answer = await sut.call('POST', '/credentials/merge', { body: { credentialIds: many } });
    expect(answer.status).toBe(404);
    expect(answer.body.details[0].messages).toHaveLength(499);

    const viewer = expectStatus(
      await sut.call('POST', '/api-keys', { body: { name: 'merge viewer', role: 'viewer' } }),
      201,
    );
    const requester = expectStatus(
      await sut.call('POST', '/api-keys', { body: { name: 'merge requester', role: 'requester' } }),
      201,
    );
    const body = { credentialIds: [generated[0]!.id] };
    expect((await sut.call('POST', '/credentials/merge', { key: viewer.key, body })).status).toBe(403);
    expect((await sut.call('POST', '/credentials/merge', { key: requester.key, body })).status).toBe(200);
  });
});
