import 'server-only';
import type { z } from 'zod';
import { assertUuid, isUniqueViolation, isUuid, prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited } from '@/features/audit/audit.data';
import { duplicateAccountProblem } from './aws-accounts.policy';
import type { addAwsAccountSchema, removeAwsAccountSchema } from './systems.schema';

const accountSelect = { id: true, accountId: true, region: true } as const;
export type SystemAwsAccountDto = { id: string; accountId: string; region: string };

const NOT_FOUND = 'This system does not exist.';

/** The AWS accounts (and Regions) a system runs in, by account then Region ("" = every Region first). */
export async function listSystemAwsAccounts(ctx: OrgContext, systemId: string): Promise<SystemAwsAccountDto[]> {
  if (!isUuid(systemId)) throw new AppError('NOT_FOUND', NOT_FOUND);
  return prisma.systemAwsAccount.findMany({
    where: { systemId, orgId: ctx.orgId },
    select: accountSelect,
    orderBy: [{ accountId: 'asc' }, { region: 'asc' }],
  });
}

/**
 * Records that the system runs in an AWS account, in one Region or every Region. The same
 * account and Region twice, or a Region of an account already recorded for every Region, is
 * refused on the field. The system's row is locked so two adds at once cannot both pass that check.
 */
export async function addSystemAwsAccount(ctx: OrgContext, input: z.output<typeof addAwsAccountSchema>): Promise<SystemAwsAccountDto> {
  assertCan(ctx, 'systems.edit');
  assertUuid(input.systemId, 'system');
  try {
    return await audited(ctx, async (tx, record) => {
      const locked = await tx.$queryRaw<{ archivedAt: Date | null }[]>`
        SELECT "archivedAt" FROM "System" WHERE id = ${input.systemId}::uuid AND "orgId" = ${ctx.orgId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw new AppError('NOT_FOUND', NOT_FOUND);
      if (locked[0]!.archivedAt) throw new AppError('CONFLICT', 'This system is archived. Restore it before editing it.');
      const existing = await tx.systemAwsAccount.findMany({
        where: { systemId: input.systemId, orgId: ctx.orgId, accountId: input.accountId },
        select: accountSelect,
      });
      const problem = duplicateAccountProblem(existing, input);
      if (problem) throw new AppError('CONFLICT', problem, { accountId: [problem] });
      const created = await tx.systemAwsAccount.create({
        data: { orgId: ctx.orgId, systemId: input.systemId, accountId: input.accountId, region: input.region },
        select: accountSelect,
      });
      record({
        action: 'system.aws-account-added',
        entityType: 'System',
        entityId: input.systemId,
        after: { accountId: created.accountId, region: created.region || null },
      });
      return created;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const message = `Account ${input.accountId} is already recorded for ${input.region || 'every Region'} on this system.`;
    throw new AppError('CONFLICT', message, { accountId: [message] });
  }
}

/** Removes one account entry of the system; findings from it no longer land on the system. */
export async function removeSystemAwsAccount(ctx: OrgContext, input: z.output<typeof removeAwsAccountSchema>) {
  assertCan(ctx, 'systems.edit');
  assertUuid(input.systemId, 'system');
  assertUuid(input.id, 'account entry');
  return audited(ctx, async (tx, record) => {
    const entry = await tx.systemAwsAccount.findFirst({
      where: { id: input.id, systemId: input.systemId, orgId: ctx.orgId },
      select: { ...accountSelect, system: { select: { archivedAt: true } } },
    });
    if (!entry) throw new AppError('NOT_FOUND', 'This account is no longer recorded on this system.');
    if (entry.system.archivedAt) throw new AppError('CONFLICT', 'This system is archived. Restore it before editing it.');
    await tx.systemAwsAccount.deleteMany({ where: { id: entry.id, orgId: ctx.orgId } });
    record({
      action: 'system.aws-account-removed',
      entityType: 'System',
      entityId: input.systemId,
      before: { accountId: entry.accountId, region: entry.region || null },
    });
    return { id: entry.id };
  });
}
