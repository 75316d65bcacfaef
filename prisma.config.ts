// Configuration of the Prisma CLI (generate, migrate, db push, …).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'prisma/config';

const root = import.meta.dirname;

// Prisma 7 no longer reads .env itself. Variables already set in the environment win.
const envFile = path.join(root, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

// Every CLI command would first download Prisma's native schema engine; use the project's
// stand-in (Prisma's WebAssembly engine behind the native engine's protocol) instead.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(root, 'prisma/engine/schema-engine.mjs');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    // The same demo seed that `npm start` runs once (server-only modules need this condition).
    seed: 'node --conditions=react-server --import tsx prisma/seed.ts',
  },
  datasource: { url: process.env.DATABASE_URL },
});
