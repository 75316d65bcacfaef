import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

const prismaOnlyInDataFiles = {
  patterns: [
    {
      group: ['@/lib/db', '**/lib/db', '**/generated/prisma/client*', '@prisma/client', '@prisma/client/*'],
      message: 'Only *.data.ts files query the database (see STYLE.md): call a data function instead.',
    },
  ],
};

const config = [
  { ignores: ['.next/**', 'node_modules/**', 'lib/generated/**', '.data/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
  ...nextVitals,
  ...nextTs,
  // Prettier owns formatting (`prettier --check` in `npm run lint`).
  prettier,
  {
    rules: {
      'no-restricted-imports': ['error', prismaOnlyInDataFiles],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The data-access layer, and the tests and tooling that set up databases.
    files: ['**/*.data.ts', 'lib/db.ts', '**/*.integration.test.ts', 'test/**', 'scripts/**', 'prisma/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
];

export default config;
