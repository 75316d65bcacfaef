import 'server-only';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { countedMappings } from '@/features/frameworks/frameworks.data';
import { readParams, readParts } from '@/features/frameworks/requirement-content';
import { implementingControls } from './baseline.policy';

/**
 * A system's baseline (of the caller's organization) with each non-withdrawn control and
 * enhancement in baseline order, its parameters and statement parts, and the ids of the given
 * Demarc controls that implement it (implementingControls).
 */
export async function loadBaseline(ctx: OrgContext, frameworkId: string, controls: readonly { id: string; nistIds: readonly string[] }[]) {
  const [framework, requirements] = await Promise.all([
    prisma.framework.findFirstOrThrow({ where: { id: frameworkId, orgId: ctx.orgId }, select: { id: true, name: true, version: true } }),
    prisma.requirement.findMany({
      where: { orgId: ctx.orgId, frameworkId, kind: { in: ['control', 'enhancement'] }, withdrawn: false },
      select: { id: true, externalId: true, label: true, title: true, params: true, parts: true, frameworkId: true },
      orderBy: { sortOrder: 'asc' },
    }),
  ]);
  const implementedBy = implementingControls(requirements, await countedMappings(ctx, requirements), controls);
  return {
    ...framework,
    requirements: requirements.map((r) => ({
      externalId: r.externalId,
      label: r.label,
      title: r.title,
      params: readParams(r.params),
      parts: readParts(r.parts),
      controlIds: implementedBy.get(r.id) ?? [],
    })),
  };
}
