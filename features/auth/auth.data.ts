import 'server-only';
import { randomBytes } from 'node:crypto';
import { prisma, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import type { OrgContext } from '@/lib/auth/permissions';
import { appendAudit, audited, TRANSACTION_DEFAULTS, type AuditEntry } from '@/features/audit/audit.data';
import { normalizeEmail, retryAfterMs, slugify, THROTTLE, type ThrottleKind } from './auth.policy';
import type { signUpSchema } from './auth.schema';
import type { z } from 'zod';

export type SessionUser = { id: string; email: string; name: string; sessionVersion: number };

/** Appends a user-level event to every organization the user belongs to (or the platform chain). */
async function recordUserEvent(tx: Tx, user: { id: string | null; email: string }, entry: AuditEntry) {
  const memberships = user.id ? await tx.membership.findMany({ where: { userId: user.id }, select: { orgId: true } }) : [];
  const orgIds = memberships.length > 0 ? memberships.map((m) => m.orgId) : [null];
  for (const orgId of orgIds) await appendAudit(tx, { orgId, userId: user.id, email: user.email }, entry);
}

function throttleKeys(email: string, ip: string): Record<ThrottleKind, string> {
  return { account: `account:${email}`, ip: `ip:${ip}` };
}

/** Expired rows removed per attempt: enough to keep up with any sign-in rate, bounded per statement. */
const PURGE_BATCH = 50;

/** The per-kind delay before another attempt, in SQL, for a row `t` (mirrors throttleDelayMs). */
function delaySql(kind: ThrottleKind) {
  const { freeAttempts, maxDelayMs } = THROTTLE[kind];
  return Prisma.sql`LEAST(${maxDelayMs}::float8, ${THROTTLE.baseDelayMs}::float8 * power(2::float8, LEAST(t."attempts" - ${freeAttempts}::int, 30)))`;
}

/**
 * Counts this attempt against the account and the address and decides whether it may go on,
 * in ONE statement, before any password is hashed. A row is only updated (and so returned)
 * when its key allows the attempt: within the free allowance, after its delay, or once the
 * window has passed (the count starts again). ON CONFLICT DO UPDATE locks the row and
 * always sees its latest version, so parallel attempts queue on the row and each sees the
 * ones before it: of N at once, only the free ones get through. A refused attempt changes
 * nothing, so hammering neither extends the delay nor locks anyone out for longer.
 * The same statement deletes a bounded batch of expired rows (other than these two keys;
 * SKIP LOCKED so parallel sign-ins never wait for each other's clean-up).
 */
async function countAttempt(keys: Record<ThrottleKind, string>): Promise<void> {
  const windowSql = Prisma.sql`statement_timestamp() - ${THROTTLE.windowMs}::float8 * interval '1 millisecond'`;
  const allowed = await prisma.$queryRaw<{ key: string }[]>`
    WITH "expired" AS (
      DELETE FROM "LoginThrottle" WHERE "key" IN (
        SELECT "key" FROM "LoginThrottle"
        WHERE "lastAttemptAt" < ${windowSql} AND "key" <> ${keys.account} AND "key" <> ${keys.ip}
        ORDER BY "lastAttemptAt" LIMIT ${PURGE_BATCH}
        FOR UPDATE SKIP LOCKED)
    )
    INSERT INTO "LoginThrottle" AS t ("key", "attempts", "lastAttemptAt")
    VALUES (${keys.account}, 1, statement_timestamp()), (${keys.ip}, 1, statement_timestamp())
    ON CONFLICT ("key") DO UPDATE SET
      "attempts" = CASE WHEN t."lastAttemptAt" <= ${windowSql} THEN 1 ELSE t."attempts" + 1 END,
      "lastAttemptAt" = statement_timestamp()
    WHERE t."lastAttemptAt" <= ${windowSql}
       OR t."attempts" < CASE WHEN t."key" = ${keys.ip} THEN ${THROTTLE.ip.freeAttempts}::int ELSE ${THROTTLE.account.freeAttempts}::int END
       OR t."lastAttemptAt" <= statement_timestamp() - interval '1 millisecond' *
            CASE WHEN t."key" = ${keys.ip} THEN ${delaySql('ip')} ELSE ${delaySql('account')} END
    RETURNING t."key"`;
  if (allowed.length === Object.keys(keys).length) return;

  // Refused. The wait is read afterwards for the message only; the decision was made above.
  const rows = await prisma.loginThrottle.findMany({ where: { key: { in: Object.values(keys) } } });
  const now = new Date();
  const wait = Math.max(
    ...(Object.entries(keys) as [ThrottleKind, string][]).map(([kind, key]) =>
      retryAfterMs(kind, rows.find((r) => r.key === key) ?? null, now),
    ),
  );
  throw new AppError('RATE_LIMITED', `Too many failed sign-ins. Wait ${Math.max(1, Math.ceil(wait / 1000))} seconds, then try again.`);
}

/** After a success: the account's count starts again and the address gets its attempt back. */
async function clearAttempt(tx: Tx, keys: Record<ThrottleKind, string>) {
  await tx.loginThrottle.deleteMany({ where: { key: keys.account } });
  await tx.$executeRaw`UPDATE "LoginThrottle" SET "attempts" = GREATEST("attempts" - 1, 0) WHERE "key" = ${keys.ip}`;
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

/** Sign-up: a new user, a new organization, and the user as its first OWNER. */
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
