import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

/** What the image runs (Dockerfile, Compose, manifests): our three roles and the worker's render processes. */
export const imageEntryPoints = [
  'apps/api/main.js',
  'apps/worker/main.js',
  'apps/worker/render-process.js',
  'apps/migrate/main.js',
];

const builtins = new Set(builtinModules);

function localFile(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.js`, join(base, 'index.js')].find((file) => existsSync(file) && statSync(file).isFile());
}

/**
 * Each package the compiled files and those they require (ours, transitively) load, with the first file loading it.
 * Names made at run time (the fonts' packages) are not seen: those are listed in package.json's dependencies.
 */
export function packagesRequired(entryFiles: string[]): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [...entryFiles];
  for (let file = queue.pop(); file; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, , specifier = ''] of readFileSync(file, 'utf8').matchAll(
      /require(?:\.resolve)?\((["'])([^"'`]+)\1\)/g,
    )) {
      if (specifier.startsWith('.')) {
        const local = localFile(file, specifier);
        if (local) queue.push(local);
      } else if (!specifier.startsWith('node:') && !builtins.has(specifier)) {
        const name = specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/');
        if (!packages.has(name)) packages.set(name, file);
      }
    }
  }
  return packages;
}

/**
 * Packages the image's scripts load that its build stage's `npm prune --omit=dev` removes, or that the lockfile does
 * not install: the image would build, then fail as it starts, though every test passed with the dev dependencies.
 */
export function imageDependencyProblems(root: string, distDir = join(root, 'dist')): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  const problems: string[] = [];
  for (const [name, file] of packagesRequired(imageEntryPoints.map((entry) => join(distDir, entry)))) {
    const installed = lock.packages[`node_modules/${name}`];
    const where = relative(distDir, file);
    if (!installed) problems.push(`${where} requires ${name}, which package-lock.json does not install`);
    else if (installed.dev) {
      problems.push(`${where} requires ${name}, a devDependency: the image's npm prune --omit=dev removes it`);
    }
  }
  return problems;
}
