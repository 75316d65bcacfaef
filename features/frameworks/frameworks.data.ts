import 'server-only';
import type { z } from 'zod';
import { isUniqueViolation, isUuid, prisma, type Db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited } from '@/features/audit/audit.data';
import { loadRegister } from '@/features/controls/controls.data';
import type { RegisterRow } from '@/features/controls/register.policy';
import type { CatalogRequirement } from './oscal';
import { upsertRequirements } from './frameworks-import.data';
import { readLinks, readParams, readParts } from './requirement-content';
import {
  buildFrameworkView,
  countCoverage,
  countStates,
  effectiveMappings,
  isCustomFramework,
  kindUnder,
  mappedControl,
  requirementCoverage,
  responsibilityMix,
  sumStates,
  type FrameworkFilters,
} from './frameworks.policy';
import type {
  createFrameworkSchema,
  createRequirementSchema,
  importRequirementsCsvSchema,
  mapControlSchema,
  searchRequirementsSchema,
  unmapControlSchema,
} from './frameworks.schema';
import { parseRequirementsCsv } from './requirements-csv';

const frameworkSelect = { id: true, name: true, version: true, source: true, description: true, updatedAt: true } as const;

const notFound = () => new AppError('NOT_FOUND', 'This framework does not exist.');

async function findFramework(tx: Tx | typeof prisma, ctx: OrgContext, id: string) {
  const framework = isUuid(id) ? await tx.framework.findFirst({ where: { id, orgId: ctx.orgId }, select: frameworkSelect }) : null;
  if (!framework) throw notFound();
  return framework;
}

/** The system a framework is seen through: the one asked for, else the first active one. */
async function systemLens(ctx: OrgContext, systemId: string | undefined) {
  const systems = await prisma.system.findMany({
    where: { orgId: ctx.orgId, archivedAt: null },
    select: { id: true, name: true, services: { select: { serviceCode: true } } },
    orderBy: { name: 'asc' },
  });
  const lens = systems.find((s) => s.id === systemId) ?? systems[0];
  const register = await loadRegister(ctx, lens ? { id: lens.id, services: lens.services.map((s) => s.serviceCode) } : null);
  return {
    system: lens ? { id: lens.id, name: lens.name } : null,
    systems: systems.map((s) => ({ id: s.id, name: s.name })),
    register: new Map<string, RegisterRow>(register.map((row) => [row.id, row])),
  };
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────

/** Every framework with its requirement count and coverage through a system (default: the first). */
export async function listFrameworks(ctx: OrgContext, systemId?: string) {
  const lens = await systemLens(ctx, systemId);
  return { system: lens.system, frameworks: await frameworkCoverage(ctx, lens.register) };
}

/**
 * The mappings that count for the given requirements: their own, plus, for baselines, those of the
 * requirement with the same id in the organization's OSCAL catalogs (see effectiveMappings).
 */
export async function countedMappings(
  ctx: OrgContext,
  requirements: { id: string; externalId: string; frameworkId: string }[],
  db: Db | Tx = prisma,
) {
  const frameworks = await db.framework.findMany({ where: { orgId: ctx.orgId }, select: { id: true, source: true } });
  const baselineIds = new Set(frameworks.filter((f) => f.source === 'oscal-profile').map((f) => f.id));
  const catalogIds = frameworks.filter((f) => f.source === 'oscal-catalog').map((f) => f.id);
  const baselineIdsWanted = [...new Set(requirements.filter((r) => baselineIds.has(r.frameworkId)).map((r) => r.externalId))];
  const catalogRequirements =
    baselineIdsWanted.length && catalogIds.length
      ? await db.requirement.findMany({
          where: { orgId: ctx.orgId, frameworkId: { in: catalogIds }, externalId: { in: baselineIdsWanted } },
          select: { id: true, externalId: true },
        })
      : [];
  const catalogOf = new Map<string, string[]>();
  for (const c of catalogRequirements) catalogOf.set(c.externalId, [...(catalogOf.get(c.externalId) ?? []), c.id]);
  const mappings = await db.controlRequirement.findMany({
    where: { orgId: ctx.orgId, requirementId: { in: [...requirements.map((r) => r.id), ...catalogRequirements.map((c) => c.id)] } },
    select: { controlId: true, requirementId: true, rationale: true },
  });
  return effectiveMappings(requirements, baselineIds, catalogOf, mappings);
}

/**
 * Every framework with its requirement count and each requirement's coverage state through the
 * given register. `db` lets a snapshot read it inside its transaction.
 */
export async function frameworkCoverage(ctx: OrgContext, register: Map<string, RegisterRow>, db: Db | Tx = prisma) {
  return (await frameworkCoverageThrough(ctx, [register], db))[0]!;
}

/**
 * frameworkCoverage through several registers (one per system, for the overview), reading the
 * frameworks and mappings once. The registers may still be loading: those are read meanwhile.
 */
export async function frameworkCoverageThrough(
  ctx: OrgContext,
  registers: Map<string, RegisterRow>[] | Promise<Map<string, RegisterRow>[]>,
  db: Db | Tx = prisma,
) {
  const [frameworks, requirements] = await Promise.all([
    db.framework.findMany({ where: { orgId: ctx.orgId }, select: frameworkSelect, orderBy: { name: 'asc' } }),
    db.requirement.findMany({
      where: { orgId: ctx.orgId, kind: { not: 'group' }, withdrawn: false },
      select: { id: true, externalId: true, frameworkId: true },
    }),
  ]);
  const mappings = await countedMappings(ctx, requirements, db);
  return (await registers).map((register) => {
    const coverage = countCoverage(requirements, mappings, register);
    return frameworks.map((f) => {
      const states = coverage.get(f.id) ?? countStates([]);
      return { ...f, requirements: sumStates(states), states, mapped: sumStates(states) - states.UNMAPPED };
    });
  });
}

/** The framework view: its requirements with mapped controls and coverage through one system, filtered, one page. */
export async function getFrameworkView(ctx: OrgContext, frameworkId: string, filters: FrameworkFilters) {
  const framework = await findFramework(prisma, ctx, frameworkId);
  const [requirements, lens] = await Promise.all([
    prisma.requirement.findMany({
      where: { frameworkId, orgId: ctx.orgId },
      select: {
        id: true,
        parentId: true,
        externalId: true,
        label: true,
        title: true,
        kind: true,
        withdrawn: true,
        frameworkId: true,
        tailoring: true,
        links: true,
      },
      orderBy: { sortOrder: 'asc' },
    }),
    systemLens(ctx, filters.systemId),
  ]);
  const mappings = await countedMappings(ctx, requirements);
  // Most requirements went nowhere: their empty list needs no parsing.
  const summaries = requirements.map((r) => ({ ...r, links: Array.isArray(r.links) && r.links.length ? readLinks(r.links) : [] }));
  return {
    framework: { ...framework, custom: isCustomFramework(framework.source) },
    system: lens.system,
    systems: lens.systems,
    ...buildFrameworkView(summaries, mappings, lens.register, filters),
  };
}

/** One requirement: its statement, place in the tree, and mapped controls as seen through one system. */
export async function getRequirement(ctx: OrgContext, frameworkId: string, requirementId: string, systemId?: string) {
  const requirement =
    isUuid(frameworkId) && isUuid(requirementId)
      ? await prisma.requirement.findFirst({
          where: { id: requirementId, frameworkId, orgId: ctx.orgId },
          select: {
            id: true,
            externalId: true,
            label: true,
            title: true,
            kind: true,
            statement: true,
            classes: true,
            withdrawn: true,
            frameworkId: true,
            params: true,
            parts: true,
            tailoring: true,
            links: true,
            framework: { select: { id: true, name: true, source: true } },
            parent: { select: { id: true, label: true, title: true } },
            children: { select: { id: true, label: true, title: true, withdrawn: true }, orderBy: { sortOrder: 'asc' } },
            controls: { select: { controlId: true, rationale: true, control: { select: { code: true, title: true } } } },
          },
        })
      : null;
  if (!requirement) throw new AppError('NOT_FOUND', 'This requirement does not exist.');
  const [lens, counted] = await Promise.all([systemLens(ctx, systemId), countedMappings(ctx, [requirement])]);
  const { controls, frameworkId: _frameworkId, params, parts, links, ...fields } = requirement;
  const linked = readLinks(links);
  const targets = linked.length
    ? await prisma.requirement.findMany({
        where: { frameworkId, orgId: ctx.orgId, externalId: { in: linked.map((l) => l.externalId) } },
        select: { id: true, externalId: true, label: true },
      })
    : [];
  const active = [...new Map(counted.map((m) => [m.controlId, m])).values()].flatMap((m) => {
    const row = lens.register.get(m.controlId);
    return row ? [mappedControl(row, m.rationale)] : [];
  });
  const mappedIds = new Set(counted.map((m) => m.controlId));
  return {
    ...fields,
    params: readParams(params),
    parts: readParts(parts),
    links: linked.map((l) => {
      const target = targets.find((t) => t.externalId === l.externalId);
      return { ...l, id: target?.id ?? null, label: target?.label ?? l.externalId.toUpperCase() };
    }),
    system: lens.system,
    systems: lens.systems,
    controls: active,
    // Archived controls keep their mapping but prove nothing.
    archivedControls: controls
      .filter((m) => !lens.register.has(m.controlId))
      .map((m) => ({ id: m.controlId, ...m.control, rationale: m.rationale })),
    coverage: requirementCoverage(requirement, active),
    mix: responsibilityMix(active.filter((c) => c.applies).map((c) => c.type)),
    mappable: [...lens.register.values()]
      .filter((row) => !mappedIds.has(row.id))
      .map((row) => ({ id: row.id, code: row.code, title: row.title })),
  };
}

/** The requirements a control is mapped to, grouped by framework (for the control page). */
export async function listControlRequirements(ctx: OrgContext, controlId: string) {
  const control = isUuid(controlId)
    ? await prisma.control.findFirst({ where: { id: controlId, orgId: ctx.orgId }, select: { id: true, archivedAt: true } })
    : null;
  if (!control) throw new AppError('NOT_FOUND', 'This control does not exist.');
  const mappings = await prisma.controlRequirement.findMany({
    where: { controlId, orgId: ctx.orgId },
    select: {
      rationale: true,
      requirement: {
        select: {
          id: true,
          externalId: true,
          label: true,
          title: true,
          withdrawn: true,
          sortOrder: true,
          framework: { select: { id: true, name: true } },
        },
      },
    },
  });
  const frameworks = new Map<
    string,
    {
      id: string;
      name: string;
      requirements: { id: string; label: string; title: string; withdrawn: boolean; rationale: string; sortOrder: number }[];
    }
  >();
  for (const { rationale, requirement: r } of mappings) {
    const group =
      frameworks.get(r.framework.id) ?? frameworks.set(r.framework.id, { ...r.framework, requirements: [] }).get(r.framework.id)!;
    group.requirements.push({ id: r.id, label: r.label, title: r.title, withdrawn: r.withdrawn, rationale, sortOrder: r.sortOrder });
  }
  return {
    archived: Boolean(control.archivedAt),
    frameworks: [...frameworks.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((f) => ({ ...f, requirements: f.requirements.sort((a, b) => a.sortOrder - b.sortOrder) })),
  };
}

/** Requirements across frameworks whose id or label starts with, or title contains, the query. */
export async function searchRequirements(ctx: OrgContext, input: z.output<typeof searchRequirementsSchema>) {
  return prisma.requirement.findMany({
    where: {
      orgId: ctx.orgId,
      kind: { not: 'group' },
      OR: [
        { externalId: { startsWith: input.q, mode: 'insensitive' } },
        { label: { startsWith: input.q, mode: 'insensitive' } },
        { title: { contains: input.q, mode: 'insensitive' } },
      ],
    },
    select: { id: true, label: true, title: true, withdrawn: true, framework: { select: { name: true } } },
    orderBy: [{ framework: { name: 'asc' } }, { sortOrder: 'asc' }],
    take: 20,
  });
}

// ── Custom frameworks ───────────────────────────────────────────────────────────────────

async function withUniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError('CONFLICT', 'This name is taken.', { name: ['Another framework in this organization has this name.'] });
  }
}

export async function createFramework(ctx: OrgContext, input: z.output<typeof createFrameworkSchema>) {
  assertCan(ctx, 'controls.edit');
  return withUniqueName(() =>
    audited(ctx, async (tx, record) => {
      const framework = await tx.framework.create({ data: { ...input, orgId: ctx.orgId, source: 'manual' }, select: frameworkSelect });
      record({ action: 'framework.created', entityType: 'Framework', entityId: framework.id, after: framework });
      return framework;
    }),
  );
}

async function findCustomFramework(tx: Tx, ctx: OrgContext, frameworkId: string) {
  const framework = await findFramework(tx, ctx, frameworkId);
  if (!isCustomFramework(framework.source)) {
    throw new AppError('CONFLICT', 'An imported framework changes only by importing its catalog again.');
  }
  return framework;
}

const nextSortOrder = async (tx: Tx, ctx: OrgContext, frameworkId: string) =>
  ((await tx.requirement.aggregate({ where: { frameworkId, orgId: ctx.orgId }, _max: { sortOrder: true } }))._max.sortOrder ?? -1) + 1;

export async function createRequirement(ctx: OrgContext, input: z.output<typeof createRequirementSchema>) {
  assertCan(ctx, 'controls.edit');
  const { frameworkId, parentExternalId, group, ...fields } = input;
  try {
    return await audited(ctx, async (tx, record) => {
      await findCustomFramework(tx, ctx, frameworkId);
      const parent = parentExternalId
        ? await tx.requirement.findFirst({
            where: { frameworkId, orgId: ctx.orgId, externalId: parentExternalId },
            select: { id: true, kind: true, depth: true },
          })
        : null;
      if (parentExternalId && !parent) {
        throw new AppError('VALIDATION', 'There is no such parent.', {
          parentExternalId: [`This framework has no requirement “${parentExternalId}”.`],
        });
      }
      const requirement = await tx.requirement.create({
        data: {
          ...fields,
          orgId: ctx.orgId,
          frameworkId,
          parentId: parent?.id ?? null,
          label: fields.externalId,
          kind: kindUnder(parent, group),
          depth: parent ? parent.depth + 1 : 0,
          sortOrder: await nextSortOrder(tx, ctx, frameworkId),
        },
        select: { id: true, externalId: true, title: true, kind: true, statement: true, parentId: true },
      });
      record({ action: 'requirement.created', entityType: 'Requirement', entityId: requirement.id, after: requirement });
      return requirement;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError('CONFLICT', 'This id is taken.', { externalId: ['This framework already has a requirement with this id.'] });
  }
}

/** Adds or updates (by id) a custom framework's requirements from CSV: all rows or none. */
export async function importRequirementsCsv(ctx: OrgContext, input: z.output<typeof importRequirementsCsvSchema>) {
  assertCan(ctx, 'controls.edit');
  return audited(ctx, async (tx, record) => {
    const framework = await findCustomFramework(tx, ctx, input.frameworkId);
    const existing = new Map(
      (
        await tx.requirement.findMany({
          where: { frameworkId: framework.id, orgId: ctx.orgId },
          select: { externalId: true, kind: true, sortOrder: true, depth: true },
        })
      ).map((r) => [r.externalId, r]),
    );
    const rows = parseRequirementsCsv(input.csv, new Set(existing.keys()));
    let next = await nextSortOrder(tx, ctx, framework.id);
    const kinds = new Map([...existing].map(([id, r]) => [id, r.kind]));
    const depths = new Map([...existing].map(([id, r]) => [id, r.depth]));
    const requirements: CatalogRequirement[] = rows.map((row) => {
      const parentKind = row.parentExternalId ? kinds.get(row.parentExternalId)! : null;
      const kind = kindUnder(parentKind ? { kind: parentKind } : null, row.group);
      kinds.set(row.externalId, kind);
      const depth = row.parentExternalId ? (depths.get(row.parentExternalId) ?? 0) + 1 : 0;
      depths.set(row.externalId, depth);
      return {
        externalId: row.externalId,
        parentExternalId: row.parentExternalId || null,
        label: row.externalId,
        title: row.title,
        kind,
        statement: row.statement,
        classes: '',
        withdrawn: false,
        sortOrder: existing.get(row.externalId)?.sortOrder ?? next++,
        depth,
      };
    });
    const { created, updated } = await upsertRequirements(tx, ctx.orgId, framework.id, requirements);
    record({
      action: 'requirements.imported',
      entityType: 'Framework',
      entityId: framework.id,
      after: { name: framework.name, via: 'csv', created, updated },
    });
    return { created, updated };
  });
}

// ── Mapping ─────────────────────────────────────────────────────────────────────────────

export async function mapControl(ctx: OrgContext, input: z.output<typeof mapControlSchema>) {
  assertCan(ctx, 'controls.edit');
  try {
    return await audited(ctx, async (tx, record) => {
      const control = await tx.control.findFirst({
        where: { id: input.controlId, orgId: ctx.orgId },
        select: { code: true, archivedAt: true },
      });
      const requirement = await tx.requirement.findFirst({
        where: { id: input.requirementId, orgId: ctx.orgId },
        select: { externalId: true, kind: true, framework: { select: { name: true } } },
      });
      if (!control || !requirement) throw new AppError('NOT_FOUND', 'This control or requirement does not exist.');
      if (control.archivedAt) throw new AppError('CONFLICT', 'This control is archived. Restore it before mapping it.');
      if (requirement.kind === 'group') throw new AppError('VALIDATION', 'A group is a heading: map the requirements under it instead.');
      const where = { controlId_requirementId: { controlId: input.controlId, requirementId: input.requirementId } };
      if (await tx.controlRequirement.findUnique({ where, select: { orgId: true } })) {
        throw new AppError('CONFLICT', `${control.code} is already mapped to ${requirement.externalId}.`);
      }
      await tx.controlRequirement.create({ data: { ...input, orgId: ctx.orgId } });
      record({
        action: 'mapping.created',
        entityType: 'ControlRequirement',
        entityId: `${input.controlId}:${input.requirementId}`,
        after: {
          control: control.code,
          framework: requirement.framework.name,
          requirement: requirement.externalId,
          rationale: input.rationale,
        },
      });
      return { controlId: input.controlId, requirementId: input.requirementId };
    });
  } catch (error) {
    // Two identical mappings at once: the primary key lets only one in.
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'This control is already mapped to this requirement.');
    throw error;
  }
}

export async function unmapControl(ctx: OrgContext, input: z.output<typeof unmapControlSchema>) {
  assertCan(ctx, 'controls.edit');
  return audited(ctx, async (tx, record) => {
    const mapping = await tx.controlRequirement.findFirst({
      where: { controlId: input.controlId, requirementId: input.requirementId, orgId: ctx.orgId },
      select: {
        rationale: true,
        control: { select: { code: true } },
        requirement: { select: { externalId: true, framework: { select: { name: true } } } },
      },
    });
    if (!mapping) throw new AppError('NOT_FOUND', 'This mapping no longer exists.');
    await tx.controlRequirement.deleteMany({ where: { controlId: input.controlId, requirementId: input.requirementId, orgId: ctx.orgId } });
    record({
      action: 'mapping.deleted',
      entityType: 'ControlRequirement',
      entityId: `${input.controlId}:${input.requirementId}`,
      before: {
        control: mapping.control.code,
        framework: mapping.requirement.framework.name,
        requirement: mapping.requirement.externalId,
        rationale: mapping.rationale,
      },
    });
    return input;
  });
}
