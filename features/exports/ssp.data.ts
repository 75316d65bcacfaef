import 'server-only';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { listProviderReports } from '@/features/reports/reports.data';
import { effectiveMappings } from '@/features/frameworks/frameworks.policy';
import { readParams, readParts } from '@/features/frameworks/requirement-content';
import { readInformationTypes } from '@/features/systems/categorization';
import { loadExportControls } from './cis-crm.data';
import { exportFileName } from './cis-crm.policy';
import { buildSspDocument, type SspBaseline, type SspControl } from './ssp';

/**
 * The system's baseline with each non-withdrawn control and enhancement and the Demarc controls
 * that implement it: mapped to it, mapped to the same id in an OSCAL catalog of the organization
 * (as coverage counts them: effectiveMappings), or naming its id among their NIST ids.
 */
async function loadBaseline(ctx: OrgContext, frameworkId: string, controls: { id: string; nistIds: string[] }[]): Promise<SspBaseline> {
  const framework = await prisma.framework.findFirstOrThrow({
    where: { id: frameworkId, orgId: ctx.orgId },
    select: { id: true, name: true, version: true, source: true },
  });
  const requirements = await prisma.requirement.findMany({
    where: { orgId: ctx.orgId, frameworkId, kind: { in: ['control', 'enhancement'] }, withdrawn: false },
    select: { id: true, externalId: true, label: true, title: true, params: true, parts: true, frameworkId: true },
    orderBy: { sortOrder: 'asc' },
  });
  const catalogs = await prisma.framework.findMany({ where: { orgId: ctx.orgId, source: 'oscal-catalog' }, select: { id: true } });
  const catalogRequirements = catalogs.length
    ? await prisma.requirement.findMany({
        where: {
          orgId: ctx.orgId,
          frameworkId: { in: catalogs.map((c) => c.id) },
          externalId: { in: requirements.map((r) => r.externalId) },
        },
        select: { id: true, externalId: true },
      })
    : [];
  const catalogOf = new Map<string, string[]>();
  for (const c of catalogRequirements) catalogOf.set(c.externalId, [...(catalogOf.get(c.externalId) ?? []), c.id]);
  const mappings = await prisma.controlRequirement.findMany({
    where: { orgId: ctx.orgId, requirementId: { in: [...requirements.map((r) => r.id), ...catalogRequirements.map((c) => c.id)] } },
    select: { controlId: true, requirementId: true },
  });
  const baselineIds = new Set(framework.source === 'oscal-profile' ? [framework.id] : []);
  const mapped = new Map<string, Set<string>>();
  for (const m of effectiveMappings(requirements, baselineIds, catalogOf, mappings)) {
    (mapped.get(m.requirementId) ?? mapped.set(m.requirementId, new Set()).get(m.requirementId)!).add(m.controlId);
  }
  const byNistId = new Map<string, string[]>();
  for (const c of controls) for (const n of c.nistIds) byNistId.set(n, [...(byNistId.get(n) ?? []), c.id]);
  const known = new Set(controls.map((c) => c.id));
  return {
    id: framework.id,
    name: framework.name,
    version: framework.version,
    requirements: requirements.map((r) => ({
      externalId: r.externalId,
      label: r.label,
      title: r.title,
      params: readParams(r.params),
      parts: readParts(r.parts),
      controlIds: [...new Set([...(mapped.get(r.id) ?? []), ...(byNistId.get(r.externalId) ?? [])])].filter((cid) => known.has(cid)),
    })),
  };
}

/** The system's OSCAL System Security Plan, with a file name for the download. NOT_FOUND for another organization's system. */
export async function buildSsp(ctx: OrgContext, systemId: string, now = new Date()) {
  const { system, controls } = await loadExportControls(ctx, systemId, now);
  const ownerIds = [...new Set(controls.flatMap((c) => c.row.implementation?.ownerId ?? []))];
  const [organization, members, reports, record, halves, parameterValues] = await Promise.all([
    prisma.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: { name: true } }),
    prisma.membership.findMany({
      where: { orgId: ctx.orgId, userId: { in: ownerIds } },
      select: { userId: true, user: { select: { name: true, email: true } } },
      orderBy: { user: { name: 'asc' } },
    }),
    listProviderReports(ctx, now),
    prisma.system.findFirstOrThrow({
      where: { id: system.id, orgId: ctx.orgId },
      select: {
        createdAt: true,
        baselineFrameworkId: true,
        confidentialityImpact: true,
        integrityImpact: true,
        availabilityImpact: true,
        informationTypes: true,
      },
    }),
    prisma.controlImplementation.findMany({
      where: { orgId: ctx.orgId, systemId: system.id },
      select: { controlId: true, customersResponsibility: true, customersInherit: true, plannedCompletionAt: true },
    }),
    prisma.systemParameterValue.findMany({ where: { orgId: ctx.orgId, systemId: system.id }, select: { paramId: true, values: true } }),
  ]);
  const halfOf = new Map(halves.map((h) => [h.controlId, h]));
  const sspControls: SspControl[] = controls.map((c) => {
    const half = halfOf.get(c.row.id);
    return {
      ...c,
      customers: { responsibility: half?.customersResponsibility ?? '', inherit: half?.customersInherit ?? null },
      plannedCompletionAt: half?.plannedCompletionAt ?? null,
    };
  });
  const baseline = record.baselineFrameworkId
    ? await loadBaseline(
        ctx,
        record.baselineFrameworkId,
        controls.map((c) => ({ id: c.row.id, nistIds: c.statements.nistIds })),
      )
    : null;
  const ssp = buildSspDocument({
    orgId: ctx.orgId,
    organizationName: organization.name,
    system: {
      ...system,
      createdAt: record.createdAt,
      categorization: {
        confidentiality: record.confidentialityImpact,
        integrity: record.integrityImpact,
        availability: record.availabilityImpact,
      },
      informationTypes: readInformationTypes(record.informationTypes),
    },
    controls: sspControls,
    owners: members.map((m) => ({ userId: m.userId, ...m.user })),
    reports,
    baseline,
    parameterValues: new Map(parameterValues.map((p) => [p.paramId, p.values])),
    now,
  });
  return { fileName: exportFileName(system.name, 'ssp', 'json', now), ssp };
}
