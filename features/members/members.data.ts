import 'server-only';
import type { z } from 'zod';
import { prisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { assertCan, ROLE_LABELS, type OrgContext } from '@/lib/auth/permissions';
import { audited } from '@/features/audit/audit.data';
import type { AuditEntry } from '@/features/audit/audit.data';
import { countOwned, lockMembers, reassignOwned } from '@/features/owners/owners.data';
import { canOwnControls } from '@/features/owners/owners.policy';
import { membershipChangeRefusal } from './members.policy';
import type { changeMemberRoleSchema, setAuditPeriodSchema, setMemberDisabledSchema } from './members.schema';

const memberSelect = {
  id: true,
  role: true,
  disabledAt: true,
  auditPeriodStart: true,
  auditPeriodEnd: true,
  lastSsoSignInAt: true,
  createdAt: true,
  user: { select: { id: true, name: true, email: true } },
} as const;

async function loadMembers(ctx: OrgContext) {
  return prisma.membership.findMany({
    where: { orgId: ctx.orgId },
    select: memberSelect,
    orderBy: [{ disabledAt: { sort: 'asc', nulls: 'first' } }, { user: { name: 'asc' } }],
  });
}

export type Member = Awaited<ReturnType<typeof loadMembers>>[number];

/** The member list, with whether each member has a second factor on. */
export async function listMembers(ctx: OrgContext): Promise<(Member & { mfaEnabled: boolean })[]> {
  const [members, enrolled] = await Promise.all([
    loadMembers(ctx),
    prisma.userMfa.findMany({
      where: { enabledAt: { not: null }, user: { memberships: { some: { orgId: ctx.orgId } } } },
      select: { userId: true },
    }),
  ]);
  const withMfa = new Set(enrolled.map((m) => m.userId));
  return members.map((m) => ({ ...m, mfaEnabled: withMfa.has(m.user.id) }));
}

function actor(ctx: OrgContext) {
  return { orgId: ctx.orgId, userId: ctx.userId };
}

/** Loads the target inside the transaction, scoped by organization, with membership changes serialized. */
async function lockedTarget(tx: Tx, ctx: OrgContext, membershipId: string) {
  await lockMembers(tx, ctx.orgId, 'exclusive');
  const target = await tx.membership.findFirst({ where: { id: membershipId, orgId: ctx.orgId }, select: memberSelect });
  if (!target) throw new AppError('NOT_FOUND', 'This member no longer exists.');
  const activeOwners = await tx.membership.count({ where: { orgId: ctx.orgId, role: 'OWNER', disabledAt: null } });
  return { target, activeOwners };
}

function refuseIfNeeded(ctx: OrgContext, target: Member, change: { role?: Member['role']; disabled?: boolean }, activeOwners: number) {
  const refusal = membershipChangeRefusal(
    ctx,
    { userId: target.user.id, role: target.role, disabled: target.disabledAt !== null },
    change,
    activeOwners,
  );
  if (refusal) throw new AppError('FORBIDDEN', refusal);
}

/**
 * A member who stops being able to own controls (disabled, or a role below Editor) hands what
 * they own to an eligible member first, in the same transaction; without one the change is
 * refused on the `reassignTo` field.
 */
async function handOverOwned(
  tx: Tx,
  ctx: OrgContext,
  target: Member,
  reassignTo: string | undefined,
  reason: string,
  record: (entry: AuditEntry) => void,
) {
  const owned = await countOwned(tx, ctx.orgId, target.user.id);
  if (owned === 0) return;
  if (!reassignTo) {
    const message = `${target.user.name} owns ${owned} control${owned === 1 ? '' : 's'}${reason}. Choose who takes them over first.`;
    throw new AppError('CONFLICT', message, { reassignTo: [message] });
  }
  await reassignOwned(tx, ctx, target.user.id, reassignTo, record);
}

export async function changeMemberRole(ctx: OrgContext, input: z.output<typeof changeMemberRoleSchema>) {
  assertCan(ctx, 'members.manage');
  return audited(actor(ctx), async (tx, record) => {
    const { target, activeOwners } = await lockedTarget(tx, ctx, input.membershipId);
    refuseIfNeeded(ctx, target, { role: input.role }, activeOwners);
    if (!canOwnControls(input.role)) {
      const reason = `, and ${ROLE_LABELS[input.role].toLowerCase()}s cannot own controls`;
      await handOverOwned(tx, ctx, target, input.reassignTo, reason, record);
    }
    const updated = await tx.membership.update({ where: { id: target.id }, data: { role: input.role }, select: memberSelect });
    record({ action: 'member.role_changed', entityType: 'Membership', entityId: target.id, before: target, after: updated });
    return updated;
  });
}

/** Disabling takes effect on the member's next request: every check reads the membership. */
export async function setMemberDisabled(ctx: OrgContext, input: z.output<typeof setMemberDisabledSchema>) {
  assertCan(ctx, 'members.manage');
  return audited(actor(ctx), async (tx, record) => {
    const { target, activeOwners } = await lockedTarget(tx, ctx, input.membershipId);
    refuseIfNeeded(ctx, target, { disabled: input.disabled }, activeOwners);
    if (input.disabled) await handOverOwned(tx, ctx, target, input.reassignTo, '', record);
    const updated = await tx.membership.update({
      where: { id: target.id },
      data: { disabledAt: input.disabled ? new Date() : null },
      select: memberSelect,
    });
    record({
      action: input.disabled ? 'member.disabled' : 'member.enabled',
      entityType: 'Membership',
      entityId: target.id,
      before: target,
      after: updated,
    });
    return updated;
  });
}

/** Limits an auditor to an audit period: evidence true outside it is hidden from them. */
export async function setAuditPeriod(ctx: OrgContext, input: z.output<typeof setAuditPeriodSchema>) {
  assertCan(ctx, 'members.manage');
  return audited(ctx, async (tx, record) => {
    const before = await tx.membership.findFirst({ where: { id: input.membershipId, orgId: ctx.orgId }, select: memberSelect });
    if (!before) throw new AppError('NOT_FOUND', 'This member no longer exists.');
    if (before.role !== 'AUDITOR') throw new AppError('VALIDATION', 'Only auditors can be limited to an audit period.');
    const day = (iso: string) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
    const after = await tx.membership.update({
      where: { id: before.id },
      data: { auditPeriodStart: day(input.start), auditPeriodEnd: day(input.end) },
      select: memberSelect,
    });
    record({ action: 'member.audit_period_set', entityType: 'Membership', entityId: before.id, before, after });
    return after;
  });
}
