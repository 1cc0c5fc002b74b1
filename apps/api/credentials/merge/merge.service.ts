import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { PDFDocument } from 'pdf-lib';
import { badRequest } from '../../common/validation';

/** Why a set of credentials cannot be merged: every offending id at once, so one fix is enough. */
export class MergeDocumentsError extends Error {
  constructor(
    readonly unknownIds: string[],
    readonly withoutDocument: Array<{ id: string; number: string; status: string }>,
  ) {
    super(
      unknownIds.length
        ? `Credentials not found: ${unknownIds.join(', ')}`
        : `Credentials without a document: ${withoutDocument.map((c) => `${c.id} (${c.number}, ${c.status})`).join(', ')}`,
    );
    this.name = 'MergeDocumentsError';
  }
}

/** PDFs are read this many at a time, so a merge of thousands (bulk print) never holds every source at once. */
const batchSize = 50;

/**
 * One PDF with the current document of every credential, pages in the order the ids are given. Plain function of an
 * EntityManager (raw SQL, nothing enters the identity map) so a bulk-print activity can call it too. Throws
 * MergeDocumentsError naming all unknown ids, else all ids without a document.
 */
export async function mergeDocuments(em: EntityManager, credentialIds: readonly string[]): Promise<Buffer> {
  const ids = [...new Set(credentialIds)];
  const found = ids.length
    ? await em.execute<Array<{ id: string; number: string; status: string; document_version: number | null }>>(
        'select id, number, status, document_version from credential where id in (?)',
        [ids],
      )
    : [];
  const byId = new Map(found.map((row) => [row.id, row]));
  const unknownIds = ids.filter((id) => !byId.has(id));
  const withoutDocument = ids
    .map((id) => byId.get(id))
    .filter((row) => row && !row.document_version)
    .map((row) => ({ id: row!.id, number: row!.number, status: row!.status }));
  if (unknownIds.length || withoutDocument.length) throw new MergeDocumentsError(unknownIds, withoutDocument);

  const merged = await PDFDocument.create();
  for (let start = 0; start < credentialIds.length; start += batchSize) {
    const batch = credentialIds.slice(start, start + batchSize);
    const rows = await em.execute<Array<{ credential_id: string; pdf: Buffer }>>(
      'select d.credential_id, d.pdf from document_version d join credential c on c.id = d.credential_id ' +
        'and d.version = c.document_version where c.id in (?)',
      [[...new Set(batch)]],
    );
    const pdfs = new Map(rows.map((row) => [row.credential_id, row.pdf]));
    for (const id of batch) {
      const source = await PDFDocument.load(pdfs.get(id)!);
      const pages = await merged.copyPages(source, source.getPageIndices());
      for (const page of pages) merged.addPage(page);
    }
  }
  return Buffer.from(await merged.save());
}

@Injectable()
export class MergeService {
  constructor(private readonly em: EntityManager) {}

  /** mergeDocuments with its refusals as HTTP answers: 404 for unknown ids, 400 for ids without a document. */
  async merge(credentialIds: string[]): Promise<Buffer> {
    try {
      return await mergeDocuments(this.em, credentialIds);
    } catch (err) {
      if (!(err instanceof MergeDocumentsError)) throw err;
      if (err.unknownIds.length) {
        throw new NotFoundException({
          message: err.message,
          details: [{ field: 'credentialIds', messages: err.unknownIds.map((id) => `credential ${id} not found`) }],
        });
      }
      throw badRequest([
        {
          field: 'credentialIds',
          messages: err.withoutDocument.map(
            (c) => `credential ${c.id} (${c.number}) has no document yet (status ${c.status})`,
          ),
        },
      ]);
    }
  }
}
