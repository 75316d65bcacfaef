import 'server-only';
import type { z } from 'zod';
import { audited } from '@/features/audit/audit.data';
import type { OrgContext } from '@/lib/auth/permissions';
import { staleVersionError } from '@/lib/concurrency';
import { isUniqueViolation, prisma } from '@/lib/db';
import { HIDEABLE_COLUMNS, type HideableColumn, type saveRegisterColumnsSchema } from './register-columns.schema';

export type RegisterColumns = { hidden: HideableColumn[]; version: number };

const isHideable = (column: string): column is HideableColumn => (HIDEABLE_COLUMNS as readonly string[]).includes(column);
const key = (ctx: OrgContext) => ({ orgId_userId: { orgId: ctx.orgId, userId: ctx.userId } });

/** The columns the caller hid on the register of this organization (none until they choose). */
export async function getRegisterColumns(ctx: OrgContext): Promise<RegisterColumns> {
  const preference = await prisma.registerPreference.findUnique({ where: key(ctx), select: { hiddenColumns: true, version: true } });
  return preference ? { hidden: preference.hiddenColumns.filter(isHideable), version: preference.version } : { hidden: [], version: 0 };
}

/**
 * Remembers the caller's own column choice (any member, for themselves only), over the version they
 * loaded: a choice made meanwhile in another tab is not silently overwritten.
 */
export async function saveRegisterColumns(ctx: OrgContext, input: z.output<typeof saveRegisterColumnsSchema>): Promise<RegisterColumns> {
  const hidden = HIDEABLE_COLUMNS.filter((c) => input.hidden.includes(c));
  try {
    return await audited(ctx, async (tx, record) => {
      const before = await tx.registerPreference.findUnique({ where: key(ctx), select: { hiddenColumns: true, version: true } });
      if (input.version === 0) {
        if (before) throw staleVersionError('column choice');
        await tx.registerPreference.create({ data: { orgId: ctx.orgId, userId: ctx.userId, hiddenColumns: hidden } });
      } else {
        const { count } = await tx.registerPreference.updateMany({
          where: { orgId: ctx.orgId, userId: ctx.userId, version: input.version },
          data: { hiddenColumns: hidden, version: { increment: 1 } },
        });
        if (count === 0) throw staleVersionError('column choice');
      }
      const after = { hidden, version: input.version + 1 };
      record({
        action: 'register.columns_saved',
        entityType: 'RegisterPreference',
        entityId: ctx.userId,
        before: before ? { hidden: before.hiddenColumns } : null,
        after: { hidden },
      });
      return after;
    });
  } catch (error) {
    // Two first choices at once (two tabs): the primary key lets one create.
    if (isUniqueViolation(error)) throw staleVersionError('column choice');
    throw error;
  }
}
