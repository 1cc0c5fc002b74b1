import type { EntityManager } from '@mikro-orm/postgresql';

/** A pooled pg connection as the driver hands it out. */
export interface PgConnection {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

interface KnexPool {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

/** The ORM's connection pool (knex's client), for statements the ORM does not write. */
export function connectionPool(em: EntityManager): KnexPool {
  return em.getKnex().client as KnexPool;
}

/**
 * Opens `count` connections now. With the pool's minimum at the same number they then stay open, so the first burst of
 * requests after start, or after a quiet hour, does not wait for new sessions (PostgreSQL forks a backend for each).
 */
export async function openConnections(em: EntityManager, count: number): Promise<void> {
  const pool = connectionPool(em);
  const connections = await Promise.all(Array.from({ length: count }, () => pool.acquireConnection()));
  await Promise.all(connections.map((connection) => pool.releaseConnection(connection)));
}
