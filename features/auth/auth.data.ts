import 'server-only';
import { randomBytes } from 'node:crypto';
import { prisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import type { OrgContext } from '@/lib/auth/permissions';
import { audited, TRANSACTION_DEFAULTS } from '@/features/audit/audit.data';
import { recordUserEvent } from './user-events.data';
import { spendSecondFactor } from '@/features/mfa/mfa.data';
import { MFA_CODE_REQUIRED } from '@/features/mfa/mfa.policy';
import { normalizeEmail, slugify } from './auth.policy';
import { clearAttempt, countAttempt, throttleKeys } from './sign-in-throttle.data';
import type { signUpSchema } from './auth.schema';
import type { z } from 'zod';

export type SessionUser = { id: string; email: string; name: string; sessionVersion: number };

const WRONG_CODE =
  'This code is not correct or was already used. Enter the code your authenticator app shows now, or an unused recovery code.';

/**
 * Checks credentials for next-auth. Returns the user, or null for a wrong email or password
 * (the caller shows one message for both); throws RATE_LIMITED while throttled. An account with
 * a second factor needs its code too: without one, the answer is MFA_CODE_REQUIRED (said only
 * once the password was right, and no session is made); a wrong or reused code is refused. Every
 * attempt, with or without a code, is counted by the sign-in throttle; only a full success clears it.
 */
export async function authenticate(
  input: { email: string; password: string; code?: string; ip: string },
  now: Date = new Date(),
): Promise<SessionUser | null> {
  const email = normalizeEmail(input.email);
  const keys = throttleKeys(email, input.ip);
  await countAttempt(keys);

  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, sessionVersion: true, passwordHash: true, mfa: { select: { enabledAt: true } } },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  const needsCode = passwordOk && Boolean(user?.mfa?.enabledAt);
  if (needsCode && !input.code) throw new AppError('UNAUTHENTICATED', MFA_CODE_REQUIRED);

  const outcome = await prisma.$transaction(async (tx) => {
    const factor = needsCode && user ? await spendSecondFactor(tx, user, input.code!, now, input.ip) : null;
    const ok = passwordOk && (!needsCode || factor !== null);
    if (ok) await clearAttempt(tx, keys);
    const reason = !user ? 'no such account' : !passwordOk ? 'wrong password' : 'wrong second-factor code';
    await recordUserEvent(
      tx,
      { id: user?.id ?? null, email },
      {
        action: ok ? 'auth.sign_in' : 'auth.sign_in_failed',
        entityType: 'User',
        entityId: user?.id ?? null,
        after: { ip: input.ip, ...(ok ? (factor ? { mfa: factor.method } : {}) : { reason }) },
      },
    );
    return ok ? 'ok' : passwordOk ? 'wrong-code' : 'failed';
  }, TRANSACTION_DEFAULTS);
  if (outcome === 'wrong-code') throw new AppError('UNAUTHENTICATED', WRONG_CODE);
  if (outcome !== 'ok' || !user) return null;
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

async function uniqueSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name) || 'org';
  const taken = await tx.organization.findUnique({ where: { slug: base }, select: { id: true } });
  return taken ? `${base}-${randomBytes(3).toString('hex')}` : base;
}

/**
 * Sign-up: a new user, a new organization, and the user as its first OWNER. The password is
 * the schema's to judge (signUpSchema: length and strength); this function stores whatever
 * it is given, which lets the demo seed use the published demo password.
 */
export async function signUp(raw: z.output<typeof signUpSchema>) {
  const input = { ...raw, email: normalizeEmail(raw.email) };
  const existing = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) {
    throw new AppError('CONFLICT', 'An account with this email already exists.', {
      email: ['An account with this email already exists. Sign in instead.'],
    });
  }
  const passwordHash = await hashPassword(input.password);
  const orgId = crypto.randomUUID();
  const userId = crypto.randomUUID();
  return audited({ orgId, userId, email: input.email }, async (tx, record) => {
    const slug = await uniqueSlug(tx, input.organizationName);
    const org = await tx.organization.create({ data: { id: orgId, slug, name: input.organizationName } });
    const user = await tx.user.create({
      data: { id: userId, email: input.email, name: input.name, passwordHash },
      select: { id: true, email: true, name: true },
    });
    const membership = await tx.membership.create({ data: { orgId, userId, role: 'OWNER' } });
    record({ action: 'organization.created', entityType: 'Organization', entityId: org.id, after: org });
    record({ action: 'user.created', entityType: 'User', entityId: user.id, after: user });
    record({ action: 'member.added', entityType: 'Membership', entityId: membership.id, after: membership });
    return { orgSlug: org.slug };
  });
}

/**
 * The authorization decision for a signed-in user and an organization: the membership must
 * exist, be active, and the session must not have been revoked. `mfaMissing`: the organization
 * requires a second factor and the user has none (lib/auth/context.ts refuses them until they enrol).
 * `ssoMissing`: the organization requires single sign-on and the session did not come through it;
 * an owner with a second factor is exempt (password and code are the way in when the provider fails).
 */
export async function findOrgAccess(
  session: { userId: string; sessionVersion: number; ssoOrgId?: string },
  orgSlug: string,
): Promise<{ ctx: OrgContext; mfaMissing: boolean; ssoMissing: boolean } | null> {
  const membership = await prisma.membership.findFirst({
    where: {
      org: { slug: orgSlug },
      userId: session.userId,
      disabledAt: null,
      user: { sessionVersion: session.sessionVersion },
    },
    select: {
      role: true,
      orgId: true,
      auditPeriodStart: true,
      auditPeriodEnd: true,
      org: { select: { requireMfa: true, requireSso: true } },
      user: { select: { mfa: { select: { enabledAt: true } } } },
    },
  });
  if (!membership) return null;
  const hasMfa = Boolean(membership.user.mfa?.enabledAt);
  const breakGlass = membership.role === 'OWNER' && hasMfa;
  const ssoMissing = membership.org.requireSso && session.ssoOrgId !== membership.orgId && !breakGlass;
  const { role, orgId, auditPeriodStart: start, auditPeriodEnd: end } = membership;
  const limited = role === 'AUDITOR' && (start || end);
  const ctx: OrgContext = { userId: session.userId, orgId, orgSlug, role, ...(limited ? { auditPeriod: { start, end } } : {}) };
  return { ctx, mfaMissing: membership.org.requireMfa && !hasMfa, ssoMissing };
}

/** The organization context alone, whatever the sign-in policy says (seeding, tests). */
export async function findOrgContext(session: { userId: string; sessionVersion: number }, orgSlug: string): Promise<OrgContext | null> {
  return (await findOrgAccess(session, orgSlug))?.ctx ?? null;
}

/** The user behind a session, or null if the session was revoked. */
export async function findSessionUser(session: { userId: string; sessionVersion: number }) {
  return prisma.user.findFirst({
    where: { id: session.userId, sessionVersion: session.sessionVersion },
    select: {
      id: true,
      email: true,
      name: true,
      memberships: {
        where: { disabledAt: null },
        select: { role: true, org: { select: { slug: true, name: true } } },
        orderBy: { createdAt: 'asc' },
      },
    },
  });
}

export async function findUserIdByEmail(email: string): Promise<string | null> {
  const user = await prisma.user.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true } });
  return user?.id ?? null;
}

/** "Sign out everywhere": every session issued before now stops working. */
export async function signOutEverywhere(session: { userId: string; sessionVersion: number }) {
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: session.userId, sessionVersion: session.sessionVersion },
      data: { sessionVersion: { increment: 1 } },
      select: { id: true, email: true },
    });
    await recordUserEvent(tx, user, {
      action: 'auth.signed_out_everywhere',
      entityType: 'User',
      entityId: user.id,
      before: { sessionVersion: session.sessionVersion },
      after: { sessionVersion: session.sessionVersion + 1 },
    });
  }, TRANSACTION_DEFAULTS);
}

/**
 * Changes the signed-in user's password after checking the current one (counted against the
 * sign-in throttle like a sign-in). Every session of theirs ends: the session version moves
 * on, and the caller re-issues the current session with the returned version. The new
 * password is the schema's to judge (changePasswordSchema).
 */
export async function changePassword(
  session: { userId: string; sessionVersion: number },
  input: { currentPassword: string; newPassword: string; ip: string },
): Promise<{ sessionVersion: number }> {
  const user = await prisma.user.findFirst({
    where: { id: session.userId, sessionVersion: session.sessionVersion },
    select: { id: true, email: true, passwordHash: true },
  });
  if (!user) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  const keys = throttleKeys(user.email, input.ip);
  await countAttempt(keys);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await prisma.$transaction(
      (tx) =>
        recordUserEvent(tx, user, {
          action: 'auth.password_change_failed',
          entityType: 'User',
          entityId: user.id,
          after: { ip: input.ip, reason: 'wrong current password' },
        }),
      TRANSACTION_DEFAULTS,
    );
    throw new AppError('VALIDATION', 'Your current password is not correct.', {
      currentPassword: ['This is not your current password.'],
    });
  }

  const passwordHash = await hashPassword(input.newPassword);
  const sessionVersion = session.sessionVersion + 1;
  await prisma.$transaction(async (tx) => {
    await clearAttempt(tx, keys);
    // Only from the session's version: a session revoked meanwhile changes nothing.
    const { count } = await tx.user.updateMany({
      where: { id: user.id, sessionVersion: session.sessionVersion },
      data: { passwordHash, sessionVersion },
    });
    if (count !== 1) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
    await recordUserEvent(tx, user, {
      action: 'auth.password_changed',
      entityType: 'User',
      entityId: user.id,
      before: { sessionVersion: session.sessionVersion },
      after: { sessionVersion, ip: input.ip },
    });
  }, TRANSACTION_DEFAULTS);
  return { sessionVersion };
}
