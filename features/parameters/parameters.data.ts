import 'server-only';
import type { z } from 'zod';
import { audited } from '@/features/audit/audit.data';
import { readParams, type RequirementParam } from '@/features/frameworks/requirement-content';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { staleVersionError } from '@/lib/concurrency';
import { isUuid, prisma, type Db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { baselineDefault, groupByControl, isFillable, matchesSearch, PARAMETERS_PAGE_SIZE, type ParameterRow } from './parameters.policy';
import type { resetParameterValueSchema, setParameterValueSchema } from './parameters.schema';

const NO_BASELINE = 'This system has no baseline. Choose one on the system’s edit page first.';

async function findSystem(db: Db | Tx, ctx: OrgContext, systemId: string) {
  const system = isUuid(systemId)
    ? await db.system.findFirst({
        where: { id: systemId, orgId: ctx.orgId },
        select: {
          id: true,
          name: true,
          archivedAt: true,
          baselineFrameworkId: true,
          baseline: { select: { id: true, name: true, version: true } },
        },
      })
    : null;
  if (!system) throw new AppError('NOT_FOUND', 'This system does not exist.');
  return system;
}

type BaselineParam = { controlId: string; controlLabel: string; controlTitle: string; param: RequirementParam };

/** Every parameter of the baseline's requirements, in the baseline's order, each with the control that defines it. */
async function baselineParams(db: Db | Tx, ctx: OrgContext, frameworkId: string): Promise<BaselineParam[]> {
  const requirements = await db.requirement.findMany({
    where: { frameworkId, orgId: ctx.orgId, kind: { not: 'group' }, withdrawn: false },
    select: { externalId: true, label: true, title: true, params: true },
    orderBy: { sortOrder: 'asc' },
  });
  return requirements.flatMap((r) =>
    readParams(r.params).map((param) => ({ controlId: r.externalId, controlLabel: r.label, controlTitle: r.title, param })),
  );
}

const ownValues = async (db: Db | Tx, ctx: OrgContext, systemId: string) =>
  new Map(
    (
      await db.systemParameterValue.findMany({
        where: { systemId, orgId: ctx.orgId },
        select: { paramId: true, values: true, version: true },
      })
    ).map((v) => [v.paramId, { values: v.values, version: v.version }]),
  );

/**
 * The parameters page: the parameters of the system's baseline, grouped by control, each with its
 * printed label, the baseline's default and the system's own value; searched, one page.
 */
export async function getSystemParameters(ctx: OrgContext, systemId: string, filters: { q?: string; page: number }) {
  const system = await findSystem(prisma, ctx, systemId);
  const base = { system: { id: system.id, name: system.name, archived: Boolean(system.archivedAt) }, baseline: system.baseline };
  if (!system.baselineFrameworkId) return { ...base, total: 0, page: 1, pageSize: PARAMETERS_PAGE_SIZE, groups: [], customized: 0 };
  const [params, own] = await Promise.all([baselineParams(prisma, ctx, system.baselineFrameworkId), ownValues(prisma, ctx, system.id)]);
  const present = new Set(params.map((p) => p.param.id));
  const rows: ParameterRow[] = params
    .filter((p) => isFillable(p.param, present))
    .map((p) => ({ ...p, baseline: baselineDefault(p.param), own: own.get(p.param.id) ?? null }));
  const matching = rows.filter((r) => matchesSearch(r, filters.q));
  const page = Math.min(filters.page, Math.max(1, Math.ceil(matching.length / PARAMETERS_PAGE_SIZE)));
  return {
    ...base,
    total: matching.length,
    page,
    pageSize: PARAMETERS_PAGE_SIZE,
    customized: rows.filter((r) => r.own).length,
    groups: groupByControl(matching.slice((page - 1) * PARAMETERS_PAGE_SIZE, page * PARAMETERS_PAGE_SIZE)),
  };
}

/**
 * For the SSP's set-parameters: each parameter of the system's baseline that has a value — the
 * system's own, else the baseline's (its assigned values, else its constraints). Empty without a baseline.
 */
export async function loadSystemParameterValues(
  ctx: OrgContext,
  systemId: string,
): Promise<{ controlId: string; paramId: string; values: string[]; source: 'system' | 'baseline' }[]> {
  const system = await findSystem(prisma, ctx, systemId);
  if (!system.baselineFrameworkId) return [];
  const [params, own] = await Promise.all([baselineParams(prisma, ctx, system.baselineFrameworkId), ownValues(prisma, ctx, system.id)]);
  return params.flatMap(
    ({ controlId, param }): { controlId: string; paramId: string; values: string[]; source: 'system' | 'baseline' }[] => {
      const mine = own.get(param.id);
      if (mine) return [{ controlId, paramId: param.id, values: mine.values, source: 'system' as const }];
      const values = baselineDefault(param);
      return values.length ? [{ controlId, paramId: param.id, values, source: 'baseline' as const }] : [];
    },
  );
}

/** The system, changeable, with a baseline that defines the parameter. */
async function editableParameter(tx: Tx, ctx: OrgContext, systemId: string, paramId: string) {
  const system = await findSystem(tx, ctx, systemId);
  if (system.archivedAt) throw new AppError('CONFLICT', 'This system is archived. Restore it before changing its parameters.');
  if (!system.baselineFrameworkId) throw new AppError('CONFLICT', NO_BASELINE);
  const [found] = await tx.$queryRaw<{ found: number }[]>`
    SELECT 1 AS found FROM "Requirement"
    WHERE "frameworkId" = ${system.baselineFrameworkId}::uuid AND "orgId" = ${ctx.orgId}::uuid
      AND "params" @> ${JSON.stringify([{ id: paramId }])}::jsonb
    LIMIT 1`;
  if (!found) throw new AppError('NOT_FOUND', 'The system’s baseline has no such parameter.');
}

/** Sets the system's own value for a parameter (version 0: the first value; else the version the form was loaded with). */
export async function setParameterValue(ctx: OrgContext, input: z.output<typeof setParameterValueSchema>) {
  assertCan(ctx, 'systems.edit');
  return audited(ctx, async (tx, record) => {
    await editableParameter(tx, ctx, input.systemId, input.paramId);
    const key = { systemId: input.systemId, paramId: input.paramId, orgId: ctx.orgId };
    const before = await tx.systemParameterValue.findFirst({ where: key, select: { values: true, version: true } });
    // The version check and the write are one statement, so two saves cannot both pass it.
    const { count } =
      input.version === 0
        ? await tx.systemParameterValue.createMany({ data: [{ ...key, values: input.value }], skipDuplicates: true })
        : await tx.systemParameterValue.updateMany({
            where: { ...key, version: input.version },
            data: { values: input.value, version: { increment: 1 } },
          });
    if (count === 0) throw staleVersionError('parameter value');
    const after = (await tx.systemParameterValue.findFirst({ where: key, select: { values: true, version: true } }))!;
    record({
      action: 'parameter.set',
      entityType: 'System',
      entityId: input.systemId,
      before: before ? { paramId: input.paramId, values: before.values } : null,
      after: { paramId: input.paramId, values: after.values },
    });
    return { paramId: input.paramId, ...after };
  });
}

/** Deletes the system's own value, so the baseline's default stands again. */
export async function resetParameterValue(ctx: OrgContext, input: z.output<typeof resetParameterValueSchema>) {
  assertCan(ctx, 'systems.edit');
  return audited(ctx, async (tx, record) => {
    await editableParameter(tx, ctx, input.systemId, input.paramId);
    const key = { systemId: input.systemId, paramId: input.paramId, orgId: ctx.orgId };
    const before = await tx.systemParameterValue.findFirst({ where: key, select: { values: true } });
    const { count } = await tx.systemParameterValue.deleteMany({ where: { ...key, version: input.version } });
    if (count === 0) throw staleVersionError('parameter value');
    record({
      action: 'parameter.reset',
      entityType: 'System',
      entityId: input.systemId,
      before: { paramId: input.paramId, values: before?.values ?? [] },
      after: null,
    });
    return { paramId: input.paramId };
  });
}
