import path from 'node:path';
import { defineConfig } from 'vitest/config';

const shared = {
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests call server code directly.
      'server-only': path.resolve(import.meta.dirname, 'test/server-only.ts'),
    },
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: 'unit',
          // .tsx: components and hooks, rendered in happy-dom (the file says so).
          include: ['**/*.test.ts', '**/*.test.tsx'],
          // The 5 s default was exceeded by parsing tests while a build ran beside them.
          testTimeout: 30_000,
          exclude: ['**/*.integration.test.ts', 'node_modules/**', 'e2e/**', '.next/**'],
        },
      },
      {
        ...shared,
        test: {
          name: 'integration',
          include: ['**/*.integration.test.ts'],
          exclude: ['node_modules/**', '.next/**'],
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/database.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
