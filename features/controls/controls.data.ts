import 'server-only';
import type { z } from 'zod';
import { assertUuid, isUniqueViolation, isUuid, prisma, type Db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { staleVersionError } from '@/lib/concurrency';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited } from '@/features/audit/audit.data';
import { loadEvidenceDates, type EvidenceDates } from '@/features/evidence/evidence.data';
import { stateFrom, statesOf } from '@/features/evidence/freshness';
import { freshnessConfig } from '@/lib/config';
import { effectiveResponsibility } from './responsibility.policy';
import { filterRegister, sortRegister, summarizeRegister, type RegisterFilters, type RegisterRow } from './register.policy';
import type {
  archiveControlSchema,
  createControlSchema,
  deleteServiceLineSchema,
  saveCustomersPartSchema,
  saveServiceLineSchema,
  updateControlSchema,
} from './controls.schema';

const controlSelect = {
  id: true,
  code: true,
  title: true,
  description: true,
  family: true,
  defaultType: true,
  awsStatement: true,
  customerStatement: true,
  cadence: true,
  nistIds: true,
  appliesTo: true,
  archivedAt: true,
  version: true,
  updatedAt: true,
} as const;

const lineSelect = { serviceCode: true, type: true, customerTask: true, awsTask: true } as const;

/** A system as its register sees it: its id and the services it uses. */
export type RegisterSystem = { id: string; services: string[] };

type RegisterOptions = {
  archived?: boolean;
  today?: Date;
  db?: Db | Tx;
  /** Evidence dates already loaded for these systems (and maybe others) by loadEvidenceDates, as of `today`. */
  dates?: Map<string | null, Map<string, EvidenceDates>>;
};

/**
 * Every active control of the organization as seen from one system: its effective type, the
 * customer half's implementation record and the derived state. With no system, default types,
 * no records, and every control applies. `db` lets a snapshot read it inside its transaction.
 */
export async function loadRegister(ctx: OrgContext, system: RegisterSystem | null, options: RegisterOptions = {}): Promise<RegisterRow[]> {
  return (await loadRegisters(ctx, [system], options))[0]!;
}

/**
 * loadRegister for several systems at once (the overview reads every active system): the
 * controls, their service lines, the systems' implementation records, their owners' names and
 * the evidence dates are each read once, and every system's register is joined from them here
 * (a few thousand rows per system) through the same derivation.
 */
export async function loadRegisters(
  ctx: OrgContext,
  systems: (RegisterSystem | null)[],
  { archived = false, today = new Date(), db = prisma, dates: loaded }: RegisterOptions = {},
): Promise<RegisterRow[][]> {
  const systemIds = systems.flatMap((s) => (s ? [s.id] : []));
  const services = [...new Set(systems.flatMap((s) => s?.services ?? []))];
  const activity = { orgId: ctx.orgId, archivedAt: archived ? { not: null } : null };
  const [controls, lines, implementations, dates] = await Promise.all([
    db.control.findMany({
      where: activity,
      select: { id: true, code: true, title: true, family: true, defaultType: true, cadence: true, appliesTo: true },
    }),
    services.length
      ? db.serviceResponsibility.findMany({
          where: { serviceCode: { in: services }, control: activity },
          select: { controlId: true, ...lineSelect },
        })
      : [],
    // Without a system there is no customer half to show.
    systemIds.length
      ? db.controlImplementation.findMany({
          where: { orgId: ctx.orgId, systemId: { in: systemIds } },
          select: {
            id: true,
            controlId: true,
            systemId: true,
            status: true,
            justification: true,
            ownerId: true,
            nextReviewAt: true,
            version: true,
            customersResponsibility: true,
            customersInherit: true,
          },
        })
      : [],
    loaded ??
      loadEvidenceDates(
        ctx,
        systems.map((s) => s?.id ?? null),
        null,
        db,
        today,
      ),
  ]);
  const ownerIds = [...new Set(implementations.flatMap((i) => (i.ownerId ? [i.ownerId] : [])))];
  // An owner is a member of the organization (the record's key to Membership says so).
  const owners = ownerIds.length
    ? await db.user.findMany({
        where: { id: { in: ownerIds }, memberships: { some: { orgId: ctx.orgId } } },
        select: { id: true, name: true },
      })
    : [];
  const ownerName = new Map(owners.map((u) => [u.id, u.name]));
  const linesOf = new Map<string, (typeof lines)[number][]>();
  for (const line of lines) {
    const of = linesOf.get(line.controlId);
    if (of) of.push(line);
    else linesOf.set(line.controlId, [line]);
  }
  const implOf = new Map<string, Map<string, (typeof implementations)[number]>>(systemIds.map((id) => [id, new Map()]));
  for (const impl of implementations) implOf.get(impl.systemId)!.set(impl.controlId, impl);
  const config = freshnessConfig();
  return systems.map((system) => {
    const systemServices = new Set(system?.services ?? []);
    const records = (system && implOf.get(system.id)) || new Map<string, (typeof implementations)[number]>();
    return controls.map((control): RegisterRow => {
      const effective = effectiveResponsibility(control.defaultType, linesOf.get(control.id) ?? [], systemServices);
      const impl = records.get(control.id) ?? null;
      const { freshness, state } = stateFrom(
        dates,
        {
          controlId: control.id,
          systemId: system?.id ?? null,
          type: effective.type,
          cadence: control.cadence,
          // Seen from no system, every control applies.
          appliesTo: system ? control.appliesTo : [],
          systemServices,
          implementation: impl,
        },
        today,
        config,
      );
      return {
        id: control.id,
        code: control.code,
        title: control.title,
        family: control.family,
        defaultType: control.defaultType,
        cadence: control.cadence,
        appliesTo: control.appliesTo,
        effective,
        freshness,
        state,
        implementation: impl && {
          id: impl.id,
          status: impl.status,
          justification: impl.justification,
          ownerId: impl.ownerId,
          ownerName: impl.ownerId ? (ownerName.get(impl.ownerId) ?? null) : null,
          nextReviewAt: impl.nextReviewAt,
          version: impl.version,
          customersResponsibility: impl.customersResponsibility,
          customersInherit: impl.customersInherit,
        },
      };
    });
  });
}

export const CONTROLS_PAGE_SIZE = 50;

/** The control register: the system lens, filters, sort and one page. */
export async function listControls(ctx: OrgContext, filters: RegisterFilters) {
  const systems = await prisma.system.findMany({
    where: { orgId: ctx.orgId, archivedAt: null },
    select: { id: true, name: true, services: { select: { serviceCode: true } } },
    orderBy: { name: 'asc' },
  });
  const lens = filters.systemId === 'none' ? undefined : (systems.find((s) => s.id === filters.systemId) ?? systems[0]);
  const register = await loadRegister(ctx, lens ? { id: lens.id, services: lens.services.map((s) => s.serviceCode) } : null, {
    archived: filters.archived,
  });
  const matching = sortRegister(filterRegister(register, filters), filters.sort, filters.dir);
  const page = Math.min(filters.page, Math.max(1, Math.ceil(matching.length / CONTROLS_PAGE_SIZE)));
  return {
    system: lens ? { id: lens.id, name: lens.name } : null,
    systems: systems.map((s) => ({ id: s.id, name: s.name })),
    families: [...new Set(register.map((r) => r.family))].sort(),
    total: matching.length,
    page,
    pageSize: CONTROLS_PAGE_SIZE,
    rows: matching.slice((page - 1) * CONTROLS_PAGE_SIZE, page * CONTROLS_PAGE_SIZE),
  };
}

/** One control with its service lines and, per active system, its effective type and record. */
export async function getControl(ctx: OrgContext, id: string) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'This control does not exist.');
  const control = await prisma.control.findFirst({
    where: { id, orgId: ctx.orgId },
    select: {
      ...controlSelect,
      serviceLines: { select: lineSelect, orderBy: { serviceCode: 'asc' } },
      implementations: {
        select: {
          systemId: true,
          status: true,
          narrative: true,
          justification: true,
          ownerId: true,
          nextReviewAt: true,
          customersResponsibility: true,
          customersInherit: true,
          plannedCompletionAt: true,
          version: true,
          updatedAt: true,
        },
      },
    },
  });
  if (!control) throw new AppError('NOT_FOUND', 'This control does not exist.');
  const systems = await prisma.system.findMany({
    where: { orgId: ctx.orgId, archivedAt: null },
    select: { id: true, name: true, services: { select: { serviceCode: true } } },
    orderBy: { name: 'asc' },
  });
  const { serviceLines, implementations, ...fields } = control;
  const perSystem = systems.map((system) => {
    const services = new Set(system.services.map((s) => s.serviceCode));
    return {
      id: system.id,
      name: system.name,
      services,
      effective: effectiveResponsibility(control.defaultType, serviceLines, services),
      implementation: implementations.find((i) => i.systemId === system.id) ?? null,
    };
  });
  const derived = await statesOf(
    ctx,
    perSystem.map((s) => ({
      controlId: control.id,
      systemId: s.id,
      type: s.effective.type,
      cadence: control.cadence,
      appliesTo: control.appliesTo,
      systemServices: s.services,
      implementation: s.implementation,
    })),
  );
  return {
    ...fields,
    serviceLines,
    systems: perSystem.map(({ services: _services, ...s }, i) => ({ ...s, ...derived[i]! })),
  };
}

export type ControlDetail = Awaited<ReturnType<typeof getControl>>;

async function withUniqueCode<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError('CONFLICT', 'This code is taken.', { code: ['Another control in this organization has this code.'] });
  }
}

export async function createControl(ctx: OrgContext, input: z.output<typeof createControlSchema>) {
  assertCan(ctx, 'controls.edit');
  return withUniqueCode(() =>
    audited(ctx, async (tx, record) => {
      const control = await tx.control.create({ data: { ...input, orgId: ctx.orgId }, select: controlSelect });
      record({ action: 'control.created', entityType: 'Control', entityId: control.id, after: control });
      return control;
    }),
  );
}

/** Edits (fields, lines) are for active controls; archiving and restoring go through bumpVersion alone. */
async function assertEditable(tx: Tx, ctx: OrgContext, id: string) {
  const control = await tx.control.findFirst({ where: { id, orgId: ctx.orgId }, select: { archivedAt: true } });
  if (!control) throw new AppError('NOT_FOUND', 'This control does not exist.');
  if (control.archivedAt) throw new AppError('CONFLICT', 'This control is archived. Restore it before editing it.');
}

/** Moves the control to its next version, or refuses when the caller's version is stale. */
async function bumpVersion(tx: Tx, ctx: OrgContext, id: string, version: number, data: object = {}) {
  assertUuid(id, 'control');
  const { count } = await tx.control.updateMany({ where: { id, orgId: ctx.orgId, version }, data: { ...data, version: { increment: 1 } } });
  if (count > 0) return;
  const exists = await tx.control.count({ where: { id, orgId: ctx.orgId } });
  throw exists ? staleVersionError('control') : new AppError('NOT_FOUND', 'This control does not exist.');
}

export async function updateControl(ctx: OrgContext, input: z.output<typeof updateControlSchema>) {
  assertCan(ctx, 'controls.edit');
  const { id, version, ...fields } = input;
  return withUniqueCode(() =>
    audited(ctx, async (tx, record) => {
      await assertEditable(tx, ctx, id);
      const before = await tx.control.findFirst({ where: { id, orgId: ctx.orgId }, select: controlSelect });
      await bumpVersion(tx, ctx, id, version, fields);
      const after = await tx.control.findFirstOrThrow({ where: { id, orgId: ctx.orgId }, select: controlSelect });
      record({ action: 'control.updated', entityType: 'Control', entityId: id, before, after });
      return after;
    }),
  );
}

export async function setControlArchived(ctx: OrgContext, input: z.output<typeof archiveControlSchema>) {
  assertCan(ctx, 'controls.edit');
  return audited(ctx, async (tx, record) => {
    await bumpVersion(tx, ctx, input.id, input.version, { archivedAt: input.archived ? new Date() : null });
    record({ action: input.archived ? 'control.archived' : 'control.restored', entityType: 'Control', entityId: input.id });
    return { id: input.id };
  });
}

export async function saveServiceLine(ctx: OrgContext, input: z.output<typeof saveServiceLineSchema>) {
  assertCan(ctx, 'controls.edit');
  const { controlId, controlVersion, serviceCode, ...line } = input;
  return audited(ctx, async (tx, record) => {
    await assertEditable(tx, ctx, controlId);
    await bumpVersion(tx, ctx, controlId, controlVersion);
    const where = { controlId_serviceCode: { controlId, serviceCode } };
    const before = await tx.serviceResponsibility.findUnique({ where, select: lineSelect });
    const after = await tx.serviceResponsibility.upsert({
      where,
      create: { controlId, serviceCode, ...line },
      update: line,
      select: lineSelect,
    });
    record({ action: before ? 'service_line.updated' : 'service_line.created', entityType: 'Control', entityId: controlId, before, after });
    return after;
  });
}

export async function deleteServiceLine(ctx: OrgContext, input: z.output<typeof deleteServiceLineSchema>) {
  assertCan(ctx, 'controls.edit');
  return audited(ctx, async (tx, record) => {
    await assertEditable(tx, ctx, input.controlId);
    await bumpVersion(tx, ctx, input.controlId, input.controlVersion);
    const where = { controlId_serviceCode: { controlId: input.controlId, serviceCode: input.serviceCode } };
    const before = await tx.serviceResponsibility.findUnique({ where, select: lineSelect });
    if (!before) throw new AppError('NOT_FOUND', 'This service line no longer exists.');
    await tx.serviceResponsibility.delete({ where });
    record({ action: 'service_line.deleted', entityType: 'Control', entityId: input.controlId, before });
    return { serviceCode: input.serviceCode };
  });
}

/** The system dashboard: counts by effective type, owners missing, statuses. */
export async function getSystemDashboard(ctx: OrgContext, systemId: string) {
  if (!isUuid(systemId)) throw new AppError('NOT_FOUND', 'This system does not exist.');
  const system = await prisma.system.findFirst({
    where: { id: systemId, orgId: ctx.orgId },
    select: {
      id: true,
      name: true,
      description: true,
      regions: true,
      archivedAt: true,
      version: true,
      services: { select: { serviceCode: true } },
    },
  });
  if (!system) throw new AppError('NOT_FOUND', 'This system does not exist.');
  const services = system.services.map((s) => s.serviceCode).sort();
  const register = await loadRegister(ctx, { id: system.id, services });
  return { system: { ...system, services }, summary: summarizeRegister(register) };
}

// ── The team's customers' part ─────────────────────────────────────────────────────────

const customersPartSelect = {
  id: true,
  controlId: true,
  systemId: true,
  customersResponsibility: true,
  customersInherit: true,
  plannedCompletionAt: true,
  version: true,
} as const;

/**
 * Records, on a control's customer half in one system, the third party of the chain: what the
 * team's own customers must do when they use the system and whether they can inherit the
 * control, with the planned completion date of a planned or partial half. Creates the record
 * (as not started) when none exists yet; refused over a newer version.
 */
export async function saveCustomersPart(ctx: OrgContext, input: z.output<typeof saveCustomersPartSchema>) {
  assertCan(ctx, 'implementations.edit');
  const { controlId, systemId, version, ...fields } = input;
  assertUuid(controlId, 'control');
  assertUuid(systemId, 'system');
  const data = { ...fields, plannedCompletionAt: fields.plannedCompletionAt ? new Date(`${fields.plannedCompletionAt}T00:00:00Z`) : null };
  try {
    return await audited(ctx, async (tx, record) => {
      const [control, system] = await Promise.all([
        tx.control.findFirst({ where: { id: controlId, orgId: ctx.orgId }, select: { archivedAt: true } }),
        tx.system.findFirst({ where: { id: systemId, orgId: ctx.orgId }, select: { archivedAt: true } }),
      ]);
      if (!control || !system) throw new AppError('NOT_FOUND', 'This control or system does not exist.');
      if (control.archivedAt || system.archivedAt) throw new AppError('CONFLICT', 'This control or system is archived. Restore it first.');
      const where = { controlId_systemId: { controlId, systemId } };
      const before = await tx.controlImplementation.findUnique({ where, select: customersPartSelect });
      if (version === 0) {
        if (before) throw staleVersionError('implementation');
        const created = await tx.controlImplementation.create({
          data: { orgId: ctx.orgId, controlId, systemId, ...data },
          select: customersPartSelect,
        });
        record({
          action: 'implementation.customers_part_saved',
          entityType: 'ControlImplementation',
          entityId: created.id,
          after: created,
        });
        return created;
      }
      const { count } = await tx.controlImplementation.updateMany({
        where: { controlId, systemId, orgId: ctx.orgId, version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) throw staleVersionError('implementation');
      const after = await tx.controlImplementation.findUniqueOrThrow({ where, select: customersPartSelect });
      record({ action: 'implementation.customers_part_saved', entityType: 'ControlImplementation', entityId: after.id, before, after });
      return after;
    });
  } catch (error) {
    // Two first saves at once: the unique (control, system) key lets only one create.
    if (isUniqueViolation(error)) throw staleVersionError('implementation');
    throw error;
  }
}
