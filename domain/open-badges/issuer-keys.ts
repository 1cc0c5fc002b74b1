import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SigningKey } from './signing-key';

/**
 * Records the key this process signs with as the issuer's current key, and every other as retired (still listed in
 * the DID document, so what it signed keeps verifying). Idempotent; only the public key is stored.
 */
export async function registerIssuerKey(em: EntityManager, key: SigningKey): Promise<void> {
  const connection = em.getConnection();
  await connection.execute(
    `insert into issuer_key (id, created_at, updated_at, public_key_multibase, retired_at) values (?, now(), now(), ?, null)
     on conflict (public_key_multibase) do update set retired_at = null, updated_at = now()
     where issuer_key.retired_at is not null`,
    [randomUUID(), key.publicKeyMultibase],
  );
  await connection.execute(
    `update issuer_key set retired_at = now(), updated_at = now() where public_key_multibase <> ? and retired_at is null`,
    [key.publicKeyMultibase],
  );
}

/** Every key the issuer has used, oldest first. */
export async function issuerKeys(em: EntityManager): Promise<{ publicKeyMultibase: string; retired: boolean }[]> {
  const rows = await em
    .getConnection()
    .execute<{ public_key_multibase: string; retired: boolean }[]>(
      `select public_key_multibase, retired_at is not null as retired from issuer_key order by created_at, id`,
    );
  return rows.map((row) => ({ publicKeyMultibase: row.public_key_multibase, retired: row.retired }));
}
