// Lint: typescript-eslint's recommended rules, plus the import direction of the architecture:
// domain/ is pure and imports nothing from the layers that do I/O.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.test-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/app/**', '**/infra/**', '**/web/**', '**/cli/**'], message: 'domain/ is pure: it must not import from app/, infra/, web/ or cli/.' },
            { group: ['kysely', 'pg', '@electric-sql/*', 'fastify', 'hono', 'hono/*', 'pg-boss', 'node:fs', 'node:fs/*', 'node:http', 'node:net'], message: 'domain/ does no I/O.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/web/**', '**/cli/**'], message: 'app/ must not depend on web/ or cli/.' }] }],
    },
  },
);
