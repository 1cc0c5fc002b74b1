import type { EntityManager } from '@mikro-orm/postgresql';
import { connectionPool } from './connection-pool';

/** A hand-written statement, written with `?` placeholders as the ORM's `em.execute` takes them. */
export interface NamedQuery {
  /** Unique to this text: PostgreSQL keeps each connection's plan under it. */
  name: string;
  text: string;
  /** The same text with $1, $2… as the driver's prepared statements take them. */
  numbered: string;
}

/** Each `?` in order becomes $1, $2…; the text must not use `?` otherwise (jsonb's ? operators, say). */
export function namedQuery(name: string, text: string): NamedQuery {
  let n = 0;
  return { name, text, numbered: text.replace(/\?/g, () => `$${++n}`) };
}

/**
 * Runs a hand-written statement. Outside a transaction it is a named prepared statement: PostgreSQL parses and plans it
 * once per pooled connection, then only executes it. The ORM's statements are planned on every call, and for a read
 * of several joined tables planning is most of its cost. Inside the caller's transaction it runs there, through the
 * ORM, planned each time.
 */
export async function runQuery<T>(em: EntityManager, query: NamedQuery, values: unknown[]): Promise<T[]> {
  if (em.isInTransaction()) return em.execute<T[]>(query.text, values);
  const pool = connectionPool(em);
  const connection = await pool.acquireConnection();
  try {
    return (await connection.query({ name: query.name, text: query.numbered, values })).rows as T[];
  } catch (err) {
    throw em.getDriver().convertException(err as Error); // the ORM's exception classes, as em.execute throws them
  } finally {
    await pool.releaseConnection(connection);
  }
}
