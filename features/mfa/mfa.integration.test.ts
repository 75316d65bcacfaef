import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { authenticate, findOrgAccess } from '@/features/auth/auth.data';
import { THROTTLE } from '@/features/auth/auth.policy';
import { createSystemAction } from '@/features/systems/systems.actions';
import { setSignInPolicyAction } from '@/features/sign-in-policy/sign-in-policy.actions';
import { getSignInPolicy, setSignInPolicy } from '@/features/sign-in-policy/sign-in-policy.data';
import { listMembers } from '@/features/members/members.data';
import { createMember, createOrganization, TEST_PASSWORD } from '@/test/factories';
import { callAction, callRoute, pageRequest, sessionOf } from '@/test/requests';
import { GET as exportControls } from '@/app/(app)/[org]/controls/export/route';
import { confirmMfaEnrolment, disableMfa, getMfaStatus, startMfaEnrolment } from './mfa.data';
import { MFA_CODE_REQUIRED, RECOVERY_CODE_COUNT } from './mfa.policy';

// The key that seals TOTP secrets comes from NEXTAUTH_SECRET, as in the app.
process.env.NEXTAUTH_SECRET ??= 'integration-test-secret-for-mfa-0123456789';

/** A fixed clock, 10 s into a 30 s time step; each test moves it as it needs. */
const T0 = new Date('2026-06-01T12:00:10Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const codeAt = (secret: string, when: Date) => generate({ secret, epoch: Math.floor(when.getTime() / 1000) });
let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter % 250}`;

/** Enrols the user of `ctx` at T0; their session moves to version 1 (other sessions end). */
async function enrol(ctx: Pick<OrgContext, 'userId'>) {
  const session = { userId: ctx.userId, sessionVersion: 0 };
  await startMfaEnrolment(session);
  const status = await getMfaStatus(session);
  if (status.state !== 'pending') throw new Error('expected a pending enrolment');
  const { recoveryCodes, sessionVersion } = await confirmMfaEnrolment(session, { code: await codeAt(status.secret, T0) }, T0);
  return { secret: status.secret, uri: status.uri, recoveryCodes, session: { userId: ctx.userId, sessionVersion } };
}

const auditActions = async (orgId: string, prefix: string) =>
  (await prisma.auditEvent.findMany({ where: { chain: orgId, action: { startsWith: prefix } }, orderBy: { seq: 'asc' } })).map(
    (e) => e.action,
  );

describe('enrolment', () => {
  it('keeps the secret sealed at rest, confirms with a first code, makes ten recovery codes and ends other sessions', async () => {
    const { ctx } = await createOrganization();
    const session = { userId: ctx.userId, sessionVersion: 0 };
    expect(await getMfaStatus(session)).toEqual({ state: 'off' });
    await startMfaEnrolment(session);
    const pending = await getMfaStatus(session);
    if (pending.state !== 'pending') throw new Error('expected pending');
    expect(pending.uri).toMatch(/^otpauth:\/\/totp\/Demarc:/);
    const stored = await prisma.userMfa.findUniqueOrThrow({ where: { userId: ctx.userId }, select: { secretEncrypted: true } });
    expect(stored.secretEncrypted).toMatch(/^v1\./);
    expect(stored.secretEncrypted).not.toContain(pending.secret);

    await expect(confirmMfaEnrolment(session, { code: '000000' }, T0)).rejects.toMatchObject({ code: 'VALIDATION' });
    const { recoveryCodes, sessionVersion } = await confirmMfaEnrolment(session, { code: await codeAt(pending.secret, T0) }, T0);
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    expect(sessionVersion).toBe(1);
    const hashes = await prisma.mfaRecoveryCode.findMany({ where: { userId: ctx.userId }, select: { codeHash: true } });
    expect(hashes.map((h) => h.codeHash)).not.toContain(recoveryCodes[0]);
    expect(await findOrgAccess(session, ctx.orgSlug)).toBeNull();
    expect(await getMfaStatus({ userId: ctx.userId, sessionVersion })).toMatchObject({ state: 'on', recoveryCodesLeft: 10 });
    await expect(startMfaEnrolment({ userId: ctx.userId, sessionVersion })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await auditActions(ctx.orgId, 'auth.mfa')).toEqual(['auth.mfa_enrolment_started', 'auth.mfa_enabled']);
  });
});

describe('signing in with a second factor', () => {
  it('asks for a code after the right password only, and issues nothing without it', async () => {
    const { ctx, email } = await createOrganization();
    await enrol(ctx);
    await expect(authenticate({ email, password: TEST_PASSWORD, ip: freshIp() }, at(60))).rejects.toMatchObject({
      message: MFA_CODE_REQUIRED,
    });
    // A wrong password says what it always said, code or not: nothing tells that the account has MFA.
    expect(await authenticate({ email, password: 'wrong password', ip: freshIp() }, at(60))).toBeNull();
    expect(await authenticate({ email, password: 'wrong password', code: '123456', ip: freshIp() }, at(60))).toBeNull();
  });

  it('accepts a code one time step either side of now, and none further', async () => {
    const { ctx, email } = await createOrganization();
    const { secret } = await enrol(ctx);
    const now = at(300);
    const tooOld = await codeAt(secret, at(300 - 60));
    await expect(authenticate({ email, password: TEST_PASSWORD, code: tooOld, ip: freshIp() }, now)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining('not correct'),
    });
    const tooNew = await codeAt(secret, at(300 + 60));
    await expect(authenticate({ email, password: TEST_PASSWORD, code: tooNew, ip: freshIp() }, now)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const previousStep = await codeAt(secret, at(300 - 30));
    expect(await authenticate({ email, password: TEST_PASSWORD, code: previousStep, ip: freshIp() }, now)).toMatchObject({ email });
    const nextStep = await codeAt(secret, at(300 + 30));
    expect(await authenticate({ email, password: TEST_PASSWORD, code: nextStep, ip: freshIp() }, now)).toMatchObject({ email });
    const signIns = await prisma.auditEvent.findMany({ where: { chain: ctx.orgId, action: 'auth.sign_in' }, orderBy: { seq: 'asc' } });
    expect(signIns.at(-1)?.after).toMatchObject({ mfa: 'totp' });
  });

  it('refuses a code that was already used, and any code of an earlier step', async () => {
    const { ctx, email } = await createOrganization();
    const { secret } = await enrol(ctx);
    const code = await codeAt(secret, at(600));
    expect(await authenticate({ email, password: TEST_PASSWORD, code, ip: freshIp() }, at(600))).not.toBeNull();
    await expect(authenticate({ email, password: TEST_PASSWORD, code, ip: freshIp() }, at(605))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    // Within the window, but a step before the one just used.
    const earlier = await codeAt(secret, at(570));
    await expect(authenticate({ email, password: TEST_PASSWORD, code: earlier, ip: freshIp() }, at(600))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    // The enrolment's own code cannot sign in either.
    await expect(authenticate({ email, password: TEST_PASSWORD, code: await codeAt(secret, T0), ip: freshIp() }, T0)).rejects.toMatchObject(
      { code: 'UNAUTHENTICATED' },
    );
    const failed = await prisma.auditEvent.findMany({ where: { chain: ctx.orgId, action: 'auth.sign_in_failed' } });
    expect(failed.map((e) => (e.after as { reason: string }).reason)).toEqual(Array(3).fill('wrong second-factor code'));
  });

  it('takes each recovery code once, however it is written, and audits its use', async () => {
    const { ctx, email } = await createOrganization();
    const { recoveryCodes } = await enrol(ctx);
    const [first, second] = recoveryCodes as [string, string];
    const written = ` ${first.toUpperCase().replace('-', ' ')} `;
    expect(await authenticate({ email, password: TEST_PASSWORD, code: written, ip: freshIp() }, at(60))).toMatchObject({ email });
    await expect(authenticate({ email, password: TEST_PASSWORD, code: first, ip: freshIp() }, at(90))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(await authenticate({ email, password: TEST_PASSWORD, code: second, ip: freshIp() }, at(120))).not.toBeNull();
    const used = await prisma.auditEvent.findMany({
      where: { chain: ctx.orgId, action: 'auth.mfa_recovery_code_used' },
      orderBy: { seq: 'asc' },
    });
    expect(used.map((e) => (e.after as { recoveryCodesLeft: number }).recoveryCodesLeft)).toEqual([9, 8]);
    expect(await getMfaStatus({ userId: ctx.userId, sessionVersion: 1 })).toMatchObject({ recoveryCodesLeft: 8 });
  });

  it('throttles wrong codes like wrong passwords: past the free attempts even the right code waits', async () => {
    const { ctx, email } = await createOrganization();
    const { secret } = await enrol(ctx);
    for (let i = 0; i < THROTTLE.account.freeAttempts; i++) {
      await expect(
        authenticate({ email, password: TEST_PASSWORD, code: `00000${i}`, ip: `198.51.100.${100 + i}` }, at(60)),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    await prisma.loginThrottle.update({ where: { key: `account:${email}` }, data: { lastAttemptAt: new Date() } });
    const right = await codeAt(secret, at(60));
    await expect(authenticate({ email, password: TEST_PASSWORD, code: right, ip: freshIp() }, at(60))).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    // Once the delay has passed, the right code signs in and clears the count.
    await prisma.loginThrottle.update({ where: { key: `account:${email}` }, data: { lastAttemptAt: new Date(Date.now() - 60_000) } });
    expect(await authenticate({ email, password: TEST_PASSWORD, code: right, ip: freshIp() }, at(60))).not.toBeNull();
    expect(await prisma.loginThrottle.findUnique({ where: { key: `account:${email}` } })).toBeNull();
  });
});

describe('turning the second factor off', () => {
  it('needs a current code or an unused recovery code; a wrong one is refused, audited and throttled', async () => {
    const { ctx, email } = await createOrganization();
    const { secret, recoveryCodes, session } = await enrol(ctx);
    await expect(disableMfa(session, { code: '999999', ip: freshIp() }, at(60))).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { code: [expect.stringContaining('not correct')] },
    });
    expect(await prisma.loginThrottle.findUnique({ where: { key: `account:${email}` } })).toMatchObject({ attempts: 1 });
    await disableMfa(session, { code: await codeAt(secret, at(60)), ip: freshIp() }, at(60));
    expect(await getMfaStatus(session)).toEqual({ state: 'off' });
    expect(await prisma.mfaRecoveryCode.count({ where: { userId: ctx.userId } })).toBe(0);
    // Signing in is back to the password alone.
    expect(await authenticate({ email, password: TEST_PASSWORD, ip: freshIp() }, at(90))).not.toBeNull();

    expect(recoveryCodes).toHaveLength(10);
    expect(await auditActions(ctx.orgId, 'auth.mfa_disable')).toEqual(['auth.mfa_disable_failed', 'auth.mfa_disabled']);
  });

  it('can be turned off with a recovery code', async () => {
    const { ctx } = await createOrganization();
    const { recoveryCodes, session } = await enrol(ctx);
    await disableMfa(session, { code: recoveryCodes[3]!, ip: freshIp() }, at(60));
    expect(await getMfaStatus(session)).toEqual({ state: 'off' });
    const disabled = await prisma.auditEvent.findFirstOrThrow({ where: { chain: ctx.orgId, action: 'auth.mfa_disabled' } });
    expect(disabled.after).toMatchObject({ with: 'recovery-code' });
  });
});

describe('the "require MFA" policy', () => {
  it('is refused to someone without MFA themselves, then set, versioned and audited', async () => {
    const { ctx } = await createOrganization();
    await expect(setSignInPolicy(ctx, { requireMfa: true, version: 0 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await enrol(ctx);
    expect(await setSignInPolicy(ctx, { requireMfa: true, version: 0 })).toEqual({ requireMfa: true, requireSso: false, version: 1 });
    await expect(setSignInPolicy(ctx, { requireMfa: false, version: 0 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { chain: ctx.orgId, action: 'organization.sign_in_policy_changed' } });
    expect(event.before).toMatchObject({ requireMfa: false, policyVersion: 0 });
    expect(event.after).toMatchObject({ requireMfa: true, policyVersion: 1 });
  });

  it('refuses every action and route of the organization to a member without MFA, until they enrol', async () => {
    const { ctx: owner } = await createOrganization();
    const { session: ownerSession } = await enrol(owner);
    const editor = (await createMember(owner, 'EDITOR')).ctx;
    const input = { name: 'Payments', description: '', regions: ['us-east-1'], services: [] };
    expect(await callAction(createSystemAction, sessionOf(editor), owner.orgSlug, input, { requestId: crypto.randomUUID() })).toMatchObject(
      {
        ok: true,
      },
    );

    const policy = await callAction(setSignInPolicyAction, sessionOf(ownerSession, 1), owner.orgSlug, { requireMfa: true, version: 0 });
    expect(policy).toEqual({ ok: true, data: { requireMfa: true, requireSso: false, version: 1 } });
    expect(await getSignInPolicy(owner)).toMatchObject({ requireMfa: true, membersWithoutMfa: 1 });

    // The editor's very next request is refused, with the way out in words; the refusal is audited.
    const refused = await callAction(
      createSystemAction,
      sessionOf(editor),
      owner.orgSlug,
      { ...input, name: 'Ledger' },
      {
        requestId: crypto.randomUUID(),
      },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('two-factor') } });
    const download = () =>
      callRoute(exportControls, sessionOf(editor), pageRequest(`/${owner.orgSlug}/controls/export`), { org: owner.orgSlug });
    expect((await download()).status).toBe(403);
    expect(await findOrgAccess({ userId: editor.userId, sessionVersion: 0 }, owner.orgSlug)).toMatchObject({ mfaMissing: true });
    const refusal = await prisma.auditEvent.findFirstOrThrow({
      where: { chain: owner.orgId, action: 'access.refused', actorId: editor.userId },
    });
    expect(refusal).toMatchObject({ entityType: 'SignInPolicy' });
    // The owner, who has MFA, goes on.
    expect(await findOrgAccess({ userId: owner.userId, sessionVersion: 1 }, owner.orgSlug)).toMatchObject({ mfaMissing: false });

    const members = await listMembers(owner);
    expect(members.map((m) => [m.user.id, m.mfaEnabled])).toEqual(
      expect.arrayContaining([
        [owner.userId, true],
        [editor.userId, false],
      ]),
    );

    // Enrolling (on the account page, outside the organization) lets them back in.
    const { session: editorSession } = await enrol(editor);
    const allowed = await callAction(
      createSystemAction,
      sessionOf(editorSession, 1),
      owner.orgSlug,
      { ...input, name: 'Ledger' },
      {
        requestId: crypto.randomUUID(),
      },
    );
    expect(allowed).toMatchObject({ ok: true });
    expect(await getSignInPolicy(owner)).toMatchObject({ membersWithoutMfa: 0 });
  });
});
