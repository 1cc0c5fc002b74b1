import { startSystem, eventually, type RunningSystem } from '../support/system';

let sut: RunningSystem;

beforeAll(async () => {
  sut = await startSystem({}, { LOG_LEVEL: 'info' });
});

afterAll(async () => {
  await sut?.stop();
});

function accessLines(): {
  req: { id: string; method: string; url: string };
  res: { statusCode: number };
  responseTime: number;
  msg: string;
}[] {
  return sut
    .apiOutput()
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
    .filter((entry) => entry.req && entry.res);
}

describe('request log', () => {
  it('writes one line per request with its id, which the client gets in X-Request-Id, and never the API key', async () => {
    const answer = await sut.call('GET', '/course-offers?pageSize=1');
    expect(answer.status).toBe(200);
    const id = answer.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = await eventually(
      async () => accessLines().find((entry) => entry.req.id === id),
      5000,
      'the access log line',
    );
    expect(line).toMatchObject({
      req: { method: 'GET', url: '/course-offers?pageSize=1' },
      res: { statusCode: 200 },
      msg: 'request completed',
    });
    expect(line.responseTime).toBeGreaterThan(0);
    expect(sut.apiOutput().join('\n')).not.toContain(sut.adminKey);
  });

  it('leaves verification codes and search text out of the log', async () => {
    await fetch(`${sut.url}/verify/SECRETCODE42`, { headers: { 'x-request-id': 'verify-log-1' } });
    await fetch(`${sut.url}/credentials?q=Distinctive%20Surname&pageSize=1`, {
      headers: { authorization: `Bearer ${sut.adminKey}`, 'x-request-id': 'search-log-1' },
    });
    const verifyLine = await eventually(
      async () => accessLines().find((entry) => entry.req.id === 'verify-log-1'),
      5000,
      'the verify line',
    );
    const searchLine = await eventually(
      async () => accessLines().find((entry) => entry.req.id === 'search-log-1'),
      5000,
      'the search line',
    );
    expect(verifyLine.req.url).toBe('/verify/:code');
    expect(searchLine.req.url).toBe('/credentials?q=[omitted]&pageSize=1');
    const output = sut.apiOutput().join('\n');
    expect(output).not.toContain('SECRETCODE42');
    expect(output).not.toContain('Distinctive');
  });

  it("keeps a caller's request id, and logs refusals with their status", async () => {
    const response = await fetch(`${sut.url}/credentials/not-a-uuid`, {
      headers: { authorization: `Bearer ${sut.adminKey}`, 'x-request-id': 'proxy-123.abc' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toBe('proxy-123.abc');
    const line = await eventually(
      async () => accessLines().find((entry) => entry.req.id === 'proxy-123.abc'),
      5000,
      'the access log line',
    );
    expect(line.res.statusCode).toBe(400);

    // Not an id: a header with spaces or a 200-character one gets a fresh id instead of going into the log as is.
    const odd = await fetch(`${sut.url}/health`, { headers: { 'x-request-id': 'two words' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
