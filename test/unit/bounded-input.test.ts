import { requestInputProblem } from '../../apps/api/common/body';
import { badRequest } from '../../apps/api/common/validation';
import { mergeTextProblems } from '../../domain/templates/merge-fields';

describe('merge fields', () => {
  it('checks {{ followed by 2,000 spaces in milliseconds', () => {
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) mergeTextProblems(`{{${' '.repeat(2000)}`);
    expect(performance.now() - started).toBeLessThan(200);
    expect(mergeTextProblems(`{{${' '.repeat(2000)}`)).toEqual([{ kind: 'malformed', near: '{{                  ' }]);
  });

  it('still reads names with spaces inside the braces', () => {
    expect(mergeTextProblems('{{ learner.fullName }} and {{course.name}}')).toEqual([]);
    expect(mergeTextProblems('{{  learner.usi }}')).toEqual([{ kind: 'unknown', field: 'learner.usi' }]);
  });
});

describe('body shape', () => {
  it('refuses prototype keys at any depth and bodies nested too deep', () => {
    expect(requestInputProblem({ a: [{ b: { c: 1 } }] })).toBeNull();
    expect(requestInputProblem(JSON.parse('{"a":{"__proto__":{"x":1}}}'))).toContain('"__proto__" (at a.__proto__)');
    expect(requestInputProblem({ packagingRules: { electives: { constructor: 1 } } })).toContain('"constructor"');
    expect(requestInputProblem([{ prototype: 1 }])).toContain('"prototype"');
    expect(requestInputProblem(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toContain('deeper than 32');
  });

  it('refuses the NUL character, which PostgreSQL text cannot hold, in any value or key, and says where', () => {
    expect(requestInputProblem({ q: 'Ava' }, 'query string')).toBeNull();
    expect(requestInputProblem({ q: 'a\u0000b' }, 'query string')).toBe(
      'The query string may not contain the NUL character (U+0000) (at q)',
    );
    expect(requestInputProblem({ units: [{ title: '\u0000' }] })).toContain(
      'NUL character (U+0000) (at units.0.title)',
    );
    expect(requestInputProblem({ ['a\u0000']: 1 })).toContain('NUL character (U+0000) (in a key)');
    expect(requestInputProblem('\u0000')).toBe('The request body may not contain the NUL character (U+0000)');
  });
});

describe('400 answers', () => {
  it('list the first 50 problems and say how many there were', () => {
    const problems = Array.from({ length: 70 }, (_, i) => ({ field: `f${i}`, messages: [`f${i} is wrong`] }));
    const body = badRequest(problems).getResponse() as { message: string; details: unknown[] };
    expect(body.details).toHaveLength(50);
    expect(body.message).toMatch(/^Invalid request \(70 problems; the first 50 are listed\): f0 is wrong;/);
    expect(body.message).not.toContain('f50');
    expect((badRequest(problems.slice(0, 2)).getResponse() as { message: string }).message).toBe(
      'Invalid request: f0 is wrong; f1 is wrong',
    );
  });
});
