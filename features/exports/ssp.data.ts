import 'server-only';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { listProviderReports } from '@/features/reports/reports.data';
import { readInformationTypes } from '@/features/systems/categorization';
import { loadSystemParameterValues } from '@/features/parameters/parameters.data';
import { loadBaseline } from './baseline.data';
import { loadExportControls } from './cis-crm.data';
import { exportFileName } from './cis-crm.policy';
import { buildSspDocument, type SspControl } from './ssp';

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
    loadSystemParameterValues(ctx, system.id),
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
