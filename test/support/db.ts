import { Client } from 'pg';

/** Direct SQL against the test database, for arranging states the API would refuse and for checking rows. */
export async function sql<T extends Record<string, unknown> = Record<string, any>>(
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}
