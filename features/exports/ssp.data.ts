import 'server-only';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { listProviderReports } from '@/features/reports/reports.data';
import { loadExportControls } from './cis-crm.data';
import { exportFileName } from './cis-crm.policy';
import { buildSspDocument } from './ssp';

/** The system's OSCAL System Security Plan, with a file name for the download. NOT_FOUND for another organization's system. */
export async function buildSsp(ctx: OrgContext, systemId: string, now = new Date()) {
  const { system, controls } = await loadExportControls(ctx, systemId, now);
  const ownerIds = [...new Set(controls.flatMap((c) => c.row.implementation?.ownerId ?? []))];
  const [organization, members, reports] = await Promise.all([
    prisma.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: { name: true } }),
    prisma.membership.findMany({
      where: { orgId: ctx.orgId, userId: { in: ownerIds } },
      select: { userId: true, user: { select: { name: true, email: true } } },
      orderBy: { user: { name: 'asc' } },
    }),
    listProviderReports(ctx, now),
  ]);
  const ssp = buildSspDocument({
    orgId: ctx.orgId,
    organizationName: organization.name,
    system,
    controls,
    owners: members.map((m) => ({ userId: m.userId, ...m.user })),
    reports,
    now,
  });
  return { fileName: exportFileName(system.name, 'ssp', 'json', now), ssp };
}
