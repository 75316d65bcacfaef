import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, TEST_PASSWORD, uniqueEmail } from '@/test/factories';
import { setMemberDisabled } from '@/features/members/members.data';
import { authenticate, changePassword, findOrgContext, signOutEverywhere, signUp } from './auth.data';
import { attemptsAllowedWithin, THROTTLE } from './auth.policy';

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
    for (let i = 0; i < THROTTLE.account.freeAttempts; i++) {
      await authenticate({ email, password: `wrong ${i}`, ip: `198.51.100.${i}` });
    }
    // Pin the last failure to now, so the check below never races the one-second delay.
    await prisma.loginThrottle.update({ where: { key: `account:${email}` }, data: { lastAttemptAt: new Date() } });
    // Even the right password waits: the delay is per account, from any address.
    await expect(authenticate({ email, password: TEST_PASSWORD, ip: '198.51.100.99' })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/Wait \d+ seconds/),
    });
    expect(await authenticate({ email: other.email, password: TEST_PASSWORD, ip: '198.51.100.99' })).not.toBeNull();

    // The delay ends: once it has passed, the right password works and clears the count.
    await prisma.loginThrottle.update({ where: { key: `account:${email}` }, data: { lastAttemptAt: new Date(Date.now() - 60_000) } });
    expect(await authenticate({ email, password: TEST_PASSWORD, ip: '198.51.100.99' })).not.toBeNull();
    expect(await prisma.loginThrottle.findUnique({ where: { key: `account:${email}` } })).toBeNull();
  });

  it('delays an address that fails across many accounts', async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < THROTTLE.ip.freeAttempts; i++) {
      await authenticate({ email: uniqueEmail('spray'), password: 'wrong password', ip });
    }
    const { email } = await createOrganization();
    await prisma.loginThrottle.update({ where: { key: `ip:${ip}` }, data: { lastAttemptAt: new Date() } });
    await expect(authenticate({ email, password: TEST_PASSWORD, ip })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await authenticate({ email, password: TEST_PASSWORD, ip: '203.0.113.78' })).not.toBeNull();
  });
});

describe('throttling under parallel attempts', () => {
  // Every attempt that reaches the password check writes one sign-in event; the refused ones
  // never hash anything. So the events count the argon2 verifications.
  it('lets only the free attempts of a burst on one account reach the password check', async () => {
    const { ctx, email } = await createOrganization();
    const started = Date.now();
    const burst = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => authenticate({ email, password: `wrong ${i}`, ip: `198.51.100.${i + 1}` })),
    );
    const checked = await prisma.auditEvent.count({ where: { chain: ctx.orgId, action: 'auth.sign_in_failed' } });
    console.info(`account burst: ${checked} of ${burst.length} attempts reached the password check`);
    // The free attempts, plus one per delay that a slow machine let pass during the burst.
    expect(checked).toBeLessThanOrEqual(attemptsAllowedWithin('account', Date.now() - started));
    const refused = burst.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(burst.length - checked);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('lets only the free attempts of a burst from one address reach the password check', async () => {
    const ip = '203.0.113.200';
    const emails = Array.from({ length: THROTTLE.ip.freeAttempts + 10 }, () => uniqueEmail('burst'));
    const started = Date.now();
    const burst = await Promise.allSettled(emails.map((email) => authenticate({ email, password: 'wrong password', ip })));
    // Failed sign-ins of unknown emails share one capped audit stream, so count the answers: an attempt
    // that reached the password check answers "wrong" (null); a refused one throws RATE_LIMITED first.
    const checked = burst.filter((r) => r.status === 'fulfilled').length;
    console.info(`address burst: ${checked} of ${burst.length} attempts reached the password check`);
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(attemptsAllowedWithin('ip', Date.now() - started));
    for (const r of burst.filter((r) => r.status === 'rejected')) expect(r.reason).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('throttle rows', () => {
  it('a refused attempt changes nothing, so hammering does not extend the delay', async () => {
    const { email } = await createOrganization();
    const key = `account:${email}`;
    const lastAttemptAt = new Date();
    await prisma.loginThrottle.create({ data: { key, attempts: THROTTLE.account.freeAttempts + 3, lastAttemptAt } });
    for (let i = 0; i < 3; i++) {
      await expect(authenticate({ email, password: TEST_PASSWORD, ip: '192.0.2.40' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    }
    expect(await prisma.loginThrottle.findUnique({ where: { key } })).toMatchObject({
      attempts: THROTTLE.account.freeAttempts + 3,
      lastAttemptAt,
    });
  });

  it('a success clears the account and gives the address its attempt back', async () => {
    const { email } = await createOrganization();
    const ip = '192.0.2.41';
    await authenticate({ email, password: 'wrong password', ip });
    expect(await authenticate({ email, password: TEST_PASSWORD, ip })).not.toBeNull();
    expect(await prisma.loginThrottle.findUnique({ where: { key: `account:${email}` } })).toBeNull();
    expect(await prisma.loginThrottle.findUnique({ where: { key: `ip:${ip}` } })).toMatchObject({ attempts: 1 });
  });

  it('removes rows idle for the whole window as sign-ins go by, and starts an expired key again', async () => {
    const expired = new Date(Date.now() - THROTTLE.windowMs - 60_000);
    const stale = `ip:198.18.0.${Math.floor(Math.random() * 250)}`;
    const email = uniqueEmail('expired');
    await prisma.loginThrottle.createMany({
      data: [
        { key: stale, attempts: 3, lastAttemptAt: expired },
        { key: `account:${email}`, attempts: 100, lastAttemptAt: expired },
      ],
    });
    expect(await authenticate({ email, password: 'wrong password', ip: '192.0.2.42' })).toBeNull();
    expect(await prisma.loginThrottle.findUnique({ where: { key: stale } })).toBeNull();
    expect(await prisma.loginThrottle.findUnique({ where: { key: `account:${email}` } })).toMatchObject({ attempts: 1 });
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

describe('changePassword', () => {
  const NEW_PASSWORD = 'violet harbor lanterns drift';

  it('needs the current password, then ends every session but the one it re-issues, audited', async () => {
    const { ctx, email } = await createOrganization();
    const session = { userId: ctx.userId, sessionVersion: 0 };

    await expect(
      changePassword(session, { currentPassword: 'not it at all', newPassword: NEW_PASSWORD, ip: '192.0.2.70' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { currentPassword: [expect.any(String)] },
    });
    expect(await authenticate({ email, password: TEST_PASSWORD, ip: '192.0.2.70' })).not.toBeNull();

    const { sessionVersion } = await changePassword(session, {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
      ip: '192.0.2.70',
    });
    expect(sessionVersion).toBe(1);
    // Sessions at the old version are refused; the re-issued one (new version) is accepted.
    expect(await findOrgContext(session, ctx.orgSlug)).toBeNull();
    expect(await findOrgContext({ ...session, sessionVersion }, ctx.orgSlug)).not.toBeNull();
    expect(await authenticate({ email, password: TEST_PASSWORD, ip: '192.0.2.70' })).toBeNull();
    expect(await authenticate({ email, password: NEW_PASSWORD, ip: '192.0.2.70' })).toMatchObject({ sessionVersion: 1 });

    const events = await prisma.auditEvent.findMany({
      where: { chain: ctx.orgId, action: { startsWith: 'auth.password' } },
      orderBy: { seq: 'asc' },
      select: { action: true, before: true, after: true },
    });
    expect(events).toEqual([
      { action: 'auth.password_change_failed', before: null, after: { ip: '192.0.2.70', reason: 'wrong current password' } },
      { action: 'auth.password_changed', before: { sessionVersion: 0 }, after: { sessionVersion: 1, ip: '192.0.2.70' } },
    ]);
    expect(JSON.stringify(events)).not.toContain('argon2');
  });

  it('refuses a session that was already revoked', async () => {
    const { ctx } = await createOrganization();
    const session = { userId: ctx.userId, sessionVersion: 0 };
    await signOutEverywhere(session);
    await expect(
      changePassword(session, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, ip: '192.0.2.71' }),
    ).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('counts wrong current passwords against the sign-in throttle', async () => {
    const { ctx } = await createOrganization();
    const session = { userId: ctx.userId, sessionVersion: 0 };
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        changePassword(session, { currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD, ip: '192.0.2.72' }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'rejected' && a.reason.code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(
      10 - THROTTLE.account.freeAttempts,
    );
  });
});
