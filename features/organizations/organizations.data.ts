import 'server-only';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';

export async function getOrganizationOverview(ctx: OrgContext) {
  const [org, activeMembers, membersByRole, systems, controls, owned] = await Promise.all([
    prisma.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: { name: true, slug: true, createdAt: true } }),
    prisma.membership.count({ where: { orgId: ctx.orgId, disabledAt: null } }),
    prisma.membership.groupBy({ by: ['role'], where: { orgId: ctx.orgId, disabledAt: null }, _count: true }),
    prisma.system.count({ where: { orgId: ctx.orgId, archivedAt: null } }),
    prisma.control.count({ where: { orgId: ctx.orgId, archivedAt: null } }),
    prisma.controlImplementation.count({ where: { orgId: ctx.orgId, ownerId: ctx.userId } }),
  ]);
  return {
    ...org,
    activeMembers,
    membersByRole: membersByRole.map((r) => ({ role: r.role, count: r._count })),
    systems,
    controls,
    owned,
  };
}
