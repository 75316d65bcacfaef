import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { createOrganization } from '@/test/factories';
import { importOscalText } from './frameworks-import.data';

const OSCAL = path.resolve(import.meta.dirname, '../../../shared/data/oscal');
const NIST = readFileSync(path.join(OSCAL, 'NIST_SP-800-53_rev5_catalog.json'), 'utf8');
const options = { via: 'upload' as const, schemaDir: OSCAL };

const leftBehind = async (ctx: OrgContext) => ({
  frameworks: await prisma.framework.count({ where: { orgId: ctx.orgId } }),
  requirements: await prisma.requirement.count({ where: { orgId: ctx.orgId } }),
  events: await prisma.auditEvent.count({ where: { chain: ctx.orgId, action: 'framework.imported' } }),
});

type Node = { id?: string; groups?: Node[]; controls?: Node[] };
/** NIST's catalog with its groups repeated `copies` times under new ids, as a larger catalog would be. */
function repeated(copies: number): string {
  const doc = JSON.parse(NIST) as { catalog: { metadata: { title: string }; groups: Node[] } };
  const rename = (node: Node, k: number): Node => ({
    ...node,
    ...(node.id ? { id: `${node.id}-${k}` } : {}),
    ...(node.controls ? { controls: node.controls.map((c) => rename(c, k)) } : {}),
    ...(node.groups ? { groups: node.groups.map((g) => rename(g, k)) } : {}),
  });
  const groups = doc.catalog.groups;
  doc.catalog.metadata.title = `NIST, ${copies} times`;
  doc.catalog.groups = Array.from({ length: copies }, (_, k) => groups.map((g) => rename(g, k))).flat();
  return JSON.stringify(doc, null, 2);
}

describe('OSCAL import at size', () => {
  it('refuses nesting, size and encoding beyond the limits before any work, leaving nothing behind', async () => {
    const { ctx } = await createOrganization();
    const deep = `{"catalog": ${'['.repeat(70)}${']'.repeat(70)}}`;
    await expect(importOscalText(ctx, deep, options)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'The file is not valid JSON: nesting deeper than 64 levels at line 1, column 76.',
    });
    process.env.DEMARC_OSCAL_MAX_VALUES = '10000';
    try {
      await expect(importOscalText(ctx, NIST, options)).rejects.toThrow(
        /^The file is not valid JSON: more than 10,000 values at line \d+, column \d+\.$/,
      );
    } finally {
      delete process.env.DEMARC_OSCAL_MAX_VALUES;
    }
    await expect(
      importOscalText(ctx, Buffer.concat([Buffer.from(NIST.slice(0, 1000)), Buffer.from([0xc3, 0x28])]), options),
    ).rejects.toThrow('The file is not UTF-8 text, so it cannot be OSCAL JSON.');
    expect(await leftBehind(ctx)).toEqual({ frameworks: 0, requirements: 0, events: 0 });
  });

  it('imports a catalog several times NIST’s size a part at a time, in one transaction', async () => {
    const { ctx } = await createOrganization();
    const result = await importOscalText(ctx, Buffer.from(repeated(4)), options);
    expect(result).toMatchObject({ created: 4 * 1209, total: 4 * 1209, validation: 'schema' });
    const [first, last] = await Promise.all(
      ['ac-2.1-0', 'ac-2.1-3'].map((externalId) =>
        prisma.requirement.findFirstOrThrow({
          where: { frameworkId: result.framework.id, externalId },
          select: { statement: true, parent: { select: { externalId: true } } },
        }),
      ),
    );
    expect(first).toEqual({
      statement: 'Support the management of system accounts using [Assignment: organization-defined automated mechanisms].',
      parent: { externalId: 'ac-2-0' },
    });
    expect(last).toEqual({ ...first, parent: { externalId: 'ac-2-3' } });
    // Every row the import wrote, and its audit event, carry the id of one transaction.
    const [written] = await prisma.$queryRaw<{ transactions: number }[]>`
      SELECT count(DISTINCT x)::int AS transactions FROM (
        SELECT xmin::text AS x FROM "Requirement" WHERE "orgId" = ${ctx.orgId}::uuid
        UNION ALL SELECT xmin::text FROM "Framework" WHERE "orgId" = ${ctx.orgId}::uuid
        UNION ALL SELECT xmin::text FROM "AuditEvent" WHERE "chain" = ${ctx.orgId} AND "action" = 'framework.imported'
      ) AS rows`;
    expect(written).toEqual({ transactions: 1 });
  });
});
