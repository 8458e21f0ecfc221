import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

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
    files: ['libs/subsidy-engine/**/*.ts'],
    ignores: ['libs/subsidy-engine/**/*.node.ts', 'libs/subsidy-engine/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', 'typeorm', 'pg', 'ioredis', 'bullmq', 'meilisearch', 'fs', 'node:fs'], message: 'The subsidy engine is pure: no framework, no I/O.' }] },
      ],
    },
  },
);
