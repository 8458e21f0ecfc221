import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// A lib is used through its index.ts (and the few subpaths tsconfig declares), never by a path
// into its src: the boundaries between domains are the names each index exports.
const LIB_BOUNDARIES = [
  {
    group: ['**/libs/*/src', '**/libs/*/src/**', '../../*/src', '../../*/src/**', '../../../*/src/**'],
    message: 'Import another lib through its public names: @app/<lib>.',
  },
  {
    group: [
      '@app/*/*',
      '!@app/platform/validation',
      '!@app/platform/geo',
      '!@app/subsidy-engine/load-policies.node',
      '!@app/seekers/vocabulary',
      '!@app/jobs/vocabulary',
    ],
    message: 'Only the subpaths declared in tsconfig.json; otherwise @app/<lib>.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'apps/web/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "Property[key.name='synchronize'][value.value=true]", message: 'Use migrations, never synchronize.' },
      ],
    },
  },
  {
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: LIB_BOUNDARIES,
          // Every POST honours Idempotency-Key through its route-scoped interceptor.
          paths: [{ name: '@nestjs/common', importNames: ['Post'], message: 'Use IdempotentPost from @app/platform.' }],
        },
      ],
    },
  },
  {
    files: ['libs/platform/src/http/idempotency.interceptor.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: LIB_BOUNDARIES }] },
  },
  {
    files: ['libs/subsidy-engine/**/*.ts'],
    ignores: ['libs/subsidy-engine/**/*.node.ts', 'libs/subsidy-engine/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...LIB_BOUNDARIES,
            {
              group: ['@nestjs/*', 'typeorm', 'pg', 'ioredis', 'bullmq', 'meilisearch', 'fs', 'node:fs'],
              message: 'The subsidy engine is pure: no framework, no I/O.',
            },
          ],
        },
      ],
    },
  },
);
