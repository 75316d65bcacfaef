import 'server-only';
import type { z } from 'zod';
import { assertUuid, isUniqueViolation, prisma, type Tx } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited } from '@/features/audit/audit.data';
import {
  CHECK_MAPPINGS_PAGE_SIZE,
  type CheckMappingFilters,
  type createCheckMappingSchema,
  type deleteCheckMappingSchema,
} from './check-mappings.schema';

const mappingSelect = {
  id: true,
  checkId: true,
  createdAt: true,
  control: { select: { id: true, code: true, title: true, archivedAt: true } },
} as const;

export type CheckMappingRow = Prisma.CheckMappingGetPayload<{ select: typeof mappingSelect }>;

/**
 * The organization's check → control table, by check id then control code, filtered by text
 * (check id, control code or title, case-insensitive), a page at a time.
 */
export async function listCheckMappings(ctx: OrgContext, filters: CheckMappingFilters) {
  const q = filters.q.trim();
  const where: Prisma.CheckMappingWhereInput = {
    orgId: ctx.orgId,
    ...(q
      ? {
          OR: [
            { checkId: { contains: q, mode: 'insensitive' } },
            { control: { code: { contains: q, mode: 'insensitive' } } },
            { control: { title: { contains: q, mode: 'insensitive' } } },
          ],
        }
      : {}),
  };
  const [total, rows] = await prisma.$transaction([
    prisma.checkMapping.count({ where }),
    prisma.checkMapping.findMany({
      where,
      select: mappingSelect,
      orderBy: [{ checkId: 'asc' }, { control: { code: 'asc' } }],
      skip: (filters.page - 1) * CHECK_MAPPINGS_PAGE_SIZE,
      take: CHECK_MAPPINGS_PAGE_SIZE,
    }),
  ]);
  return { rows, total, page: filters.page, pageSize: CHECK_MAPPINGS_PAGE_SIZE };
}

/** The organization's active controls, for the control picker. */
export async function listControlChoices(ctx: OrgContext) {
  return prisma.control.findMany({
    where: { orgId: ctx.orgId, archivedAt: null },
    select: { id: true, code: true, title: true },
    orderBy: { code: 'asc' },
  });
}

/**
 * Serialises changes to the organization's check → control table: a removal committed while the
 * starter library loads would otherwise be undone by the load (it read the removals before).
 */
export async function lockCheckMappings(tx: Tx, orgId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`check-mappings:${orgId}`}, 0))`;
}

/** Maps a check id onto one of the organization's active controls; the same pair twice is refused. */
export async function createCheckMapping(ctx: OrgContext, input: z.output<typeof createCheckMappingSchema>) {
  assertCan(ctx, 'controls.edit');
  assertUuid(input.controlId, 'control');
  const duplicate = (code: string) => {
    const message = `${input.checkId} is already mapped to ${code}.`;
    return new AppError('CONFLICT', message, { checkId: [message] });
  };
  let code = 'this control';
  try {
    return await audited(ctx, async (tx, record) => {
      await lockCheckMappings(tx, ctx.orgId);
      const control = await tx.control.findFirst({
        where: { id: input.controlId, orgId: ctx.orgId },
        select: { code: true, archivedAt: true },
      });
      if (!control) throw new AppError('NOT_FOUND', 'This control does not exist.', { controlId: ['Choose a control from the list.'] });
      if (control.archivedAt) throw new AppError('CONFLICT', `${control.code} is archived. Restore it before mapping checks to it.`);
      code = control.code;
      const existing = await tx.checkMapping.findFirst({
        where: { orgId: ctx.orgId, checkId: input.checkId, controlId: input.controlId },
        select: { id: true },
      });
      if (existing) throw duplicate(control.code);
      const created = await tx.checkMapping.create({
        data: { orgId: ctx.orgId, checkId: input.checkId, controlId: input.controlId },
        select: { id: true, checkId: true },
      });
      // Mapped by hand again: a removal the starter library respected no longer stands.
      await tx.checkMappingDismissal.deleteMany({ where: { orgId: ctx.orgId, checkId: input.checkId, controlId: input.controlId } });
      record({
        action: 'check-mapping.created',
        entityType: 'CheckMapping',
        entityId: created.id,
        after: { checkId: input.checkId, control: control.code },
      });
      return { id: created.id, checkId: created.checkId, controlCode: control.code };
    });
  } catch (error) {
    // Two identical mappings at once: the unique key lets only one in.
    if (isUniqueViolation(error)) throw duplicate(code);
    throw error;
  }
}

/** Removes one mapping: later scans no longer put that check on that control. */
export async function deleteCheckMapping(ctx: OrgContext, input: z.output<typeof deleteCheckMappingSchema>) {
  assertCan(ctx, 'controls.edit');
  assertUuid(input.id, 'mapping');
  return audited(ctx, async (tx, record) => {
    await lockCheckMappings(tx, ctx.orgId);
    const mapping = await tx.checkMapping.findFirst({
      where: { id: input.id, orgId: ctx.orgId },
      select: { id: true, checkId: true, controlId: true, control: { select: { code: true } } },
    });
    if (!mapping) throw new AppError('NOT_FOUND', 'This mapping no longer exists.');
    await tx.checkMapping.deleteMany({ where: { id: mapping.id, orgId: ctx.orgId } });
    // Remembered, so that loading the starter library again does not bring a shipped one back.
    await tx.checkMappingDismissal.createMany({
      data: [{ orgId: ctx.orgId, checkId: mapping.checkId, controlId: mapping.controlId }],
      skipDuplicates: true,
    });
    record({
      action: 'check-mapping.deleted',
      entityType: 'CheckMapping',
      entityId: mapping.id,
      before: { checkId: mapping.checkId, control: mapping.control.code },
    });
    return { id: mapping.id };
  });
}
