import { sql } from '../support/db';
import { startSystem, type RunningSystem } from '../support/system';

let sut: RunningSystem;

beforeAll(async () => {
  sut = await startSystem({}, { API_DB_CONNECTIONS: '4' });
});

afterAll(async () => {
  await sut?.stop();
});

const apiSessions = async () =>
  (
    await sql<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where application_name = 'credentials-api'`,
    )
  )[0]!.n;

describe('API database connections', () => {
  it('are all open once the API answers, before any request needs one, and a burst of requests opens no more', async () => {
    expect(await apiSessions()).toBe(4);
    const answers = await Promise.all(Array.from({ length: 12 }, () => sut.call('GET', '/course-offers?pageSize=1')));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(await apiSessions()).toBe(4);
  });
});
