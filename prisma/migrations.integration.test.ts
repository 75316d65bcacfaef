import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ensureDatabase } from '@/lib/embedded-postgres';
import { runPrisma } from '@/lib/prisma-cli';

// The Prisma CLI through the project's own schema engine (prisma/engine/), offline, on a
// database that has never seen a migration.
async function freshDatabase() {
  const url = new URL(inject('adminDatabaseUrl'));
  url.pathname = `/fresh_${randomUUID().replace(/-/g, '')}`;
  await ensureDatabase(inject('adminDatabaseUrl'), url.pathname.slice(1));
  return url.toString();
}

describe('migrations', () => {
  it('deploy onto a fresh database, idempotently, and match the schema exactly', async () => {
    const url = await freshDatabase();

    const deploy = await runPrisma(['migrate', 'deploy'], url);
    expect(deploy.output).toContain('All migrations have been successfully applied.');
    expect(deploy.code).toBe(0);
    const again = await runPrisma(['migrate', 'deploy'], url);
    expect(again.output).toContain('No pending migrations to apply.');

    const status = await runPrisma(['migrate', 'status'], url);
    expect(status.output).toContain('Database schema is up to date!');

    // The deployed database and the migrations folder both say exactly what schema.prisma says.
    const live = await runPrisma(
      ['migrate', 'diff', '--from-config-datasource', '--to-schema', 'prisma/schema.prisma', '--exit-code'],
      url,
    );
    expect(live.output).toContain('No difference detected.');
    expect(live.code).toBe(0);
    const folder = await runPrisma(
      ['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema', 'prisma/schema.prisma', '--exit-code'],
      url,
    );
    expect(folder.output).toContain('No difference detected.');
    expect(folder.code).toBe(0);
  });

  it('reports a difference with exit code 2 when the schema is ahead of the database', async () => {
    const url = await freshDatabase();
    const diff = await runPrisma(
      ['migrate', 'diff', '--from-config-datasource', '--to-schema', 'prisma/schema.prisma', '--exit-code'],
      url,
    );
    expect(diff.code).toBe(2);
  });

  it('validates the schema', async () => {
    const validate = await runPrisma(['validate'], await freshDatabase());
    expect(validate.output).toContain('is valid');
    expect(validate.code).toBe(0);
  });
});
