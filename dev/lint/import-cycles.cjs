'use strict';
// An ESLint rule: no import circle between the project's own files, type-only imports included. import/no-cycle skips
// `import type`, but a circle of types still ties the modules' meanings together (and once was how activities/ and
// workflows/ depended on each other).
const { readFileSync, statSync } = require('node:fs');
const { dirname, relative, resolve } = require('node:path');
const ts = require('typescript');

const extensions = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The project files a file imports (values, types and re-exports alike); packages are left out. */
function importsOf(file, cache) {
  let found = cache.get(file);
  if (found) return found;
  found = [];
  cache.set(file, found);
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const base = resolve(dirname(file), fileName);
    const target = [base, ...extensions.map((ext) => base + ext)].find((path) => /\.tsx?$/.test(path) && isFile(path));
    if (target) found.push(target);
  }
  return found;
}

/** One circle through `start`, as the list of files from it back to it, or null. */
function circleThrough(start, cache) {
  const seen = new Set([start]);
  const path = [start];
  const walk = (file) => {
    for (const next of importsOf(file, cache)) {
      if (next === start) return [...path, start];
      if (seen.has(next)) continue;
      seen.add(next);
      path.push(next);
      const circle = walk(next);
      if (circle) return circle;
      path.pop();
    }
    return null;
  };
  return walk(start);
}

const cache = new Map();

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import circles between project files, type-only imports included' },
    schema: [],
    messages: { circle: 'Import circle (type imports included): {{circle}}' },
  },
  create(context) {
    const file = context.filename;
    return {
      'Program:exit'(node) {
        if (!/\.tsx?$/.test(file)) return;
        const circle = circleThrough(file, cache);
        if (!circle) return;
        const root = context.cwd;
        context.report({
          node,
          messageId: 'circle',
          data: { circle: circle.map((f) => relative(root, f)).join(' -> ') },
        });
      },
    };
  },
  /** For tests: forget what was read (files change between cases). */
  resetCache: () => cache.clear(),
};
