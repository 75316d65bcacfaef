import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, TEST_PASSWORD, uniqueEmail } from '@/test/factories';
import { setMemberDisabled } from '@/features/members/members.data';
import { authenticate, findOrgContext, signOutEverywhere, signUp } from './auth.data';
import { THROTTLE } from './auth.policy';

describe('signUp', () => {
  it('creates the organization with its first owner and audits it', async () => {
    const { ctx } = await createOrganization('Acme Payments');
    expect(ctx.role).toBe('OWNER');
    expect(ctx.orgSlug).toMatch(/^acme-payments/);
    const actions = await prisma.auditEvent.findMany({ where: { chain: ctx.orgId }, orderBy: { seq: 'asc' }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(['organization.created', 'user.created', 'member.added']);
  });

  it('refuses an email that already has an account, whatever its case', async () => {
    const { email } = await createOrganization();
    await expect(
      signUp({ name: 'Again', email: ` ${email.toUpperCase()} `, password: TEST_PASSWORD, organizationName: 'Other' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', fieldErrors: { email: [expect.stringContaining('already exists')] } });
  });

  it('stores an argon2id hash, never the password', async () => {
    const { email } = await createOrganization();
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(TEST_PASSWORD);
  });
});

describe('authenticate', () => {
  it('signs in with a differently written email and audits success and failure', async () => {
    const { ctx, email } = await createOrganization();
    const user = await authenticate({ email: `  ${email.toUpperCase()} `, password: TEST_PASSWORD, ip: '192.0.2.1' });
    expect(user?.email).toBe(email);
    expect(await authenticate({ email, password: 'wrong password', ip: '192.0.2.1' })).toBeNull();
    const actions = await prisma.auditEvent.findMany({
      where: { chain: ctx.orgId, action: { startsWith: 'auth.' } },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(['auth.sign_in', 'auth.sign_in_failed']);
  });

  it('audits attempts on unknown accounts in the platform chain', async () => {
    const email = uniqueEmail('ghost');
    expect(await authenticate({ email, password: 'whatever123', ip: '192.0.2.2' })).toBeNull();
    const event = await prisma.auditEvent.findFirst({ where: { chain: 'platform', actorEmail: email } });
    expect(event?.after).toMatchObject({ reason: 'no such account' });
  });

  it('delays an account after repeated failures, without locking out other accounts', async () => {
    const { email } = await createOrganization();
    const other = await createOrganization();
    for (let i = 0; i < THROTTLE.account.freeFailures; i++) {
      await authenticate({ email, password: `wrong ${i}`, ip: `198.51.100.${i}` });
    }
    // Pin the last failure to now, so the check below never races the one-second delay.
    await prisma.loginThrottle.update({ where: { key: `account:${email}` }, data: { lastFailureAt: new Date() } });
    // Even the right password waits: the delay is per account, from any address.
    await expect(authenticate({ email, password: TEST_PASSWORD, ip: '198.51.100.99' })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/Wait \d+ seconds/),
    });
    expect(await authenticate({ email: other.email, password: TEST_PASSWORD, ip: '198.51.100.99' })).not.toBeNull();

    // The delay ends: once it has passed, the right password works and clears the count.
    await prisma.loginThrottle.update({ where: { key: `account:${email}` }, data: { lastFailureAt: new Date(Date.now() - 60_000) } });
    expect(await authenticate({ email, password: TEST_PASSWORD, ip: '198.51.100.99' })).not.toBeNull();
    expect(await prisma.loginThrottle.findUnique({ where: { key: `account:${email}` } })).toBeNull();
  });

  it('delays an address that fails across many accounts', async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < THROTTLE.ip.freeFailures; i++) {
      await authenticate({ email: uniqueEmail('spray'), password: 'wrong password', ip });
    }
    const { email } = await createOrganization();
    await prisma.loginThrottle.update({ where: { key: `ip:${ip}` }, data: { lastFailureAt: new Date() } });
    await expect(authenticate({ email, password: TEST_PASSWORD, ip })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await authenticate({ email, password: TEST_PASSWORD, ip: '203.0.113.78' })).not.toBeNull();
  });
});

describe('session checks', () => {
  it('refuses a session after "sign out everywhere"', async () => {
    const { ctx } = await createOrganization();
    const session = { userId: ctx.userId, sessionVersion: 0 };
    expect(await findOrgContext(session, ctx.orgSlug)).not.toBeNull();
    await signOutEverywhere(session);
    expect(await findOrgContext(session, ctx.orgSlug)).toBeNull();
    expect(await findOrgContext({ ...session, sessionVersion: 1 }, ctx.orgSlug)).not.toBeNull();
  });

  it('refuses a disabled member at once, and again after re-enabling lets them in', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: editor, membershipId } = await createMember(owner, 'EDITOR');
    const session = { userId: editor.userId, sessionVersion: 0 };
    await setMemberDisabled(owner, { membershipId, disabled: true });
    expect(await findOrgContext(session, owner.orgSlug)).toBeNull();
    await setMemberDisabled(owner, { membershipId, disabled: false });
    expect(await findOrgContext(session, owner.orgSlug)).toMatchObject({ role: 'EDITOR' });
  });

  it('refuses a member of one organization in another', async () => {
    const a = await createOrganization();
    const b = await createOrganization();
    expect(await findOrgContext({ userId: a.ctx.userId, sessionVersion: 0 }, b.ctx.orgSlug)).toBeNull();
  });
});
