import 'server-only';
import { prisma } from '@/lib/db';
import { appOrigin, mailEnabled, sendMail } from '@/lib/mail';
import { unsubscribeSecret } from './notifications.data';
import { digestMail, singleMail, type MailItem } from './notifications.mail';
import { isNotificationKind, unsubscribeToken, weekOf, type NotificationKind } from './notifications.policy';

/** A message that failed this many times is given up (FAILED); the in-app notification stays. */
const MAX_EMAIL_ATTEMPTS = 5;

export function unsubscribeUrl(userId: string, kind: NotificationKind): string {
  return `${appOrigin()}/unsubscribe/one-click?token=${unsubscribeToken(userId, kind, unsubscribeSecret())}`;
}

async function recipients(userIds: string[], orgIds: string[]) {
  const [users, orgs] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: [...new Set(userIds)] } }, select: { id: true, email: true } }),
    prisma.organization.findMany({ where: { id: { in: [...new Set(orgIds)] } }, select: { id: true, name: true } }),
  ]);
  return { email: new Map(users.map((u) => [u.id, u.email])), orgName: new Map(orgs.map((o) => [o.id, o.name])) };
}

type Claimed = {
  id: string;
  orgId: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  emailAttempts: number;
};

/**
 * Sends the e-mails that are due (PENDING), each built from its own row only. Rows are claimed in
 * one statement (SKIP LOCKED), so two workers never send the same one. Of one organization when
 * `orgId` is given (an admin's "Run now"), else of all.
 */
export async function deliverPendingEmails(orgId: string | null = null, limit = 200): Promise<{ sent: number; failed: number }> {
  if (!mailEnabled()) return { sent: 0, failed: 0 };
  const claimed = await prisma.$queryRaw<Claimed[]>`
    UPDATE "Notification" SET "email" = 'SENDING', "emailAttempts" = "emailAttempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "Notification"
      WHERE "email" = 'PENDING' AND (${orgId}::uuid IS NULL OR "orgId" = ${orgId}::uuid)
      ORDER BY "createdAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING "id", "orgId", "userId", "kind", "title", "body", "link", "emailAttempts"`;
  if (claimed.length === 0) return { sent: 0, failed: 0 };
  const { email, orgName } = await recipients(
    claimed.map((c) => c.userId),
    claimed.map((c) => c.orgId),
  );
  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    const kind = isNotificationKind(row.kind) ? row.kind : 'digest';
    try {
      await sendMail(
        singleMail(
          {
            to: email.get(row.userId)!,
            orgName: orgName.get(row.orgId)!,
            origin: appOrigin(),
            unsubscribeUrl: unsubscribeUrl(row.userId, kind),
            kind,
          },
          row,
        ),
      );
      await prisma.notification.update({ where: { id: row.id }, data: { email: 'SENT', emailedAt: new Date() } });
      sent++;
    } catch (error) {
      console.error(`[demarc] e-mail for notification ${row.id} failed: ${error instanceof Error ? error.message : String(error)}`);
      await prisma.notification.update({
        where: { id: row.id },
        data: { email: row.emailAttempts >= MAX_EMAIL_ATTEMPTS ? 'FAILED' : 'PENDING' },
      });
      failed++;
    }
  }
  return { sent, failed };
}

/**
 * The weekly digest per person and organization: everything they chose to get weekly, in one
 * message grouped by kind. The digest is itself a notification with the key digest:<org>:<week>,
 * so it is made (and sent) once, whichever worker gets there first; the rows it covers are moved
 * to DIGESTED in the same transaction.
 */
export async function sendWeeklyDigests(now: Date, orgId: string | null = null): Promise<{ digests: number; items: number }> {
  if (!mailEnabled()) return { digests: 0, items: 0 };
  const due = await prisma.notification.groupBy({
    by: ['userId', 'orgId'],
    where: { email: 'WEEKLY', ...(orgId ? { orgId } : {}) },
  });
  const week = weekOf(now);
  let digests = 0;
  let total = 0;
  for (const { userId, orgId: org } of due) {
    const made = await prisma.$transaction(async (tx) => {
      const digestOn =
        (await tx.notificationPreference.findUnique({ where: { userId_kind: { userId, kind: 'digest' } } }))?.delivery !== 'OFF';
      const orgRow = await tx.organization.findUniqueOrThrow({ where: { id: org }, select: { slug: true } });
      const { count } = await tx.notification.createMany({
        data: [
          {
            orgId: org,
            userId,
            kind: 'digest',
            title: `Weekly digest for the week of ${week}`,
            link: `/${orgRow.slug}/notifications`,
            dedupeKey: `digest:${org}:${week}`,
            email: digestOn ? 'SENDING' : 'NONE',
          },
        ],
        skipDuplicates: true,
      });
      if (count === 0) return null;
      const items = await tx.$queryRaw<MailItem[]>`
        UPDATE "Notification" SET "email" = 'DIGESTED'
        WHERE "userId" = ${userId}::uuid AND "orgId" = ${org}::uuid AND "email" = 'WEEKLY'
        RETURNING "kind", "title", "body", "link"`;
      return digestOn ? items : null;
    });
    if (!made || made.length === 0) continue;
    const { email, orgName } = await recipients([userId], [org]);
    const to = email.get(userId)!;
    const name = orgName.get(org)!;
    await sendMail(
      digestMail(
        { to, orgName: name, origin: appOrigin(), unsubscribeUrl: unsubscribeUrl(userId, 'digest'), kind: 'digest' },
        `Your weekly digest: ${made.length} notification${made.length === 1 ? '' : 's'}`,
        made,
      ),
    );
    await prisma.notification.updateMany({
      where: { userId, dedupeKey: `digest:${org}:${week}` },
      data: { email: 'SENT', emailedAt: new Date(), title: `Weekly digest: ${made.length} notification${made.length === 1 ? '' : 's'}` },
    });
    digests++;
    total += made.length;
  }
  return { digests, items: total };
}
