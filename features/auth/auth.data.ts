import 'server-only';
import { randomBytes } from 'node:crypto';
import { prisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import type { OrgContext } from '@/lib/auth/permissions';
import { appendAudit, audited, TRANSACTION_DEFAULTS, type AuditEntry } from '@/features/audit/audit.data';
import { normalizeEmail, slugify } from './auth.policy';
import { clearAttempt, countAttempt, throttleKeys } from './sign-in-throttle.data';
import type { signUpSchema } from './auth.schema';
import type { z } from 'zod';

export type SessionUser = { id: string; email: string; name: string; sessionVersion: number };

/** Appends a user-level event to every organization the user belongs to (or the platform chain). */
async function recordUserEvent(tx: Tx, user: { id: string | null; email: string }, entry: AuditEntry) {
  const memberships = user.id ? await tx.membership.findMany({ where: { userId: user.id }, select: { orgId: true } }) : [];
  const orgIds = memberships.length > 0 ? memberships.map((m) => m.orgId) : [null];
  for (const orgId of orgIds) await appendAudit(tx, { orgId, userId: user.id, email: user.email }, entry);
}

/**
 * Checks credentials for next-auth. Returns the user, or null for a wrong email or password
 * (the caller shows one message for both); throws RATE_LIMITED while throttled.
 */
export async function authenticate(input: { email: string; password: string; ip: string }): Promise<SessionUser | null> {
  const email = normalizeEmail(input.email);
  const keys = throttleKeys(email, input.ip);
  await countAttempt(keys);

  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, sessionVersion: true, passwordHash: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);

  await prisma.$transaction(async (tx) => {
    if (ok) await clearAttempt(tx, keys);
    await recordUserEvent(
      tx,
      { id: user?.id ?? null, email },
      {
        action: ok ? 'auth.sign_in' : 'auth.sign_in_failed',
        entityType: 'User',
        entityId: user?.id ?? null,
        after: { ip: input.ip, ...(ok ? {} : { reason: user ? 'wrong password' : 'no such account' }) },
      },
    );
  }, TRANSACTION_DEFAULTS);
  if (!ok || !user) return null;
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
 * exist, be active, and the session must not have been revoked.
 */
export async function findOrgContext(session: { userId: string; sessionVersion: number }, orgSlug: string): Promise<OrgContext | null> {
  const membership = await prisma.membership.findFirst({
    where: {
      org: { slug: orgSlug },
      userId: session.userId,
      disabledAt: null,
      user: { sessionVersion: session.sessionVersion },
    },
    select: { role: true, orgId: true, auditPeriodStart: true, auditPeriodEnd: true },
  });
  if (!membership) return null;
  const { role, orgId, auditPeriodStart: start, auditPeriodEnd: end } = membership;
  const limited = role === 'AUDITOR' && (start || end);
  return { userId: session.userId, orgId, orgSlug, role, ...(limited ? { auditPeriod: { start, end } } : {}) };
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
