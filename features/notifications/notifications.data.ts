import 'server-only';
import type { z } from 'zod';
import { audited } from '@/features/audit/audit.data';
import type { SessionClaims } from '@/lib/auth/context';
import type { OrgContext } from '@/lib/auth/permissions';
import { staleVersionError } from '@/lib/concurrency';
import { assertUuid, isUniqueViolation, prisma, type Db, type Tx } from '@/lib/db';
import type { NotificationDelivery } from '@/lib/generated/prisma/enums.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { mailEnabled } from '@/lib/mail';
import {
  defaultDelivery,
  NOTIFICATION_KINDS,
  NOTIFICATIONS_PAGE_SIZE,
  readUnsubscribeToken,
  type NotificationKind,
} from './notifications.policy';
import type { markNotificationReadSchema, savePreferencesSchema } from './notifications.schema';

/** One thing to tell one member of one organization; `link` is an app path of that organization. */
export type NewNotification = {
  orgId: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  body?: string;
  link: string;
  dedupeKey: string;
};

/** The secret that signs unsubscribe links: the one that signs sessions. */
export function unsubscribeSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error('NEXTAUTH_SECRET is not set: unsubscribe links cannot be signed.');
  return secret;
}

/** Each user's choice per kind (absent: the kind's default). */
export async function deliveriesOf(
  db: Db | Tx,
  userIds: string[],
): Promise<(userId: string, kind: NotificationKind) => NotificationDelivery> {
  const rows = userIds.length
    ? await db.notificationPreference.findMany({
        where: { userId: { in: [...new Set(userIds)] } },
        select: { userId: true, kind: true, delivery: true },
      })
    : [];
  const chosen = new Map(rows.map((r) => [`${r.userId}:${r.kind}`, r.delivery]));
  return (userId, kind) => chosen.get(`${userId}:${kind}`) ?? defaultDelivery(kind);
}

/**
 * Records notifications, honouring each member's preference: OFF tells nothing; otherwise the row is
 * in the app at once and its e-mail is due now (IMMEDIATE) or in the weekly digest (WEEKLY); with
 * e-mail off it stays in the app. A dedupe key already told to that user is skipped, so running
 * twice (or on two instances at once) tells once. Returns how many were new. Event-driven callers
 * pass their transaction, so the notification exists exactly when the change does.
 */
export async function notifyMany(db: Db | Tx, items: NewNotification[]): Promise<number> {
  if (items.length === 0) return 0;
  const delivery = await deliveriesOf(
    db,
    items.map((i) => i.userId),
  );
  const mail = mailEnabled();
  const data = items.flatMap((item) => {
    const choice = delivery(item.userId, item.kind);
    if (choice === 'OFF') return [];
    // The weekly summaries are weekly by nature: their e-mail goes when they are made.
    const weekly = choice === 'WEEKLY' && item.kind !== 'review_queue' && item.kind !== 'digest';
    return [{ ...item, body: item.body ?? '', email: !mail ? ('NONE' as const) : weekly ? ('WEEKLY' as const) : ('PENDING' as const) }];
  });
  if (data.length === 0) return 0;
  const { count } = await db.notification.createMany({ data, skipDuplicates: true });
  return count;
}

const listSelect = { id: true, kind: true, title: true, body: true, link: true, createdAt: true, readAt: true } as const;

/** The caller's notifications in this organization, newest first, one page at a time. */
export async function listNotifications(ctx: OrgContext, page = 1) {
  const where = { userId: ctx.userId, orgId: ctx.orgId };
  const [total, unread] = await Promise.all([prisma.notification.count({ where }), countUnread(ctx)]);
  const pages = Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const items = await prisma.notification.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (current - 1) * NOTIFICATIONS_PAGE_SIZE,
    take: NOTIFICATIONS_PAGE_SIZE,
    select: listSelect,
  });
  return { items, total, unread, page: current, pages };
}

export async function countUnread(ctx: Pick<OrgContext, 'userId' | 'orgId'>): Promise<number> {
  return prisma.notification.count({ where: { userId: ctx.userId, orgId: ctx.orgId, readAt: null } });
}

/** Thrown inside a transaction that found nothing to change: it rolls back, and nothing is audited. */
class NothingToMark extends Error {}

/** Marks notifications of the caller read, audited; nothing to mark (already read, another's) writes nothing. */
async function markRead(
  ctx: OrgContext,
  where: Prisma.NotificationWhereInput,
  event: { action: string; entityType: string; entityId: string },
) {
  try {
    return await audited(ctx, async (tx, record) => {
      const { count } = await tx.notification.updateMany({
        where: { ...where, userId: ctx.userId, orgId: ctx.orgId, readAt: null },
        data: { readAt: new Date() },
      });
      if (count === 0) throw new NothingToMark();
      record({ ...event, after: { marked: count } });
      return { marked: count };
    });
  } catch (error) {
    if (error instanceof NothingToMark) return { marked: 0 };
    throw error;
  }
}

/** Marks one of the caller's own notifications read (another's is not found). */
export async function markNotificationRead(ctx: OrgContext, input: z.output<typeof markNotificationReadSchema>) {
  assertUuid(input.id, 'notification');
  return markRead(ctx, { id: input.id }, { action: 'notifications.read', entityType: 'Notification', entityId: input.id });
}

export async function markAllNotificationsRead(ctx: OrgContext) {
  return markRead(ctx, {}, { action: 'notifications.all_read', entityType: 'User', entityId: ctx.userId });
}

/** The account page's preferences: every kind with the member's choice and its version (0: never saved). */
export async function listPreferences(userId: string) {
  const rows = await prisma.notificationPreference.findMany({ where: { userId }, select: { kind: true, delivery: true, version: true } });
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return NOTIFICATION_KINDS.map((kind) => ({
    kind,
    delivery: byKind.get(kind)?.delivery ?? defaultDelivery(kind),
    version: byKind.get(kind)?.version ?? 0,
  }));
}

/** Saves the member's choices, each against the version the form read. */
export async function savePreferences(session: SessionClaims, input: z.output<typeof savePreferencesSchema>) {
  try {
    return await audited({ orgId: null, userId: session.userId }, async (tx, record) => {
      for (const { kind, delivery, version } of input.preferences) {
        if (version === 0) {
          await tx.notificationPreference.create({ data: { userId: session.userId, kind, delivery } });
        } else {
          const { count } = await tx.notificationPreference.updateMany({
            where: { userId: session.userId, kind, version },
            data: { delivery, version: { increment: 1 } },
          });
          if (count === 0) throw staleVersionError('notification preference');
        }
      }
      record({
        action: 'notifications.preferences_saved',
        entityType: 'User',
        entityId: session.userId,
        after: Object.fromEntries(input.preferences.map((p) => [p.kind, p.delivery])),
      });
      return { saved: input.preferences.length };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw staleVersionError('notification preference');
    throw error;
  }
}

/**
 * The one-click unsubscribe: a signed token names one user and one kind, and turns only that kind
 * off. No session needed (the signature is the authorization). Null when the token is not valid.
 */
export async function unsubscribe(token: unknown): Promise<{ kind: NotificationKind } | null> {
  const target = readUnsubscribeToken(token, unsubscribeSecret());
  if (!target) return null;
  const user = await prisma.user.findUnique({ where: { id: target.userId }, select: { id: true } });
  if (!user) return null;
  await audited({ orgId: null, userId: target.userId }, async (tx, record) => {
    await tx.notificationPreference.upsert({
      where: { userId_kind: { userId: target.userId, kind: target.kind } },
      create: { userId: target.userId, kind: target.kind, delivery: 'OFF' },
      update: { delivery: 'OFF', version: { increment: 1 } },
    });
    record({ action: 'notifications.unsubscribed', entityType: 'User', entityId: target.userId, after: { kind: target.kind } });
  });
  return { kind: target.kind };
}

/** What an unsubscribe token names, for the confirmation page (nothing is changed). */
export function describeUnsubscribe(token: unknown): { kind: NotificationKind } | null {
  const target = readUnsubscribeToken(token, unsubscribeSecret());
  return target && { kind: target.kind };
}
