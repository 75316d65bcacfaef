// One embedded PostgreSQL for the whole integration run, with a template database that has
// every migration applied. Each test file clones the template (test/database.ts), so files
// run in parallel without seeing each other's rows.
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDatabase, startEmbeddedPostgres } from '@/lib/embedded-postgres';
import { applyMigrations } from '@/lib/prisma-cli';

const TEMPLATE_DATABASE = 'demarc_template';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'demarc-test-'));
  // mkdtemp makes the folder private to us; PostgreSQL may run as its own user.
  await chmod(dataDir, 0o755);
  const postgres = await startEmbeddedPostgres({ dataDir, persistent: false });
  await ensureDatabase(postgres.url('postgres'), TEMPLATE_DATABASE);
  await applyMigrations(postgres.url(TEMPLATE_DATABASE));
  project.provide('adminDatabaseUrl', postgres.url('postgres'));
  project.provide('templateDatabaseUrl', postgres.url(TEMPLATE_DATABASE));
  return () => postgres.stop();
}
