// Migrations are written by hand (no schema engine download here): this compares the database
// they build with prisma/schema.prisma, so a migration that forgets a column, an index or a
// foreign key fails here instead of at a user's first query.
import { describe, expect, it } from 'vitest';
import { runPrisma } from '@/lib/prisma-cli';

describe('migrations', () => {
  it('build exactly the database prisma/schema.prisma describes', async () => {
    const { code, output } = await runPrisma(
      ['migrate', 'diff', '--from-config-datasource', '--to-schema', 'prisma/schema.prisma', '--script'],
      process.env.DATABASE_URL!,
    );
    expect(code).toBe(0);
    const statements = output
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('--') && !line.startsWith('Loaded Prisma config'));
    expect(statements).toEqual([]);
  }, 120_000);
});
