import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { bulkAssignOwner, listMyControls } from '@/features/owners/owners.data';
import { inviteMember } from '@/features/invitations/invitations.data';
import { changeMemberRole, listMembers, setMemberDisabled } from './members.data';

describe('members', () => {
  it('refuses member management to editors, viewers and auditors', async () => {
    const { ctx: owner } = await createOrganization();
    const { membershipId } = await createMember(owner, 'VIEWER');
    for (const role of ['EDITOR', 'VIEWER', 'AUDITOR'] as const) {
      const { ctx } = await createMember(owner, role);
      for (const attempt of [
        () => inviteMember(ctx, { email: 'x@example.test', role: 'VIEWER' }),
        () => changeMemberRole(ctx, { membershipId, role: 'EDITOR' }),
        () => setMemberDisabled(ctx, { membershipId, disabled: true }),
      ]) {
        await expect(attempt()).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('cannot manage members') });
      }
    }
  });

  it('keeps the Owner role with owners and never leaves an organization without one', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: admin, membershipId: adminMembership } = await createMember(owner, 'ADMIN');
    const ownerMembership = (await listMembers(owner)).find((m) => m.role === 'OWNER')!;

    await expect(changeMemberRole(admin, { membershipId: adminMembership, role: 'OWNER' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setMemberDisabled(admin, { membershipId: ownerMembership.id, disabled: true })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(changeMemberRole(owner, { membershipId: ownerMembership.id, role: 'ADMIN' })).rejects.toMatchObject({
      message: expect.stringContaining('at least one active owner'),
    });

    await changeMemberRole(owner, { membershipId: adminMembership, role: 'OWNER' });
    await changeMemberRole(owner, { membershipId: ownerMembership.id, role: 'ADMIN' });
    const event = await prisma.auditEvent.findFirst({
      where: { chain: owner.orgId, action: 'member.role_changed' },
      orderBy: { seq: 'desc' },
    });
    expect(event).toMatchObject({ before: { role: 'OWNER' }, after: { role: 'ADMIN' } });
    expect(event?.actorEmail).toMatch(/^owner-/);
  });

  it("cannot reach another organization's members by id", async () => {
    const a = await createOrganization();
    const b = await createOrganization();
    const { membershipId } = await createMember(b.ctx, 'EDITOR');
    await expect(changeMemberRole(a.ctx, { membershipId, role: 'VIEWER' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setMemberDisabled(a.ctx, { membershipId, disabled: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listMembers(a.ctx)).some((m) => m.id === membershipId)).toBe(false);
    const target = await prisma.membership.findUniqueOrThrow({ where: { id: membershipId } });
    expect(target).toMatchObject({ role: 'EDITOR', disabledAt: null });
  });

  it('hands over what a member owns before their role drops to Viewer or Auditor, with audit events', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: editor, membershipId } = await createMember(owner, 'EDITOR');
    const { ctx: admin } = await createMember(owner, 'ADMIN');
    const { ctx: auditor } = await createMember(owner, 'AUDITOR');
    const system = await createTestSystem(owner, []);
    const controls = [await createTestControl(owner, { defaultType: 'CUSTOMER' }), await createTestControl(owner)];
    await bulkAssignOwner(owner, { systemId: system.id, controlIds: controls.map((c) => c.id), ownerId: editor.userId });

    // Between owning roles, nothing moves.
    await changeMemberRole(owner, { membershipId, role: 'ADMIN' });
    await changeMemberRole(owner, { membershipId, role: 'EDITOR' });
    expect(await listMyControls(editor)).toHaveLength(2);

    for (const role of ['VIEWER', 'AUDITOR'] as const) {
      await expect(changeMemberRole(owner, { membershipId, role })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: `EDITOR member owns 2 controls, and ${role.toLowerCase()}s cannot own controls. Choose who takes them over first.`,
        fieldErrors: { reassignTo: [expect.stringContaining('Choose who takes them over first')] },
      });
    }
    await expect(changeMemberRole(owner, { membershipId, role: 'VIEWER', reassignTo: auditor.userId })).rejects.toMatchObject({
      fieldErrors: { reassignTo: ['Only owners, admins and editors can own a control.'] },
    });
    await expect(changeMemberRole(owner, { membershipId, role: 'VIEWER', reassignTo: editor.userId })).rejects.toMatchObject({
      fieldErrors: { reassignTo: ['Choose a different member as the new owner.'] },
    });
    expect((await prisma.membership.findUniqueOrThrow({ where: { id: membershipId } })).role).toBe('EDITOR');

    await changeMemberRole(owner, { membershipId, role: 'VIEWER', reassignTo: admin.userId });
    expect((await prisma.membership.findUniqueOrThrow({ where: { id: membershipId } })).role).toBe('VIEWER');
    expect(await listMyControls({ ...editor, role: 'VIEWER' })).toHaveLength(0);
    expect(await listMyControls(admin)).toHaveLength(2);

    const events = await prisma.auditEvent.findMany({
      where: { chain: owner.orgId, action: { in: ['implementation.owner_reassigned', 'member.role_changed'] } },
      orderBy: { seq: 'desc' },
      take: 3,
    });
    expect(events.map((e) => e.action).sort()).toEqual([
      'implementation.owner_reassigned',
      'implementation.owner_reassigned',
      'member.role_changed',
    ]);
    for (const e of events.filter((e) => e.action === 'implementation.owner_reassigned')) {
      expect(e).toMatchObject({
        entityType: 'ControlImplementation',
        before: { ownerId: editor.userId },
        after: { ownerId: admin.userId },
      });
    }
    expect(events.find((e) => e.action === 'member.role_changed')).toMatchObject({ before: { role: 'EDITOR' }, after: { role: 'VIEWER' } });

    // A member who owns nothing changes role without a successor.
    const { membershipId: idle } = await createMember(owner, 'EDITOR');
    await changeMemberRole(owner, { membershipId: idle, role: 'AUDITOR' });
  });
});
