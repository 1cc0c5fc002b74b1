import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type { CredentialSnapshot } from '../domain/credentials/snapshot';

/** A new row of document_version (the DocumentVersion entity's table). */
export interface DocumentRow {
  id: string;
  credential: string;
  version: number;
  pdf: Buffer;
  sha256: string;
  bytes: number;
  templateVersion: number;
  snapshot: CredentialSnapshot;
  createdAt: Date;
  updatedAt: Date;
}

const columns = [
  'id',
  'credential_id',
  'version',
  'pdf',
  'sha256',
  'bytes',
  'template_version',
  'snapshot',
  'created_at',
  'updated_at',
] as const;
const row = `(${columns.map(() => '?').join(', ')})`;

/**
 * Inserts document versions in the caller's transaction, their values sent as parameters. The ORM writes values into
 * the statement's text, each PDF as hex: twice its bytes, escaped and copied by the worker and parsed by PostgreSQL.
 */
export async function insertDocumentRows(em: EntityManager, documents: DocumentRow[]): Promise<void> {
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (!transaction) throw new Error('Document versions are inserted in the transaction that marks their credentials');
  const values = documents.flatMap((d) => [
    d.id,
    d.credential,
    d.version,
    d.pdf,
    d.sha256,
    d.bytes,
    d.templateVersion,
    JSON.stringify(d.snapshot),
    d.createdAt,
    d.updatedAt,
  ]);
  try {
    await transaction.raw(
      `insert into document_version (${columns.join(', ')}) values ${documents.map(() => row).join(', ')}`,
      values,
    );
  } catch (err) {
    throw em.getDriver().convertException(err as Error); // the ORM's exception classes, as its own inserts throw them
  }
}
