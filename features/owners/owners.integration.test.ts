import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { listMembers, setMemberDisabled } from '@/features/members/members.data';
import { bulkAssignOwner, listMyControls, saveImplementation } from './owners.data';

const base = { narrative: '', justification: '', ownerId: '', nextReviewAt: '' };

describe('owners of the customer half', () => {
  it('refuses "implemented" on a shared or customer control without an owner, but not on an inherited one', async () => {
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, ['ec2', 'lambda']);
    const shared = await createTestControl(ctx, { defaultType: 'SHARED' });
    const inheritedHere = await createTestControl(ctx, { defaultType: 'SHARED' }, [{ serviceCode: 'lambda', type: 'INHERITED' }]);

    await expect(
      saveImplementation(ctx, { ...base, controlId: shared.id, systemId: system.id, version: 0, status: 'IMPLEMENTED' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { ownerId: [expect.stringContaining('needs an owner')] } });
    expect(await prisma.controlImplementation.count({ where: { orgId: ctx.orgId } })).toBe(0);

    await saveImplementation(ctx, { ...base, controlId: inheritedHere.id, systemId: system.id, version: 0, status: 'IMPLEMENTED' });
    const saved = await saveImplementation(ctx, {
      ...base,
      controlId: shared.id,
      systemId: system.id,
      version: 0,
      status: 'IMPLEMENTED',
      ownerId: ctx.userId,
      narrative: 'Patched monthly with SSM',
    });
    expect(saved).toMatchObject({ status: 'IMPLEMENTED', ownerId: ctx.userId, version: 1 });
  });

  it('requires a justification for not applicable (the schema) and an active member as owner', async () => {
    const { ctx } = await createOrganization();
    const other = await createOrganization();
    const system = await createTestSystem(ctx, []);
    const control = await createTestControl(ctx);
    await expect(
      saveImplementation(ctx, {
        ...base,
        controlId: control.id,
        systemId: system.id,
        version: 0,
        status: 'PLANNED',
        ownerId: other.ctx.userId,
      }),
    ).rejects.toMatchObject({ fieldErrors: { ownerId: ['Choose an active member of this organization.'] } });
  });

  it('refuses a stale save of an implementation record', async () => {
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, []);
    const control = await createTestControl(ctx);
    const input = { ...base, controlId: control.id, systemId: system.id, status: 'PLANNED' as const };
    await saveImplementation(ctx, { ...input, version: 0, narrative: 'first' });
    await expect(saveImplementation(ctx, { ...input, version: 0, narrative: 'also first' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await saveImplementation(ctx, { ...input, version: 1, narrative: 'second' });
    await expect(saveImplementation(ctx, { ...input, version: 1, narrative: 'stale' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await prisma.controlImplementation.findFirstOrThrow({ where: { controlId: control.id } })).narrative).toBe('second');
  });

  it('bulk-assigns an owner and lists what they own, with what needs attention', async () => {
    const { ctx } = await createOrganization();
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    const system = await createTestSystem(ctx, ['ec2']);
    const a = await createTestControl(ctx, { code: 'A-1' });
    const b = await createTestControl(ctx, { code: 'B-1' });
    await saveImplementation(ctx, {
      ...base,
      controlId: a.id,
      systemId: system.id,
      version: 0,
      status: 'IMPLEMENTED',
      ownerId: ctx.userId,
      narrative: 'Done',
      nextReviewAt: '2020-01-01',
    });

    expect(await bulkAssignOwner(ctx, { systemId: system.id, controlIds: [a.id, b.id], ownerId: editor.userId })).toEqual({
      assigned: 2,
      unchanged: 0,
    });
    const mine = await listMyControls(editor, new Date('2026-06-01T12:00:00Z'));
    expect(mine.map((r) => [r.code, r.attention])).toEqual([
      ['B-1', ['evidence-missing', 'no-review-date', 'not-implemented', 'no-narrative']],
      ['A-1', ['evidence-missing', 'overdue']],
    ]);
    expect(await listMyControls(ctx)).toHaveLength(0);

    const other = await createOrganization();
    await expect(bulkAssignOwner(other.ctx, { systemId: system.id, controlIds: [a.id], ownerId: other.ctx.userId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('asks for a new owner before disabling a member who owns controls, then hands them over', async () => {
    const { ctx } = await createOrganization();
    const { ctx: editor, membershipId } = await createMember(ctx, 'EDITOR');
    const system = await createTestSystem(ctx, []);
    const control = await createTestControl(ctx);
    await bulkAssignOwner(ctx, { systemId: system.id, controlIds: [control.id], ownerId: editor.userId });

    await expect(setMemberDisabled(ctx, { membershipId, disabled: true })).rejects.toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { reassignTo: [expect.stringContaining('owns 1 control')] },
    });
    expect((await listMembers(ctx)).find((m) => m.id === membershipId)?.disabledAt).toBeNull();

    await setMemberDisabled(ctx, { membershipId, disabled: true, reassignTo: ctx.userId });
    expect(await listMyControls(ctx)).toHaveLength(1);
    expect(await listMyControls(editor)).toHaveLength(0);
  });
});
