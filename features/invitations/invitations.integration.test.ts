import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { parseInput } from '@/lib/action';
import { authenticate, findOrgContext, signUp } from '@/features/auth/auth.data';
import { setMemberDisabled } from '@/features/members/members.data';
import { createMember, createOrganization, TEST_PASSWORD, uniqueEmail } from '@/test/factories';
import { acceptInvitation, acceptInvitationWithNewAccount, findInvitation } from './accept-invitation.data';
import { inviteMember, listInvitations, revokeInvitation } from './invitations.data';
import { hashInvitationToken, INVITATION_GONE_MESSAGE } from './invitations.policy';
import { acceptWithNewAccountSchema, inviteMemberSchema } from './invitations.schema';
import { acceptWithNewAccountAction } from './invitations.actions';
import { callUserAction, signedOut } from '@/test/requests';

const session = (userId: string) => ({ userId, sessionVersion: 0 });
const gone = { code: 'NOT_FOUND', message: INVITATION_GONE_MESSAGE };

async function events(orgId: string, actions: string[]) {
  return prisma.auditEvent.findMany({ where: { chain: orgId, action: { in: actions } }, orderBy: { seq: 'asc' } });
}

describe('inviting', () => {
  it('creates a single-use invitation whose token is stored only as its SHA-256, audited without either', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: admin } = await createMember(owner, 'ADMIN');
    const before = Date.now();
    const invitation = await inviteMember(admin, { email: 'New.Person@Example.test', role: 'EDITOR' });

    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(invitation.path).toBe(`/invitations/${invitation.token}`);
    expect(invitation.email).toBe('new.person@example.test');
    const row = await prisma.invitation.findUniqueOrThrow({ where: { tokenHash: hashInvitationToken(invitation.token) } });
    expect(row.tokenHash).not.toBe(invitation.token);
    expect(JSON.stringify(row)).not.toContain(invitation.token);
    expect(row).toMatchObject({ orgId: owner.orgId, role: 'EDITOR', invitedById: admin.userId, acceptedAt: null, revokedAt: null });
    const week = 7 * 24 * 60 * 60 * 1000;
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(before + week);
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + week);

    const [created] = await events(owner.orgId, ['invitation.created']);
    expect(created).toMatchObject({ actorId: admin.userId, entityId: row.id, after: { email: 'new.person@example.test', role: 'EDITOR' } });
    expect(JSON.stringify(created)).not.toContain(invitation.token);
    expect(JSON.stringify(created)).not.toContain(row.tokenHash);

    expect(await listInvitations(owner)).toEqual([
      {
        id: row.id,
        email: 'new.person@example.test',
        role: 'EDITOR',
        expiresAt: row.expiresAt,
        invitedBy: 'ADMIN member',
        inviterEntitled: true,
      },
    ]);
  });

  it('answers the same for an email with an account and one without, and attaches nobody', async () => {
    const { ctx: owner } = await createOrganization();
    const existing = await createOrganization(); // an account, owner of another organization
    const unknown = uniqueEmail('nobody');

    const [known, unknownAnswer] = [
      await inviteMember(owner, { email: existing.email, role: 'VIEWER' }),
      await inviteMember(owner, { email: unknown, role: 'VIEWER' }),
    ];
    // Only the email itself, the random token and the moment differ.
    const varying = { email: '', token: '', path: '', expiresAt: null };
    expect({ ...known, ...varying }).toEqual({ ...unknownAnswer, ...varying });
    expect(Object.keys(known)).toEqual(Object.keys(unknownAnswer));
    expect(known.token.length).toBe(unknownAnswer.token.length);
    const audit = await events(owner.orgId, ['invitation.created']);
    expect(audit.map((e) => Object.keys(e.after as object))).toEqual([
      Object.keys(audit[0]!.after as object),
      Object.keys(audit[0]!.after as object),
    ]);

    // Nobody became a member: the existing account has not accepted.
    expect(await findOrgContext(session(existing.ctx.userId), owner.orgSlug)).toBeNull();
    expect(await prisma.membership.count({ where: { orgId: owner.orgId } })).toBe(1);
    expect(await prisma.user.count({ where: { email: unknown } })).toBe(0);
  });

  it('replaces the open invitation for the same email, and the database allows only one open', async () => {
    const { ctx: owner } = await createOrganization();
    const first = await inviteMember(owner, { email: 'twice@example.test', role: 'VIEWER' });
    const second = await inviteMember(owner, { email: ' TWICE@example.test ', role: 'EDITOR' });

    expect(await findInvitation(first.token)).toBeNull();
    expect(await findInvitation(second.token)).toMatchObject({ role: 'EDITOR' });
    expect((await listInvitations(owner)).map((i) => i.role)).toEqual(['EDITOR']);
    const [revoked] = await events(owner.orgId, ['invitation.revoked']);
    expect(revoked).toMatchObject({ before: { revokedAt: null }, after: { reason: 'replaced by a new invitation' } });

    const row = await prisma.invitation.findUniqueOrThrow({ where: { tokenHash: hashInvitationToken(second.token) } });
    await expect(
      prisma.invitation.create({
        data: {
          orgId: owner.orgId,
          email: row.email,
          role: 'VIEWER',
          tokenHash: 'x'.repeat(64),
          invitedById: owner.userId,
          expiresAt: row.expiresAt,
        },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('refuses members, the Owner role from an admin, and anyone below admin', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: admin, email } = await createMember(owner, 'ADMIN');
    const { ctx: editor } = await createMember(owner, 'EDITOR');
    await expect(inviteMember(owner, { email, role: 'VIEWER' })).rejects.toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { email: ['This person is already a member of this organization.'] },
    });
    await expect(inviteMember(admin, { email: uniqueEmail(), role: 'OWNER' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      fieldErrors: { role: ['Only an owner can grant the Owner role.'] },
    });
    await expect(inviteMember(editor, { email: uniqueEmail(), role: 'VIEWER' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listInvitations(editor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await prisma.invitation.count({ where: { orgId: owner.orgId } })).toBe(0);
  });
});

describe('accepting', () => {
  it('with a new account: the person chooses name and password, joins with the invited role, and can sign in', async () => {
    const { ctx: owner } = await createOrganization();
    const email = uniqueEmail('newcomer');
    const { token } = await inviteMember(owner, { email, role: 'AUDITOR' });

    const joined = await acceptInvitationWithNewAccount({ token, name: 'Nia Newcomer', password: 'my own long passphrase' });
    expect(joined).toMatchObject({ orgSlug: owner.orgSlug, email });
    expect(await findOrgContext(session(joined.userId), owner.orgSlug)).toMatchObject({ role: 'AUDITOR', orgId: owner.orgId });
    expect(await authenticate({ email, password: 'my own long passphrase', ip: '192.0.2.10' })).toMatchObject({ name: 'Nia Newcomer' });
    expect(await listInvitations(owner)).toEqual([]);

    const audit = await events(owner.orgId, ['invitation.created', 'user.created', 'invitation.accepted', 'member.added']);
    expect(audit.slice(-4).map((e) => [e.action, e.actorId])).toEqual([
      ['invitation.created', owner.userId],
      ['user.created', joined.userId],
      ['invitation.accepted', joined.userId],
      ['member.added', joined.userId],
    ]);
    expect(audit.at(-1)).toMatchObject({ after: { role: 'AUDITOR', userId: joined.userId } });
  });

  it('refuses a password made of the invited email, the chosen name or the organization’s name, and keeps the link open', async () => {
    const orgName = 'Quillfeather Analytics';
    const { ctx: owner } = await createOrganization(orgName);
    const email = uniqueEmail('jordan.keller');
    const { token } = await inviteMember(owner, { email, role: 'EDITOR' });
    for (const password of [email, 'Jordan Keller 2026', orgName]) {
      expect(await callUserAction(acceptWithNewAccountAction, signedOut, { token, name: 'Jordan Keller', password })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', fieldErrors: { password: [expect.stringContaining('too easy to guess')] } },
      });
    }
    // The form's own check already counts the name.
    const parsed = await acceptWithNewAccountSchema.safeParseAsync({ token, name: 'Jordan Keller', password: 'Jordan Keller 2026' });
    expect(parsed.success).toBe(false);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    expect(await findInvitation(token)).not.toBeNull();
  });

  it('with an existing account: only that account, signed in, can accept; nobody else and no new account can', async () => {
    const { ctx: owner } = await createOrganization();
    const invitee = await createOrganization();
    const bystander = await createOrganization();
    const { token } = await inviteMember(owner, { email: invitee.email.toUpperCase(), role: 'EDITOR' });
    const passwordBefore = await prisma.user.findUniqueOrThrow({ where: { id: invitee.ctx.userId }, omit: { passwordHash: false } });

    // Choosing a password for the existing account's email is refused: the account stays as it is.
    await expect(acceptInvitationWithNewAccount({ token, name: 'Impostor', password: 'attacker passphrase' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Sign in with it to accept'),
    });
    // Another signed-in account cannot take it.
    await expect(acceptInvitation(session(bystander.ctx.userId), { token })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining(`This invitation is for ${invitee.email}`),
    });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: invitee.ctx.userId }, omit: { passwordHash: false } })).toEqual(
      passwordBefore,
    );
    expect(await findOrgContext(session(invitee.ctx.userId), owner.orgSlug)).toBeNull();
    expect(await findOrgContext(session(bystander.ctx.userId), owner.orgSlug)).toBeNull();
    expect(await findInvitation(token)).not.toBeNull();

    // A revoked session ("signed out everywhere") cannot accept either.
    await expect(acceptInvitation({ userId: invitee.ctx.userId, sessionVersion: 7 }, { token })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });

    expect(await acceptInvitation(session(invitee.ctx.userId), { token })).toMatchObject({ orgSlug: owner.orgSlug });
    expect(await findOrgContext(session(invitee.ctx.userId), owner.orgSlug)).toMatchObject({ role: 'EDITOR' });
    const [accepted] = await events(owner.orgId, ['invitation.accepted']);
    expect(accepted).toMatchObject({ actorId: invitee.ctx.userId, after: { acceptedById: invitee.ctx.userId } });
  });

  it('a planted account (a stranger signed up with the invited email) gets nothing without accepting: the old add-member path is gone', async () => {
    const { ctx: owner } = await createOrganization();
    const victim = uniqueEmail('victim');
    // The stranger creates an account for someone else's email, with a password they know.
    await signUp({ name: 'Stranger', email: victim, password: 'stranger knows this', organizationName: 'Stranger Things' });
    const planted = await prisma.user.findUniqueOrThrow({ where: { email: victim } });

    // The admin adds the real person as Admin, even sending the old form's fields along.
    const input = await parseInput(inviteMemberSchema, {
      email: victim,
      role: 'ADMIN',
      name: 'Real Person',
      initialPassword: TEST_PASSWORD,
    });
    expect(input).toEqual({ email: victim, role: 'ADMIN' });
    await inviteMember(owner, input);

    expect(await findOrgContext(session(planted.id), owner.orgSlug)).toBeNull();
    expect(await prisma.membership.findFirst({ where: { orgId: owner.orgId, userId: planted.id } })).toBeNull();
    expect(await authenticate({ email: victim, password: TEST_PASSWORD, ip: '192.0.2.11' })).toBeNull();
    expect(Object.keys(await import('@/features/members/members.data'))).not.toContain('addMember');
    expect(await import('@/features/members/members.schema')).not.toHaveProperty('addMemberSchema');
  });

  it('refuses expired, revoked and used links, and unknown or malformed tokens, without changing anything', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: signedIn } = await createMember(owner, 'VIEWER');
    const expired = await inviteMember(owner, { email: uniqueEmail('late'), role: 'VIEWER' });
    await prisma.invitation.update({
      where: { tokenHash: hashInvitationToken(expired.token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const revoked = await inviteMember(owner, { email: uniqueEmail('revoked'), role: 'VIEWER' });
    const revokedId = (await listInvitations(owner)).find((i) => i.email === revoked.email)!.id;
    await revokeInvitation(owner, { invitationId: revokedId });
    const used = await inviteMember(owner, { email: uniqueEmail('used'), role: 'VIEWER' });
    await acceptInvitationWithNewAccount({ token: used.token, name: 'First', password: TEST_PASSWORD });
    const usedRow = await prisma.invitation.findUniqueOrThrow({ where: { tokenHash: hashInvitationToken(used.token) } });

    const tokens = [expired.token, revoked.token, used.token, 'A'.repeat(43), 'not-a-token', usedRow.tokenHash, ''];
    for (const token of tokens) {
      expect(await findInvitation(token)).toBeNull();
      await expect(acceptInvitationWithNewAccount({ token, name: 'Second', password: TEST_PASSWORD })).rejects.toMatchObject(gone);
      await expect(acceptInvitation(session(signedIn.userId), { token })).rejects.toMatchObject(gone);
    }
    expect(await prisma.invitation.findUniqueOrThrow({ where: { id: usedRow.id } })).toEqual(usedRow);
    expect(await prisma.user.count({ where: { email: { in: [expired.email, revoked.email] } } })).toBe(0);
    expect(await prisma.membership.count({ where: { orgId: owner.orgId } })).toBe(3);
  });

  it('two concurrent accepts of one link: one wins, one membership', async () => {
    const { ctx: owner } = await createOrganization();
    const { token, email } = await inviteMember(owner, { email: uniqueEmail('race'), role: 'EDITOR' });
    const results = await Promise.allSettled([
      acceptInvitationWithNewAccount({ token, name: 'Tab one', password: TEST_PASSWORD }),
      acceptInvitationWithNewAccount({ token, name: 'Tab two', password: TEST_PASSWORD }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: gone });
    expect(await prisma.user.count({ where: { email } })).toBe(1);
    expect(await prisma.membership.count({ where: { orgId: owner.orgId, user: { email } } })).toBe(1);

    // The same account accepting from two tabs at once.
    const existing = await createOrganization();
    const second = await inviteMember(owner, { email: existing.email, role: 'VIEWER' });
    const signedIn = await Promise.allSettled([
      acceptInvitation(session(existing.ctx.userId), { token: second.token }),
      acceptInvitation(session(existing.ctx.userId), { token: second.token }),
    ]);
    expect(signedIn.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await prisma.membership.count({ where: { orgId: owner.orgId, userId: existing.ctx.userId } })).toBe(1);
    expect(await events(owner.orgId, ['invitation.accepted'])).toHaveLength(2);
  });

  it('lapses when its inviter is disabled', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: admin, membershipId } = await createMember(owner, 'ADMIN');
    const { token } = await inviteMember(admin, { email: uniqueEmail('accomplice'), role: 'ADMIN' });
    await setMemberDisabled(owner, { membershipId, disabled: true });
    expect(await listInvitations(owner)).toMatchObject([{ inviterEntitled: false }]);
    expect(await findInvitation(token)).toBeNull();
    await expect(acceptInvitationWithNewAccount({ token, name: 'Accomplice', password: TEST_PASSWORD })).rejects.toMatchObject(gone);
  });
});

describe('revoking', () => {
  it('is for owners and admins of the organization, once, audited', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: admin } = await createMember(owner, 'ADMIN');
    const { ctx: editor } = await createMember(owner, 'EDITOR');
    const other = await createOrganization();
    const { token } = await inviteMember(owner, { email: uniqueEmail('maybe'), role: 'VIEWER' });
    const [pending] = await listInvitations(owner);

    await expect(revokeInvitation(editor, { invitationId: pending!.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(revokeInvitation(other.ctx, { invitationId: pending!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await findInvitation(token)).not.toBeNull();

    await revokeInvitation(admin, { invitationId: pending!.id });
    expect(await findInvitation(token)).toBeNull();
    await expect(revokeInvitation(owner, { invitationId: pending!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [revoked] = await events(owner.orgId, ['invitation.revoked']);
    expect(revoked).toMatchObject({
      actorId: admin.userId,
      entityId: pending!.id,
      after: { revokedById: admin.userId, reason: 'revoked' },
    });
  });
});
