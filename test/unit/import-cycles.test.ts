import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sut = require('../../dev/lint/import-cycles.cjs');

function lint(files: Record<string, string>, entry: string) {
  const dir = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  sut.resetCache();
  const linter = new Linter({ cwd: dir });
  return linter.verify(
    files[entry]!,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser as Linter.Parser },
        plugins: { project: { rules: { 'import-cycles': sut } } },
        rules: { 'project/import-cycles': 'error' },
      },
    ],
    join(dir, entry),
  );
}

describe('the import-cycles lint rule', () => {
  it('finds a circle made only of type imports, which import/no-cycle skips', () => {
    const problems = lint(
      {
        'a.ts': "import type { B } from './b';\nexport type A = B[];\n",
        'b.ts': "import type { C } from './c';\nexport type B = C;\n",
        'c.ts': "import { type A } from './a';\nexport type C = A | string;\n",
      },
      'a.ts',
    );
    expect(problems.map((p) => p.message)).toEqual([
      'Import circle (type imports included): a.ts -> b.ts -> c.ts -> a.ts',
    ]);
  });

  it('lets imports that go one way pass', () => {
    const problems = lint(
      { 'a.ts': "import type { B } from './b';\nexport type A = B[];\n", 'b.ts': 'export type B = string;\n' },
      'a.ts',
    );
    expect(problems).toEqual([]);
  });
});
