import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { bulkStatements, isUniqueViolation, prisma } from '@/lib/db';
import { toActionError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { createOrganization } from '@/test/factories';

describe('bulkStatements', () => {
  it("runs on the transaction's own connection: it sees what the transaction wrote, and the transaction sees its rows", async () => {
    const seen = await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`CREATE TEMP TABLE bulk_probe (n int) ON COMMIT DROP`;
      const bulk = await bulkStatements(tx);
      const inserted = await bulk(Prisma.sql`INSERT INTO bulk_probe (n) SELECT unnest(${[1, 2, 3]}::int[])`);
      const [row] = await tx.$queryRaw<{ total: number }[]>`SELECT sum(n)::int AS total FROM bulk_probe`;
      return { inserted, total: row!.total };
    });
    expect(seen).toEqual({ inserted: 3, total: 6 });
  });

  it('fails as Prisma would: a clash names its key, a value PostgreSQL cannot store is a validation error', async () => {
    const { ctx } = await createOrganization();
    const failure = (statement: Prisma.Sql) =>
      prisma
        .$transaction(async (tx) => (await bulkStatements(tx))(statement))
        .then(
          () => null,
          (error: unknown) => error,
        );
    const clash = await failure(
      Prisma.sql`INSERT INTO "System" ("id", "orgId", "name", "description", "regions", "updatedAt")
       SELECT gen_random_uuid(), ${ctx.orgId}::uuid, 'Twice', '', '{}', now() FROM generate_series(1, 2)`,
    );
    expect(isUniqueViolation(clash)).toBe(true);
    expect(toActionError(clash)).toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { name: [expect.stringContaining('system with this name')] },
    });
    const nul = await failure(Prisma.sql`SELECT ${'["bad\\u0000text"]'}::jsonb`);
    expect(toActionError(nul)).toMatchObject({ code: 'VALIDATION' });
  });

  it('commits and rolls back with the transaction', async () => {
    const { ctx } = await createOrganization();
    const rename = (name: string, fail: boolean) =>
      prisma.$transaction(async (tx) => {
        const bulk = await bulkStatements(tx);
        await bulk(Prisma.sql`UPDATE "Organization" SET "name" = ${name} WHERE "id" = ${ctx.orgId}::uuid`);
        if (fail) throw new Error('Something later failed');
      });
    await expect(rename('Rolled back', true)).rejects.toThrow('Something later failed');
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: ctx.orgId } })).name).not.toBe('Rolled back');
    await rename('Committed', false);
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: ctx.orgId } })).name).toBe('Committed');
  });

  it("goes through Prisma when the connection found is not the transaction's (a pooler's ids), still inside the transaction", async () => {
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      const seen = await prisma.$transaction(async (tx) => {
        await tx.$executeRaw`CREATE TEMP TABLE bulk_probe (n int) ON COMMIT DROP`;
        // Another connection under the transaction's id: its token does not match, so it is not used.
        const bulk = await bulkStatements(tx, () => other as unknown as pg.PoolClient);
        const inserted = await bulk(Prisma.sql`INSERT INTO bulk_probe (n) SELECT unnest(${[1, 2, 3]}::int[])`);
        const [row] = await tx.$queryRaw<{ total: number }[]>`SELECT sum(n)::int AS total FROM bulk_probe`;
        return { inserted, total: row!.total };
      });
      expect(seen).toEqual({ inserted: 3, total: 6 });
    } finally {
      await other.end();
    }
  });
});
