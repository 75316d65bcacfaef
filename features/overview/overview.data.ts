import 'server-only';
import { prisma } from '@/lib/db';
import { freshnessConfig } from '@/lib/config';
import type { OrgContext } from '@/lib/auth/permissions';
import { listReviewQueue } from '@/features/evidence/evidence.data';
import { percent } from '@/features/summaries/summary.policy';
import { readinessHistory, readinessNow } from './readiness.data';
import { expiringItems, failingControls, ownerLoads, trendSeries } from './overview.policy';

/** Items listed per section; each section also says how many there are in all. */
const LISTED = 10;

/** The last signed-off snapshot of each system of the organization. */
async function lastSignedSnapshots(ctx: OrgContext) {
  const snapshots = await prisma.snapshot.findMany({
    where: { orgId: ctx.orgId, signedAt: { not: null } },
    distinct: ['systemId'],
    orderBy: [{ systemId: 'asc' }, { signedAt: 'desc' }],
    select: { id: true, systemId: true, createdAt: true, signedAt: true, signedById: true, sha256: true },
  });
  const signers = await prisma.user.findMany({
    where: { id: { in: snapshots.flatMap((s) => (s.signedById ? [s.signedById] : [])) }, memberships: { some: { orgId: ctx.orgId } } },
    select: { id: true, name: true },
  });
  return new Map(
    snapshots.map((s) => [
      s.systemId,
      {
        id: s.id,
        createdAt: s.createdAt,
        signedAt: s.signedAt!,
        signedBy: signers.find((u) => u.id === s.signedById)?.name ?? 'A former member',
        sha256: s.sha256,
      },
    ]),
  );
}

/**
 * "Are we ready?": per active system, readiness (the summary's figure) and each framework's covered
 * share, the 90-day trend the daily job recorded, what expires soon, the review queue, failing
 * checks, owners with the most open items and the last signed snapshot.
 */
export async function getOverview(ctx: OrgContext, today = new Date()) {
  // An auditor limited to an audit period reads figures without the evidence outside it; the
  // recorded trend counts all evidence, so it is not shown to them.
  const periodLimited = Boolean(ctx.auditPeriod);
  const [org, controls, systems, history, queue, snapshots] = await Promise.all([
    prisma.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: { name: true } }),
    prisma.control.count({ where: { orgId: ctx.orgId, archivedAt: null } }),
    readinessNow(ctx, today),
    periodLimited ? Promise.resolve([]) : readinessHistory(ctx, today),
    listReviewQueue(ctx, LISTED),
    lastSignedSnapshots(ctx),
  ]);
  const expiring = expiringItems(systems);
  const owners = ownerLoads(systems);
  return {
    name: org.name,
    controls,
    expiringWindowDays: freshnessConfig().expiringWindowDays,
    systems: systems.map(({ system, readiness, frameworks, register }) => ({
      ...system,
      readiness: { ...readiness, percent: percent(readiness.implemented, readiness.applicable) },
      frameworks: frameworks.map((f) => ({ ...f, percent: percent(f.covered, f.of) })),
      failingControls: failingControls(register),
      lastSigned: snapshots.get(system.id) ?? null,
    })),
    trend: periodLimited ? null : trendSeries(systems, history),
    expiring: { total: expiring.length, items: expiring.slice(0, LISTED) },
    reviewQueue: {
      total: queue.total,
      items: queue.items.map((e) => ({ id: e.id, title: e.title, updatedAt: e.updatedAt, system: e.system?.name ?? null })),
    },
    owners: { unowned: owners.unowned, total: owners.owners.length, items: owners.owners.slice(0, LISTED) },
  };
}

export type Overview = Awaited<ReturnType<typeof getOverview>>;
