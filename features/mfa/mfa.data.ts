import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { prisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { TRANSACTION_DEFAULTS } from '@/features/audit/audit.data';
import { clearAttempt, countAttempt, throttleKeys } from '@/features/auth/sign-in-throttle.data';
import { recordUserEvent } from '@/features/auth/user-events.data';
import { isTotpCode, normalizeCode, RECOVERY_CODE_COUNT, recoveryCodeFrom } from './mfa.policy';
import { newSealedSecret, openSecret, otpauthUri, verifyTotp } from './totp';

// The TOTP second factor of an account: enrol (a pending secret confirmed by a first code, then
// ten recovery codes shown once), check a code at sign-in, disable. Every function takes `now`,
// so tests move the clock instead of waiting for it.

type Session = { userId: string; sessionVersion: number };
type Account = { id: string; email: string };

const sessionEnded = () => new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
const hashRecoveryCode = (code: string) => createHash('sha256').update(normalizeCode(code)).digest('hex');

async function liveAccount(session: Session): Promise<Account> {
  const user = await prisma.user.findFirst({
    where: { id: session.userId, sessionVersion: session.sessionVersion },
    select: { id: true, email: true },
  });
  if (!user) throw sessionEnded();
  return user;
}

export type MfaStatus =
  { state: 'off' } | { state: 'pending'; secret: string; uri: string } | { state: 'on'; enabledAt: Date; recoveryCodesLeft: number };

/** What the account page shows: off, a pending enrolment (its secret, to scan), or on. */
export async function getMfaStatus(session: Session): Promise<MfaStatus> {
  const user = await liveAccount(session);
  const mfa = await prisma.userMfa.findUnique({ where: { userId: user.id }, select: { enabledAt: true, secretEncrypted: true } });
  if (!mfa) return { state: 'off' };
  if (!mfa.enabledAt) {
    const secret = openSecret(mfa.secretEncrypted);
    return { state: 'pending', secret, uri: otpauthUri(secret, user.email) };
  }
  const recoveryCodesLeft = await prisma.mfaRecoveryCode.count({ where: { userId: user.id, usedAt: null } });
  return { state: 'on', enabledAt: mfa.enabledAt, recoveryCodesLeft };
}

/** Starts (or starts again) an enrolment: a new secret, pending until a first code confirms it. */
export async function startMfaEnrolment(session: Session): Promise<void> {
  const user = await liveAccount(session);
  await prisma.$transaction(async (tx) => {
    const existing = await tx.userMfa.findUnique({ where: { userId: user.id }, select: { enabledAt: true } });
    if (existing?.enabledAt) throw new AppError('CONFLICT', 'Two-factor authentication is already on for your account.');
    const secretEncrypted = newSealedSecret();
    await tx.userMfa.upsert({
      where: { userId: user.id },
      create: { userId: user.id, secretEncrypted },
      update: { secretEncrypted, lastTimeStep: null },
    });
    await recordUserEvent(tx, user, { action: 'auth.mfa_enrolment_started', entityType: 'User', entityId: user.id });
  }, TRANSACTION_DEFAULTS);
}

/** Ten new recovery codes replace any earlier ones; only their hashes are kept. */
async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCodeFrom(randomBytes(10)));
  await tx.mfaRecoveryCode.deleteMany({ where: { userId } });
  await tx.mfaRecoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) });
  return codes;
}

/**
 * Confirms a pending enrolment with a first code from the app. Turns the second factor on, makes
 * the recovery codes (returned once, never again) and ends every other session of the account:
 * those were made with a password alone. The caller re-issues this one at the returned version.
 */
export async function confirmMfaEnrolment(
  session: Session,
  input: { code: string },
  now: Date = new Date(),
): Promise<{ recoveryCodes: string[]; sessionVersion: number }> {
  const user = await liveAccount(session);
  const pending = await prisma.userMfa.findUnique({ where: { userId: user.id }, select: { enabledAt: true, secretEncrypted: true } });
  if (!pending || pending.enabledAt) throw new AppError('CONFLICT', 'There is no enrolment to confirm. Reload the page and start again.');
  const step = await verifyTotp(openSecret(pending.secretEncrypted), input.code, now, null);
  if (step === null) {
    throw new AppError('VALIDATION', 'This code is not correct.', {
      code: ['This code is not correct. Check that your device’s clock is right and enter the code shown now.'],
    });
  }
  const sessionVersion = session.sessionVersion + 1;
  const recoveryCodes = await prisma.$transaction(async (tx) => {
    const { count } = await tx.userMfa.updateMany({
      where: { userId: user.id, enabledAt: null },
      data: { enabledAt: now, lastTimeStep: step },
    });
    if (count !== 1) throw new AppError('CONFLICT', 'There is no enrolment to confirm. Reload the page and start again.');
    const moved = await tx.user.updateMany({ where: { id: user.id, sessionVersion: session.sessionVersion }, data: { sessionVersion } });
    if (moved.count !== 1) throw sessionEnded();
    const codes = await replaceRecoveryCodes(tx, user.id);
    await recordUserEvent(tx, user, {
      action: 'auth.mfa_enabled',
      entityType: 'User',
      entityId: user.id,
      after: { method: 'totp', recoveryCodes: codes.length, sessionVersion },
    });
    return codes;
  }, TRANSACTION_DEFAULTS);
  return { recoveryCodes, sessionVersion };
}

export type SecondFactor = { method: 'totp' } | { method: 'recovery-code'; recoveryCodesLeft: number };

/**
 * Checks a code for an account whose second factor is on, inside the caller's transaction, and
 * spends it: a TOTP code moves the account's last time step on (the same or an earlier step is
 * refused, even by a parallel request: the update is conditional); a recovery code is marked
 * used (single use, also conditional) and its use audited. Null when the code is not good.
 */
export async function spendSecondFactor(tx: Tx, user: Account, code: string, now: Date, ip: string): Promise<SecondFactor | null> {
  const mfa = await tx.userMfa.findUnique({
    where: { userId: user.id },
    select: { enabledAt: true, secretEncrypted: true, lastTimeStep: true },
  });
  if (!mfa?.enabledAt) return null;
  if (isTotpCode(code)) {
    const step = await verifyTotp(openSecret(mfa.secretEncrypted), code, now, mfa.lastTimeStep);
    if (step === null) return null;
    const { count } = await tx.userMfa.updateMany({
      where: { userId: user.id, OR: [{ lastTimeStep: null }, { lastTimeStep: { lt: step } }] },
      data: { lastTimeStep: step },
    });
    return count === 1 ? { method: 'totp' } : null;
  }
  const { count } = await tx.mfaRecoveryCode.updateMany({
    where: { userId: user.id, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  const recoveryCodesLeft = await tx.mfaRecoveryCode.count({ where: { userId: user.id, usedAt: null } });
  await recordUserEvent(tx, user, {
    action: 'auth.mfa_recovery_code_used',
    entityType: 'User',
    entityId: user.id,
    after: { ip, recoveryCodesLeft },
  });
  return { method: 'recovery-code', recoveryCodesLeft };
}

/** Whether the account has a second factor that sign-in must ask for. */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  const mfa = await prisma.userMfa.findUnique({ where: { userId }, select: { enabledAt: true } });
  return Boolean(mfa?.enabledAt);
}

/**
 * Turns the second factor off with a current code or a recovery code, counted against the
 * sign-in throttle like a password. A wrong code is audited and refused.
 */
export async function disableMfa(session: Session, input: { code: string; ip: string }, now: Date = new Date()): Promise<void> {
  const user = await liveAccount(session);
  const keys = throttleKeys(user.email, input.ip);
  await countAttempt(keys);
  const done = await prisma.$transaction(async (tx) => {
    const factor = await spendSecondFactor(tx, user, input.code, now, input.ip);
    if (!factor) {
      await recordUserEvent(tx, user, {
        action: 'auth.mfa_disable_failed',
        entityType: 'User',
        entityId: user.id,
        after: { ip: input.ip, reason: 'wrong code' },
      });
      return false;
    }
    await clearAttempt(tx, keys);
    await tx.mfaRecoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.userMfa.delete({ where: { userId: user.id } });
    await recordUserEvent(tx, user, {
      action: 'auth.mfa_disabled',
      entityType: 'User',
      entityId: user.id,
      after: { ip: input.ip, with: factor.method },
    });
    return true;
  }, TRANSACTION_DEFAULTS);
  if (!done) {
    throw new AppError('VALIDATION', 'This code is not correct.', {
      code: ['This code is not correct or was already used. Enter the code your app shows now, or an unused recovery code.'],
    });
  }
}
