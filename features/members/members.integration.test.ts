import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, TEST_PASSWORD } from '@/test/factories';
import { addMember, changeMemberRole, listMembers, setMemberDisabled } from './members.data';

describe('members', () => {
  it('lets an admin add an existing user and a new one, with audit events', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: admin } = await createMember(owner, 'ADMIN');
    const other = await createOrganization();

    // An existing Demarc user (owner of another organization) joins without a password.
    const existing = await addMember(admin, { email: other.email, role: 'VIEWER', name: '', initialPassword: '' });
    expect(existing.user.email).toBe(other.email);

    const fresh = await addMember(admin, {
      email: 'New.Person@Example.test',
      role: 'AUDITOR',
      name: 'New Person',
      initialPassword: TEST_PASSWORD,
    });
    expect(fresh.user.email).toBe('new.person@example.test');

    const members = await listMembers(owner);
    expect(members.map((m) => m.role).sort()).toEqual(['ADMIN', 'AUDITOR', 'OWNER', 'VIEWER']);
    const added = await prisma.auditEvent.count({ where: { chain: owner.orgId, action: 'member.added' } });
    expect(added).toBe(4);
  });

  it('asks for a name and initial password for someone without an account', async () => {
    const { ctx: owner } = await createOrganization();
    await expect(addMember(owner, { email: 'nobody@example.test', role: 'EDITOR', name: '', initialPassword: '' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { name: [expect.any(String)], initialPassword: [expect.any(String)] },
    });
  });

  it('refuses a duplicate membership on the email field', async () => {
    const { ctx: owner } = await createOrganization();
    const { email } = await createMember(owner, 'EDITOR');
    await expect(addMember(owner, { email, role: 'VIEWER', name: '', initialPassword: '' })).rejects.toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { email: [expect.stringContaining('already a member')] },
    });
  });

  it('refuses member management to editors, viewers and auditors', async () => {
    const { ctx: owner } = await createOrganization();
    for (const role of ['EDITOR', 'VIEWER', 'AUDITOR'] as const) {
      const { ctx } = await createMember(owner, role);
      await expect(
        addMember(ctx, { email: 'x@example.test', role: 'VIEWER', name: 'X', initialPassword: TEST_PASSWORD }),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('cannot manage members'),
      });
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
});
