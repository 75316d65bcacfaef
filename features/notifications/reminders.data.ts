import 'server-only';
import { listMyControls } from '@/features/owners/owners.data';
import type { OrgContext } from '@/lib/auth/permissions';
import { prisma } from '@/lib/db';
import { notifyMany, type NewNotification } from './notifications.data';
import { expiryKey, expiryThreshold, expiryTitle, isoDay, weekOf } from './notifications.policy';

async function organizations(orgId: string | null) {
  return prisma.organization.findMany({
    where: orgId ? { id: orgId } : {},
    select: { id: true, slug: true },
    orderBy: { createdAt: 'asc' },
  });
}

/** The latest first sighting among each (control, system)'s open failing checks: a new failure tells again. */
async function latestFailures(orgId: string, today: Date) {
  const rows = await prisma.$queryRaw<{ controlId: string; systemId: string; latest: Date }[]>`
    SELECT "controlId", "systemId", max("firstSeenAt") AS latest FROM "CheckFailure"
    WHERE "orgId" = ${orgId}::uuid AND "resolvedAt" IS NULL AND NOT "suppressed"
      AND ("riskAcceptedUntil" IS NULL OR "riskAcceptedUntil" < ${isoDay(today)}::date)
    GROUP BY "controlId", "systemId"`;
  return new Map(rows.map((r) => [`${r.controlId}:${r.systemId}`, r.latest]));
}

/**
 * What each owner of an organization is told today about the customer halves they own: evidence
 * at 30 / 7 / 0 days before it expires and once expired, the next review date reached, failing
 * automated checks. Everything comes from "My controls" (listMyControls: the one derivation of
 * freshness and state), never recomputed here.
 */
async function ownerReminders(org: { id: string; slug: string }, today: Date): Promise<NewNotification[]> {
  const owners = await prisma.membership.findMany({
    where: { orgId: org.id, disabledAt: null, owns: { some: {} } },
    select: { userId: true, role: true },
  });
  const failures = await latestFailures(org.id, today);
  const items: NewNotification[] = [];
  for (const owner of owners) {
    const ctx: OrgContext = { userId: owner.userId, orgId: org.id, orgSlug: org.slug, role: owner.role };
    for (const row of await listMyControls(ctx, today)) {
      const link = `/${org.slug}/controls/${row.controlId}?system=${row.systemId}`;
      const base = { orgId: org.id, userId: owner.userId, link };
      const half = row.freshness.customer;
      const threshold = expiryThreshold(half, today);
      if (threshold && half?.validUntil) {
        items.push({
          ...base,
          kind: 'evidence_expiry',
          title: expiryTitle(threshold, row.code, row.systemName, half.validUntil),
          body: `${row.code} ${row.title}: add a new version of its evidence and have it reviewed.`,
          dedupeKey: expiryKey(row.controlId, row.systemId, threshold, half.validUntil),
        });
      }
      if (row.nextReviewAt && isoDay(row.nextReviewAt) <= isoDay(today)) {
        items.push({
          ...base,
          kind: 'review_due',
          title: `Review ${row.code} in ${row.systemName}: its next review date (${isoDay(row.nextReviewAt)}) is here`,
          body: `${row.code} ${row.title}: review the implementation and set the next review date.`,
          dedupeKey: `review_due:${row.id}:${isoDay(row.nextReviewAt)}`,
        });
      }
      const latest = failures.get(`${row.controlId}:${row.systemId}`);
      if (row.state.failing > 0 && latest) {
        items.push({
          ...base,
          kind: 'check_failing',
          title: `${row.code} in ${row.systemName}: ${row.state.failing} resource${row.state.failing === 1 ? '' : 's'} failing automated checks`,
          body: `${row.code} ${row.title}: fix the resources or accept the risk.`,
          dedupeKey: `check_failing:${row.controlId}:${row.systemId}:${latest.toISOString()}`,
        });
      }
    }
  }
  return items;
}

/** The daily reminders of every organization (or one): returns counts only. */
export async function runDailyReminders(
  today: Date,
  orgId: string | null = null,
): Promise<{ organizations: number; notifications: number }> {
  let notifications = 0;
  const orgs = await organizations(orgId);
  for (const org of orgs) notifications += await notifyMany(prisma, await ownerReminders(org, today));
  return { organizations: orgs.length, notifications };
}

/**
 * The reviewers' weekly review queue (owners, admins, auditors): how many evidence items wait for
 * a decision, with a link to the evidence list. Counts only, so a period-limited auditor learns
 * nothing of items outside their period. Once per organization, reviewer and week.
 */
export async function runReviewQueueDigest(today: Date, orgId: string | null = null): Promise<{ notifications: number }> {
  let notifications = 0;
  const week = weekOf(today);
  for (const org of await organizations(orgId)) {
    const waiting = await prisma.evidence.count({ where: { orgId: org.id, reviewState: 'SUBMITTED' } });
    if (waiting === 0) continue;
    const reviewers = await prisma.membership.findMany({
      where: { orgId: org.id, disabledAt: null, role: { in: ['OWNER', 'ADMIN', 'AUDITOR'] } },
      select: { userId: true },
    });
    notifications += await notifyMany(
      prisma,
      reviewers.map((r) => ({
        orgId: org.id,
        userId: r.userId,
        kind: 'review_queue' as const,
        title: `Review queue: ${waiting} evidence item${waiting === 1 ? '' : 's'} waiting for a decision`,
        body: 'Accept or reject submitted evidence so controls count as proved.',
        link: `/${org.slug}/evidence?state=SUBMITTED`,
        dedupeKey: `review_queue:${org.id}:${week}`,
      })),
    );
  }
  return { notifications };
}
