// Column choice on the register: remembered per member and organization, over the version read,
// validated with the form's schema, and audited.
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization } from '@/test/factories';
import { callAction, sessionOf } from '@/test/requests';
import { saveRegisterColumnsAction } from './controls.actions';
import { getRegisterColumns, saveRegisterColumns } from './register-columns.data';

describe('register columns', () => {
  it('are remembered for the member who chose them, and audited', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: viewer } = await createMember(owner, 'VIEWER');
    expect(await getRegisterColumns(viewer)).toEqual({ hidden: [], version: 0 });

    // A viewer changes nothing in the organization, but chooses their own columns.
    const saved = await callAction(saveRegisterColumnsAction, sessionOf(viewer), owner.orgSlug, {
      hidden: ['evidence', 'family'],
      version: 0,
    });
    expect(saved).toEqual({ ok: true, data: { hidden: ['family', 'evidence'], version: 1 } });
    expect(await getRegisterColumns(viewer)).toEqual({ hidden: ['family', 'evidence'], version: 1 });
    // Nobody else's view changes.
    expect(await getRegisterColumns(owner)).toEqual({ hidden: [], version: 0 });

    const events = await prisma.auditEvent.findMany({
      where: { orgId: owner.orgId, action: 'register.columns_saved' },
      select: { actorId: true, entityId: true, after: true },
    });
    expect(events).toEqual([{ actorId: viewer.userId, entityId: viewer.userId, after: { hidden: ['family', 'evidence'] } }]);

    // Showing them all again.
    await saveRegisterColumns(viewer, { hidden: [], version: 1 });
    expect(await getRegisterColumns(viewer)).toEqual({ hidden: [], version: 2 });
  });

  it('refuse a save over a newer choice (another tab) and unknown columns', async () => {
    const { ctx } = await createOrganization();
    await saveRegisterColumns(ctx, { hidden: ['owner'], version: 0 });
    await expect(saveRegisterColumns(ctx, { hidden: ['status'], version: 0 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await saveRegisterColumns(ctx, { hidden: ['status'], version: 1 });
    await expect(saveRegisterColumns(ctx, { hidden: [], version: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await getRegisterColumns(ctx)).toEqual({ hidden: ['status'], version: 2 });

    const bad = await callAction(saveRegisterColumnsAction, sessionOf(ctx), ctx.orgSlug, { hidden: ['code'], version: 2 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const twice = await callAction(saveRegisterColumnsAction, sessionOf(ctx), ctx.orgSlug, { hidden: ['owner', 'owner'], version: 2 });
    expect(twice).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('belong to one organization: the same person elsewhere starts afresh', async () => {
    const { ctx: a } = await createOrganization();
    const { ctx: b } = await createOrganization();
    await saveRegisterColumns(a, { hidden: ['family'], version: 0 });
    expect(await getRegisterColumns(b)).toEqual({ hidden: [], version: 0 });
  });
});
