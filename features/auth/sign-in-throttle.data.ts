import 'server-only';
import { prisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { retryAfterMs, THROTTLE, type ThrottleKind } from './auth.policy';

// Sign-in throttling (the numbers and the delay rule are in auth.policy.ts): each password
// check is counted first, per account and per client address, and refused while throttled.

export function throttleKeys(email: string, ip: string): Record<ThrottleKind, string> {
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
 * nothing, so hammering neither extends the delay nor locks anyone out for longer. When
 * only one of the two keys refuses, the other keeps its count: it allowed an attempt, which
 * is at most one per its own delay, as if that attempt had been made.
 * The same statement deletes a bounded batch of expired rows (other than these two keys;
 * SKIP LOCKED so parallel sign-ins never wait for each other's clean-up).
 */
export async function countAttempt(keys: Record<ThrottleKind, string>): Promise<void> {
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
  throw new AppError('RATE_LIMITED', `Too many wrong passwords. Wait ${Math.max(1, Math.ceil(wait / 1000))} seconds, then try again.`);
}

/** After a success: the account's count starts again and the address gets its attempt back. */
export async function clearAttempt(tx: Tx, keys: Record<ThrottleKind, string>) {
  await tx.loginThrottle.deleteMany({ where: { key: keys.account } });
  await tx.$executeRaw`UPDATE "LoginThrottle" SET "attempts" = GREATEST("attempts" - 1, 0) WHERE "key" = ${keys.ip}`;
}
