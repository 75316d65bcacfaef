import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HalfFreshness } from '@/features/evidence/evidence.policy';
import type { NotificationDelivery } from '@/lib/generated/prisma/enums.ts';

/** What a member can be told, each with its own preference and its own unsubscribe link. */
export const NOTIFICATION_KINDS = [
  'evidence_expiry',
  'review_due',
  'control_assigned',
  'evidence_rejected',
  'check_failing',
  'review_queue',
  'digest',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const KIND_LABELS: Record<NotificationKind, string> = {
  evidence_expiry: 'Evidence of my controls expiring (30, 7 and 0 days before) or expired',
  review_due: 'The next review date of my controls reached',
  control_assigned: 'A control assigned to me',
  evidence_rejected: 'My evidence rejected by a reviewer',
  check_failing: 'Failing automated checks on my controls',
  review_queue: 'The weekly review queue (owners, admins and auditors)',
  digest: 'The weekly digest e-mail of what I chose to get weekly',
};

/** Without a choice: told at once, except the two weekly summaries, which are weekly by nature. */
export function defaultDelivery(kind: NotificationKind): NotificationDelivery {
  return kind === 'review_queue' || kind === 'digest' ? 'WEEKLY' : 'IMMEDIATE';
}

export function isNotificationKind(kind: unknown): kind is NotificationKind {
  return typeof kind === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

export type ExpiryThreshold = '30' | '7' | '0' | 'expired';

const DAY = 86_400_000;
const utcDay = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());

/**
 * The reminder threshold the customer half's evidence has reached today, from the freshness the one
 * derivation computed (its state and validUntil): the latest one reached, so a job that missed a day
 * sends the current reminder rather than every earlier one. Null: nothing to say (no evidence, or
 * more than 30 days left).
 */
export function expiryThreshold(half: HalfFreshness | null, today: Date): ExpiryThreshold | null {
  if (!half?.validUntil || half.state === 'MISSING') return null;
  if (half.state === 'EXPIRED') return 'expired';
  const daysLeft = Math.round((utcDay(half.validUntil) - utcDay(today)) / DAY);
  if (daysLeft <= 0) return '0';
  if (daysLeft <= 7) return '7';
  if (daysLeft <= 30) return '30';
  return null;
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The dedupe key of an expiry reminder: one per control and system, threshold, and the validity the
 * evidence gave (its validUntil). A new version of the evidence moves validUntil, so the cycle restarts.
 */
export function expiryKey(controlId: string, systemId: string, threshold: ExpiryThreshold, validUntil: Date): string {
  return `evidence_expiry:${controlId}:${systemId}:${threshold}:${isoDay(validUntil)}`;
}

export function expiryTitle(threshold: ExpiryThreshold, code: string, systemName: string, validUntil: Date): string {
  const what = `Evidence for ${code} in ${systemName}`;
  if (threshold === 'expired') return `${what} expired on ${isoDay(validUntil)}`;
  if (threshold === '0') return `${what} expires today (${isoDay(validUntil)})`;
  return `${what} expires within ${threshold} days, on ${isoDay(validUntil)}`;
}

/** The Monday (UTC) of the week a date falls in: the weekly digests' period. */
export function weekOf(d: Date): string {
  const day = new Date(utcDay(d));
  const back = (day.getUTCDay() + 6) % 7;
  return isoDay(new Date(day.getTime() - back * DAY));
}

const UNSUBSCRIBE_PURPOSE = 'demarc-unsubscribe-v1';

function signature(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`${UNSUBSCRIBE_PURPOSE}:${payload}`).digest('base64url');
}

/** A signed, one-click unsubscribe token: it names one user and one kind, and can only turn that kind off. */
export function unsubscribeToken(userId: string, kind: NotificationKind, secret: string): string {
  const payload = Buffer.from(JSON.stringify([userId, kind])).toString('base64url');
  return `${payload}.${signature(payload, secret)}`;
}

/** The user and kind a token names, or null when it was not signed with this secret. */
export function readUnsubscribeToken(token: unknown, secret: string): { userId: string; kind: NotificationKind } | null {
  if (typeof token !== 'string' || token.length > 500) return null;
  const [payload, sig, ...rest] = token.split('.');
  if (!payload || !sig || rest.length) return null;
  const expected = Buffer.from(signature(payload, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [userId, kind] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
    return typeof userId === 'string' && isNotificationKind(kind) ? { userId, kind } : null;
  } catch {
    return null;
  }
}

export const NOTIFICATIONS_PAGE_SIZE = 25;
