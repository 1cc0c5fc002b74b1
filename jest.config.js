// @react-pdf and its dependencies ship ESM only: swc transforms them too (see DESIGN.md, "Stack").
const esmPackages = [
  '@react-pdf',
  'yoga-layout',
  'fontkit',
  'restructure',
  'unicode-properties',
  'unicode-trie',
  'brotli',
  'linebreak',
  'dfa',
  'tiny-inflate',
  'base64-js',
  'pako',
  'hsl-to-hex',
  'hsl-to-rgb-for-reals',
  'media-engine',
  'postcss-value-parser',
  'normalize-svg-path',
  'parse-svg-path',
  'svg-arc-to-cubic-bezier',
  'abs-svg-path',
  'color-string',
  'color-name',
  'is-url',
  'emoji-regex',
  'queue',
  'jay-peg',
  'bidi-js',
  'crypto-js',
  'clone',
  'hyphen',
  'fast-deep-equal',
  'vite-compatible-readable-stream',
  'browserify-zlib',
  'png-js',
  // Verifiable credentials (the tests' independent verifier) and their ESM dependencies.
  '@digitalbazaar',
  '@digitalcredentials',
  '@stablelib',
  'base58-universal',
  'base64url-universal',
  'html-entities',
  'ky',
];

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true, decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.(t|j|mj)sx?$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  // @react-pdf/hyphenate exports only an "import" condition, which Jest's require cannot resolve.
  moduleNameMapper: {
    '^@react-pdf/hyphenate$': '<rootDir>/node_modules/@react-pdf/hyphenate/lib/index.js',
    '^@react-pdf/hyphenate/(.*)$': '<rootDir>/node_modules/@react-pdf/hyphenate/lib/$1.js',
  },
  setupFiles: ['<rootDir>/test/setup/clear-orm-metadata.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60_000,
};
