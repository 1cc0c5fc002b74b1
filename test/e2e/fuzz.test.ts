import fc from 'fast-check';
import { startSystem, type RunningSystem } from '../support/system';

/**
 * Property-based fuzzing of every route the running API documents at /docs-json (new routes are covered as they are
 * added): malformed ids, query strings and bodies, with and without a key, must be answered 4xx (or 2xx), never 5xx,
 * and /health must keep answering within a second while it runs. FUZZ_BATCHES sets the size (batches of
 * `parallel` requests); the default suits CI.
 */
const batches = Number(process.env.FUZZ_BATCHES ?? 250);
const parallel = 8;

interface Route {
  method: string;
  path: string;
  queryNames: string[];
  bodyNames: string[];
}

let sut: RunningSystem;
let routes: Route[];

beforeAll(async () => {
  sut = await startSystem();
  const doc = (await sut.call('GET', '/docs-json', { key: null })).body as {
    paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: any }>>;
    components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
  };
  const schemaProperties = (body: any): string[] => {
    const ref: string | undefined = body?.content?.['application/json']?.schema?.$ref;
    const name = ref?.split('/').pop();
    return Object.keys((name && doc.components?.schemas?.[name]?.properties) ?? {});
  };
  routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      queryNames: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      bodyNames: schemaProperties(op.requestBody),
    })),
  );
}, 120_000);

afterAll(async () => {
  await sut?.stop();
});

const nasty = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '1e18',
  '-1',
  '0',
  'NaN',
  'Infinity',
  '9007199254740993',
  '',
  ' ',
  '%00',
  '\u0000',
  '..',
  '../../etc/passwd',
  "' or 1=1 --",
  '{{',
  `{{${' '.repeat(3000)}`,
  'null',
  'true',
  '[]',
  '{}',
  'ü😀\u202e',
  'x'.repeat(5000),
];

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(...nasty),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const id = fc.oneof(
  fc.uuid(),
  text,
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
);

const scalar = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e18, -1e18, Number.MAX_SAFE_INTEGER + 2, 0, -1, true, false, null),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(text, fc.constantFrom(...nasty)), tie('value'), { maxKeys: 5 }),
  ),
})).value;
const bigValue = fc.oneof(
  fc.constant(Array.from({ length: 20_000 }, (_, i) => `00000000-0000-4000-8000-${String(i % 50).padStart(12, '0')}`)),
  fc.constant('A'.repeat(900_000)),
  fc.constant(JSON.parse(`${'['.repeat(2000)}${']'.repeat(2000)}`)),
  fc.constant({ constructor: { prototype: { polluted: true } } }),
);

function bodyFor(route: Route): fc.Arbitrary<{ raw: string; contentType: string } | null> {
  const names = route.bodyNames.length ? route.bodyNames : ['name'];
  const field = fc.oneof(fc.constantFrom(...names), fc.constantFrom(...nasty.slice(0, 5)), text);
  const object = fc.dictionary(field, fc.oneof({ weight: 8, arbitrary: value }, { weight: 1, arbitrary: bigValue }), {
    maxKeys: 6,
  });
  const json = (arb: fc.Arbitrary<unknown>) =>
    arb.map((v) => ({ raw: JSON.stringify(v) ?? 'null', contentType: 'application/json' }));
  return fc.oneof(
    { weight: 6, arbitrary: json(object) },
    { weight: 2, arbitrary: json(value) },
    { weight: 1, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(fc.string({ maxLength: 50 }), fc.constantFrom('{', '{"a":', '[1,2', '{"__proto__":{"x":1}}', 'nul'))
        .map((raw) => ({ raw, contentType: 'application/json' })),
    },
    { weight: 1, arbitrary: text.map((raw) => ({ raw, contentType: 'text/plain' })) },
  );
}

function queryFor(route: Route): fc.Arbitrary<string> {
  const names = [...route.queryNames, 'page', 'pageSize', 'q'];
  const pair = fc.tuple(fc.oneof(fc.constantFrom(...names), fc.constantFrom(...nasty.slice(0, 5)), text), text);
  return fc
    .array(pair, { maxLength: 5 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
}

const requestArb = () =>
  fc.constantFrom(...routes).chain((route) =>
    fc.record({
      route: fc.constant(route),
      ids: fc.array(id, { minLength: 4, maxLength: 4 }),
      query: queryFor(route),
      body: route.method === 'GET' || route.method === 'DELETE' ? fc.constant(null) : bodyFor(route),
      auth: fc.constantFrom<'admin' | 'none' | 'garbage'>('admin', 'admin', 'admin', 'admin', 'none', 'garbage'),
    }),
  );

describe('the NUL character, which PostgreSQL text cannot hold', () => {
  it('is refused with a 400 that says so, in a query string, a body or a path', async () => {
    for (const path of ['/learners?q=%00', '/credentials?q=a%00b', '/verify/%00']) {
      const answer = await sut.call('GET', path);
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      expect((answer.body as { message: string }).message).toContain('NUL character (U+0000)');
    }
    const body = await sut.call('POST', '/learners', { body: { givenName: 'Ava\u0000', familyName: 'Nguyen' } });
    expect(body.status).toBe(400);
    expect((body.body as { message: string }).message).toBe(
      'The request body may not contain the NUL character (U+0000) (at givenName)',
    );
  });
});

describe('fuzzing every documented route', () => {
  it('answers malformed ids, queries and bodies with 4xx, never 5xx, and /health stays quick', async () => {
    let requests = 0;
    let longestHealthMs = 0;
    const failures: string[] = [];
    const touched = new Set<string>();
    let running = true;
    const healthLoop = (async () => {
      while (running) {
        const started = performance.now();
        const answer = await fetch(`${sut.url}/health`);
        await answer.arrayBuffer();
        longestHealthMs = Math.max(longestHealthMs, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    const send = async (r: {
      route: Route;
      ids: string[];
      query: string;
      body: { raw: string; contentType: string } | null;
      auth: 'admin' | 'none' | 'garbage';
    }) => {
      let i = 0;
      const path = r.route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(r.ids[i++ % r.ids.length]!));
      const url = `${sut.url}${path}${r.query ? `?${r.query}` : ''}`;
      const headers: Record<string, string> = {};
      if (r.auth === 'admin') headers.authorization = `Bearer ${sut.adminKey}`;
      if (r.auth === 'garbage') headers.authorization = 'Bearer ce_garbage';
      if (r.body) headers['content-type'] = r.body.contentType;
      const response = await fetch(url, { method: r.route.method, headers, body: r.body?.raw });
      const answer = await response.text();
      requests += 1;
      touched.add(`${r.route.method} ${r.route.path}`);
      if (response.status >= 500) {
        failures.push(
          `${response.status} ${r.route.method} ${path}?${r.query.slice(0, 200)} body=${(r.body?.raw ?? '').slice(0, 300)} -> ${answer.slice(0, 300)}`,
        );
      }
      return response.status < 500;
    };

    try {
      await fc.assert(
        fc.asyncProperty(fc.array(requestArb(), { minLength: parallel, maxLength: parallel }), async (batch) => {
          const results = await Promise.all(batch.map(send));
          return results.every(Boolean);
        }),
        { numRuns: batches, endOnFailure: true },
      );
    } catch (err) {
      // A 5xx is listed below, shorter than fast-check's counterexample; anything else is a defect of the test.
      if (!failures.length) throw err;
    } finally {
      running = false;
      await healthLoop;
      console.log(
        `fuzz: ${requests} requests to ${touched.size} of ${routes.length} routes; longest /health ${Math.round(longestHealthMs)} ms`,
      );
    }
    expect(failures).toEqual([]);
    expect(touched.size).toBe(routes.length);
    expect(longestHealthMs).toBeLessThan(1000);
  }, 300_000);
});
