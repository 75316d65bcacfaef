import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization } from '@/test/factories';
import { audited, listAuditEvents, verifyAllAuditChains, verifyChain } from './audit.data';

const sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
await sql.connect();
afterAll(() => sql.end());

describe('audit log', () => {
  it('keeps a linear chain under concurrent writers', async () => {
    const { ctx } = await createOrganization();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        audited({ orgId: ctx.orgId, userId: ctx.userId }, async (_tx, record) => {
          record({ action: 'test.event', entityType: 'Test', entityId: String(i), after: { i } });
        }),
      ),
    );
    const seqs = (await prisma.auditEvent.findMany({ where: { chain: ctx.orgId }, select: { seq: true }, orderBy: { seq: 'asc' } })).map(
      (e) => e.seq,
    );
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(await verifyChain(ctx.orgId)).toEqual({ checked: seqs.length, firstBreak: null });
  });

  it('rolls back a change when its audit event cannot be written, and refuses unaudited changes', async () => {
    const { ctx } = await createOrganization();
    await expect(
      audited({ orgId: ctx.orgId, userId: ctx.userId }, async (tx) => {
        await tx.organization.update({ where: { id: ctx.orgId }, data: { name: 'Renamed silently' } });
      }),
    ).rejects.toThrow(/at least one audit event/);
    const org = await prisma.organization.findUniqueOrThrow({ where: { id: ctx.orgId } });
    expect(org.name).not.toBe('Renamed silently');
  });

  it('refuses UPDATE and DELETE at the database', async () => {
    const { ctx } = await createOrganization();
    await expect(sql.query(`UPDATE "AuditEvent" SET action = 'x' WHERE chain = $1`, [ctx.orgId])).rejects.toThrow(/append-only/);
    await expect(sql.query(`DELETE FROM "AuditEvent" WHERE chain = $1`, [ctx.orgId])).rejects.toThrow(/append-only/);
  });

  it('reports the first broken link after a row is edited by hand', async () => {
    const { ctx } = await createOrganization();
    await createMember(ctx, 'EDITOR');
    await createMember(ctx, 'VIEWER');
    const other = await createOrganization();

    // Someone with superuser access bypasses the trigger and edits event #4.
    await sql.query('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER');
    await sql.query(`UPDATE "AuditEvent" SET after = '{"role":"OWNER"}' WHERE chain = $1 AND seq = 4`, [ctx.orgId]);
    await sql.query('ALTER TABLE "AuditEvent" ENABLE TRIGGER USER');

    const result = await verifyChain(ctx.orgId);
    expect(result.firstBreak).toMatchObject({ seq: 4, reason: expect.stringContaining('was changed') });
    expect(result.checked).toBe(3);
    const all = await verifyAllAuditChains();
    expect(all.find((c) => c.chain === other.ctx.orgId)?.firstBreak).toBeNull();
  });

  it('shows the log to owners, admins and auditors only, scoped to the organization', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: auditor } = await createMember(owner, 'AUDITOR');
    const { ctx: viewer } = await createMember(owner, 'VIEWER');
    await createOrganization();
    const page = await listAuditEvents(auditor);
    expect(page.total).toBe(7);
    expect(page.events.every((e) => e.seq >= 1)).toBe(true);
    await expect(listAuditEvents(viewer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('pages by keyset on the chain: newest first, older and newer pages without offsets', async () => {
    const { ctx } = await createOrganization();
    await audited(ctx, async (_tx, record) => {
      for (let i = 0; i < 120; i++) record({ action: 'test.event', entityType: 'Test', entityId: String(i) });
    });
    const total = (await listAuditEvents(ctx)).total;
    const first = await listAuditEvents(ctx);
    expect(first.events.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => total - i));
    expect(first).toMatchObject({ newer: null, older: total - 49 });
    const second = await listAuditEvents(ctx, { before: first.older! });
    expect(second.events[0]!.seq).toBe(total - 50);
    expect(second.newer).toBe(total - 50);
    const back = await listAuditEvents(ctx, { after: second.newer! });
    expect(back.events.map((e) => e.seq)).toEqual(first.events.map((e) => e.seq));
    expect(back.newer).toBeNull();
    let page = first;
    const seen = [...page.events];
    while (page.older !== null) {
      page = await listAuditEvents(ctx, { before: page.older });
      seen.push(...page.events);
    }
    expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => total - i));
  });
});
