import 'server-only';
import type { z } from 'zod';
import { assertUuid, isUniqueViolation, isUuid, prisma } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors';
import { staleVersionError } from '@/lib/concurrency';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited } from '@/features/audit/audit.data';
import { readInformationTypes } from './categorization';
import type { archiveSystemSchema, createSystemSchema, systemCategorizationSchema, updateSystemSchema } from './systems.schema';

const systemSelect = {
  id: true,
  name: true,
  description: true,
  regions: true,
  archivedAt: true,
  version: true,
  updatedAt: true,
  services: { select: { serviceCode: true }, orderBy: { serviceCode: 'asc' } },
} as const;

type SystemRow = Prisma.SystemGetPayload<{ select: typeof systemSelect }>;

function toDto({ services, ...system }: SystemRow) {
  return { ...system, services: services.map((s) => s.serviceCode) };
}

export async function getSystem(ctx: OrgContext, id: string) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'This system does not exist.');
  const system = await prisma.system.findFirst({ where: { id, orgId: ctx.orgId }, select: systemSelect });
  if (!system) throw new AppError('NOT_FOUND', 'This system does not exist.');
  return toDto(system);
}

export async function listSystems(ctx: OrgContext, { includeArchived = false } = {}) {
  const systems = await prisma.system.findMany({
    where: { orgId: ctx.orgId, ...(includeArchived ? {} : { archivedAt: null }) },
    select: systemSelect,
    orderBy: [{ archivedAt: { sort: 'asc', nulls: 'first' } }, { name: 'asc' }],
  });
  return systems.map(toDto);
}

export type SystemDto = Awaited<ReturnType<typeof getSystem>>;

/** The unique (orgId, name) constraint decides; its violation becomes a field error. */
async function withUniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError('CONFLICT', 'A system with this name exists.', {
      name: ['A system with this name already exists (it may be archived: see “Show archived”).'],
    });
  }
}

export async function createSystem(ctx: OrgContext, input: z.output<typeof createSystemSchema>) {
  assertCan(ctx, 'systems.edit');
  return withUniqueName(() =>
    audited(ctx, async (tx, record) => {
      const system = await tx.system.create({
        data: {
          orgId: ctx.orgId,
          name: input.name,
          description: input.description,
          regions: input.regions,
          services: { create: input.services.map((serviceCode) => ({ serviceCode })) },
        },
        select: systemSelect,
      });
      const dto = toDto(system);
      record({ action: 'system.created', entityType: 'System', entityId: system.id, after: dto });
      return dto;
    }),
  );
}

export async function updateSystem(ctx: OrgContext, input: z.output<typeof updateSystemSchema>) {
  assertCan(ctx, 'systems.edit');
  assertUuid(input.id, 'system');
  return withUniqueName(() =>
    audited(ctx, async (tx, record) => {
      const before = await tx.system.findFirst({ where: { id: input.id, orgId: ctx.orgId }, select: systemSelect });
      if (!before) throw new AppError('NOT_FOUND', 'This system does not exist.');
      if (before.archivedAt) throw new AppError('CONFLICT', 'This system is archived. Restore it before editing it.');
      // The version check and the write are one statement, so two saves cannot both pass it.
      const { count } = await tx.system.updateMany({
        where: { id: input.id, orgId: ctx.orgId, version: input.version },
        data: { name: input.name, description: input.description, regions: input.regions, version: { increment: 1 } },
      });
      if (count === 0) throw staleVersionError('system');
      await tx.systemService.deleteMany({ where: { systemId: input.id, serviceCode: { notIn: input.services } } });
      await tx.systemService.createMany({
        data: input.services.map((serviceCode) => ({ systemId: input.id, serviceCode })),
        skipDuplicates: true,
      });
      const after = toDto((await tx.system.findFirst({ where: { id: input.id, orgId: ctx.orgId }, select: systemSelect }))!);
      record({ action: 'system.updated', entityType: 'System', entityId: input.id, before: toDto(before), after });
      return after;
    }),
  );
}

export async function setSystemArchived(ctx: OrgContext, input: z.output<typeof archiveSystemSchema>) {
  assertCan(ctx, 'systems.edit');
  assertUuid(input.id, 'system');
  return audited(ctx, async (tx, record) => {
    const { count } = await tx.system.updateMany({
      where: { id: input.id, orgId: ctx.orgId, version: input.version },
      data: { archivedAt: input.archived ? new Date() : null, version: { increment: 1 } },
    });
    if (count === 0) {
      const exists = await tx.system.count({ where: { id: input.id, orgId: ctx.orgId } });
      throw exists ? staleVersionError('system') : new AppError('NOT_FOUND', 'This system does not exist.');
    }
    record({ action: input.archived ? 'system.archived' : 'system.restored', entityType: 'System', entityId: input.id });
    return { id: input.id };
  });
}

// ── Categorization and baseline ────────────────────────────────────────────────────────

const categorizationSelect = {
  id: true,
  name: true,
  version: true,
  archivedAt: true,
  confidentialityImpact: true,
  integrityImpact: true,
  availabilityImpact: true,
  informationTypes: true,
  baselineFrameworkId: true,
  baseline: { select: { name: true, version: true } },
} as const;

function toCategorization(row: Prisma.SystemGetPayload<{ select: typeof categorizationSelect }>) {
  return {
    id: row.id,
    version: row.version,
    confidentiality: row.confidentialityImpact,
    integrity: row.integrityImpact,
    availability: row.availabilityImpact,
    informationTypes: readInformationTypes(row.informationTypes),
    baselineFrameworkId: row.baselineFrameworkId,
    baselineName: row.baseline ? [row.baseline.name, row.baseline.version].filter(Boolean).join(' ') : null,
  };
}

/** The system's FIPS 199 categorization, information types and baseline. NOT_FOUND for another organization's system. */
export async function getSystemCategorization(ctx: OrgContext, id: string) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'This system does not exist.');
  const row = await prisma.system.findFirst({ where: { id, orgId: ctx.orgId }, select: categorizationSelect });
  if (!row) throw new AppError('NOT_FOUND', 'This system does not exist.');
  return toCategorization(row);
}
export type SystemCategorization = Awaited<ReturnType<typeof getSystemCategorization>>;

/** The organization's imported baselines (OSCAL resolved profiles): what a system can be assessed against. */
export async function listBaselines(ctx: OrgContext) {
  return prisma.framework.findMany({
    where: { orgId: ctx.orgId, source: 'oscal-profile' },
    select: { id: true, name: true, version: true },
    orderBy: { name: 'asc' },
  });
}

/**
 * Records the categorization and the baseline, under the version the form was loaded with. The
 * baseline must be one of the organization's imported baselines: another organization's
 * framework, or one that is not a resolved profile, is refused on its field.
 */
export async function updateSystemCategorization(ctx: OrgContext, input: z.output<typeof systemCategorizationSchema>) {
  assertCan(ctx, 'systems.edit');
  assertUuid(input.id, 'system');
  return audited(ctx, async (tx, record) => {
    const before = await tx.system.findFirst({ where: { id: input.id, orgId: ctx.orgId }, select: categorizationSelect });
    if (!before) throw new AppError('NOT_FOUND', 'This system does not exist.');
    if (before.archivedAt) throw new AppError('CONFLICT', 'This system is archived. Restore it before editing it.');
    if (input.baselineFrameworkId) {
      const baseline = await tx.framework.findFirst({
        where: { id: input.baselineFrameworkId, orgId: ctx.orgId, source: 'oscal-profile' },
        select: { id: true },
      });
      if (!baseline) {
        const message = 'Choose one of your organization’s imported baselines (an OSCAL resolved profile).';
        throw new AppError('VALIDATION', message, { baselineFrameworkId: [message] });
      }
    }
    const { count } = await tx.system.updateMany({
      where: { id: input.id, orgId: ctx.orgId, version: input.version },
      data: {
        confidentialityImpact: input.confidentiality,
        integrityImpact: input.integrity,
        availabilityImpact: input.availability,
        informationTypes: input.informationTypes,
        baselineFrameworkId: input.baselineFrameworkId,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersionError('system');
    const after = toCategorization(
      (await tx.system.findFirst({ where: { id: input.id, orgId: ctx.orgId }, select: categorizationSelect }))!,
    );
    record({ action: 'system.categorized', entityType: 'System', entityId: input.id, before: toCategorization(before), after });
    return after;
  });
}
