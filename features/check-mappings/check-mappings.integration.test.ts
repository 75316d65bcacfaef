import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { setControlArchived } from '@/features/controls/controls.data';
import { createMember, createOrganization, createTestControl } from '@/test/factories';
import { callAction, sessionOf } from '@/test/requests';
import { createCheckMappingAction } from './check-mappings.actions';
import { createCheckMapping, deleteCheckMapping, listCheckMappings, listControlChoices } from './check-mappings.data';
import { CHECK_MAPPINGS_PAGE_SIZE } from './check-mappings.schema';

describe('check → control mappings', () => {
  it('adds, lists, filters and removes mappings, each audited', async () => {
    const { ctx } = await createOrganization();
    const s3 = await createTestControl(ctx, { code: 'S3-BPA', title: 'S3 Block Public Access' });
    const root = await createTestControl(ctx, { code: 'ROOT', title: 'Root user protection' });
    const created = await createCheckMapping(ctx, { checkId: 'S3.8', controlId: s3.id });
    expect(created).toMatchObject({ checkId: 'S3.8', controlCode: 'S3-BPA' });
    await createCheckMapping(ctx, { checkId: 's3_bucket_level_public_access_block', controlId: s3.id });
    await createCheckMapping(ctx, { checkId: 'root-mfa', controlId: root.id });
    // One check may land on several controls.
    await createCheckMapping(ctx, { checkId: 'S3.8', controlId: root.id });

    const all = await listCheckMappings(ctx, { q: '', page: 1 });
    expect(all.total).toBe(4);
    // By check id in the database's collation, then control code.
    expect(all.rows.map((r) => `${r.checkId} → ${r.control.code}`)).toEqual([
      'S3.8 → ROOT',
      'S3.8 → S3-BPA',
      'root-mfa → ROOT',
      's3_bucket_level_public_access_block → S3-BPA',
    ]);
    expect((await listCheckMappings(ctx, { q: 's3.8', page: 1 })).total).toBe(2);
    expect((await listCheckMappings(ctx, { q: 'block public', page: 1 })).rows.map((r) => r.checkId)).toEqual([
      'S3.8',
      's3_bucket_level_public_access_block',
    ]);
    expect((await listCheckMappings(ctx, { q: 'root', page: 1 })).total).toBe(2);

    await deleteCheckMapping(ctx, { id: created.id });
    expect((await listCheckMappings(ctx, { q: 'S3-BPA', page: 1 })).rows.map((r) => r.checkId)).toEqual([
      's3_bucket_level_public_access_block',
    ]);
    const events = await prisma.auditEvent.findMany({
      where: { orgId: ctx.orgId, entityId: created.id },
      orderBy: { seq: 'asc' },
      select: { action: true, before: true, after: true },
    });
    expect(events).toEqual([
      { action: 'check-mapping.created', before: null, after: { checkId: 'S3.8', control: 'S3-BPA' } },
      { action: 'check-mapping.deleted', before: { checkId: 'S3.8', control: 'S3-BPA' }, after: null },
    ]);
  });

  it('pages a long table', async () => {
    const { ctx } = await createOrganization();
    const control = await createTestControl(ctx);
    const total = CHECK_MAPPINGS_PAGE_SIZE + 3;
    await prisma.checkMapping.createMany({
      data: Array.from({ length: total }, (_, i) => ({
        orgId: ctx.orgId,
        checkId: `CHECK.${String(i).padStart(3, '0')}`,
        controlId: control.id,
      })),
    });
    const first = await listCheckMappings(ctx, { q: '', page: 1 });
    const second = await listCheckMappings(ctx, { q: '', page: 2 });
    expect([first.rows.length, second.rows.length, first.total]).toEqual([CHECK_MAPPINGS_PAGE_SIZE, 3, total]);
    expect(second.rows.map((r) => r.checkId)).toEqual(['CHECK.050', 'CHECK.051', 'CHECK.052']);
  });

  it('refuses the same mapping twice, an archived control, and a check id with spaces, saying why', async () => {
    const { ctx } = await createOrganization();
    const control = await createTestControl(ctx, { code: 'NET-1' });
    await createCheckMapping(ctx, { checkId: 'EC2.13', controlId: control.id });
    await expect(createCheckMapping(ctx, { checkId: 'EC2.13', controlId: control.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'EC2.13 is already mapped to NET-1.',
      fieldErrors: { checkId: ['EC2.13 is already mapped to NET-1.'] },
    });
    const spaced = await callAction(createCheckMappingAction, sessionOf(ctx), ctx.orgSlug, { checkId: 'EC2 13', controlId: control.id });
    expect(spaced).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { checkId: [expect.stringMatching(/no spaces/)] } },
    });
    const trimmed = await callAction(createCheckMappingAction, sessionOf(ctx), ctx.orgSlug, {
      checkId: '  EC2.14 ',
      controlId: control.id,
    });
    expect(trimmed).toMatchObject({ ok: true, data: { checkId: 'EC2.14' } });
    await setControlArchived(ctx, { id: control.id, version: 1, archived: true });
    await expect(createCheckMapping(ctx, { checkId: 'EC2.19', controlId: control.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'NET-1 is archived. Restore it before mapping checks to it.',
    });
    expect(await listControlChoices(ctx)).toEqual([]);
  });

  it("is changed by owners, admins and editors only, and never reaches another organization's controls or mappings", async () => {
    const { ctx } = await createOrganization();
    const control = await createTestControl(ctx);
    const mapping = await createCheckMapping(ctx, { checkId: 'IAM.9', controlId: control.id });
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    await expect(createCheckMapping(editor, { checkId: 'IAM.6', controlId: control.id })).resolves.toMatchObject({ checkId: 'IAM.6' });
    for (const role of ['VIEWER', 'AUDITOR'] as const) {
      const { ctx: member } = await createMember(ctx, role);
      await expect(createCheckMapping(member, { checkId: 'IAM.4', controlId: control.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(deleteCheckMapping(member, { id: mapping.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const { ctx: outsider } = await createOrganization();
    await expect(createCheckMapping(outsider, { checkId: 'IAM.4', controlId: control.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteCheckMapping(outsider, { id: mapping.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listCheckMappings(outsider, { q: '', page: 1 })).total).toBe(0);
    expect(await listControlChoices(outsider)).toEqual([]);
    expect(await prisma.checkMapping.count({ where: { controlId: control.id } })).toBe(2);
  });
});
