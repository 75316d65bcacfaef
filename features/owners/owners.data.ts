import 'server-only';
import type { z } from 'zod';
import { assertUuid, isUniqueViolation, prisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { staleVersionError } from '@/lib/concurrency';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited, type AuditEntry } from '@/features/audit/audit.data';
import { effectiveResponsibility } from '@/features/controls/responsibility.policy';
import { statesOf } from '@/features/evidence/freshness';
import type { bulkAssignOwnerSchema, saveImplementationSchema } from './owners.schema';
import { evidenceAttention, ownerRequiredRefusal, reviewState } from './owners.policy';

const implementationSelect = {
  id: true,
  controlId: true,
  systemId: true,
  status: true,
  narrative: true,
  justification: true,
  ownerId: true,
  nextReviewAt: true,
  version: true,
} as const;

/** The active members who can own a customer half, for owner pickers. */
export async function listAssignableOwners(ctx: OrgContext) {
  const members = await prisma.membership.findMany({
    where: { orgId: ctx.orgId, disabledAt: null },
    select: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { name: 'asc' } },
  });
  return members.map((m) => m.user);
}

async function assertActiveMember(tx: Tx, ctx: OrgContext, userId: string, field: string) {
  const member = await tx.membership.findFirst({ where: { orgId: ctx.orgId, userId, disabledAt: null }, select: { id: true } });
  if (!member) {
    throw new AppError('VALIDATION', 'The owner must be an active member.', {
      [field]: ['Choose an active member of this organization.'],
    });
  }
}

/** The control (active) and system (active) in this organization, and the effective type between them. */
async function loadLine(tx: Tx, ctx: OrgContext, controlId: string, systemId: string) {
  const system = await tx.system.findFirst({
    where: { id: systemId, orgId: ctx.orgId, archivedAt: null },
    select: { id: true, services: { select: { serviceCode: true } } },
  });
  const services = system?.services.map((s) => s.serviceCode) ?? [];
  const control = await tx.control.findFirst({
    where: { id: controlId, orgId: ctx.orgId, archivedAt: null },
    select: { id: true, defaultType: true, serviceLines: { where: { serviceCode: { in: services } } } },
  });
  if (!system || !control) throw new AppError('NOT_FOUND', 'This control or system does not exist, or is archived.');
  return effectiveResponsibility(control.defaultType, control.serviceLines, new Set(services));
}

export async function saveImplementation(ctx: OrgContext, input: z.output<typeof saveImplementationSchema>) {
  assertCan(ctx, 'implementations.edit');
  const { controlId, systemId, version, ...fields } = input;
  assertUuid(controlId, 'control');
  assertUuid(systemId, 'system');
  const data = {
    ...fields,
    ownerId: fields.ownerId || null,
    nextReviewAt: fields.nextReviewAt ? new Date(`${fields.nextReviewAt}T00:00:00Z`) : null,
  };
  try {
    return await audited(ctx, async (tx, record) => {
      const effective = await loadLine(tx, ctx, controlId, systemId);
      const refusal = ownerRequiredRefusal(effective.type, data.status, data.ownerId);
      if (refusal) throw new AppError('VALIDATION', refusal, { ownerId: [refusal] });
      if (data.ownerId) await assertActiveMember(tx, ctx, data.ownerId, 'ownerId');

      const where = { controlId_systemId: { controlId, systemId } };
      const before = await tx.controlImplementation.findUnique({ where, select: implementationSelect });
      if (version === 0) {
        if (before) throw staleVersionError('implementation');
        const created = await tx.controlImplementation.create({
          data: { orgId: ctx.orgId, controlId, systemId, ...data },
          select: implementationSelect,
        });
        record({ action: 'implementation.created', entityType: 'ControlImplementation', entityId: created.id, after: created });
        return created;
      }
      const { count } = await tx.controlImplementation.updateMany({
        where: { controlId, systemId, orgId: ctx.orgId, version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) throw staleVersionError('implementation');
      const after = await tx.controlImplementation.findUniqueOrThrow({ where, select: implementationSelect });
      record({ action: 'implementation.updated', entityType: 'ControlImplementation', entityId: after.id, before, after });
      return after;
    });
  } catch (error) {
    // Two first saves at once: the unique (control, system) key lets only one create.
    if (isUniqueViolation(error)) throw staleVersionError('implementation');
    throw error;
  }
}

/** Assigns one owner to many controls of a system, creating the missing records as planned. */
export async function bulkAssignOwner(ctx: OrgContext, input: z.output<typeof bulkAssignOwnerSchema>) {
  assertCan(ctx, 'implementations.edit');
  const controlIds = [...new Set(input.controlIds)];
  return audited(ctx, async (tx, record) => {
    await assertActiveMember(tx, ctx, input.ownerId, 'ownerId');
    const system = await tx.system.count({ where: { id: input.systemId, orgId: ctx.orgId, archivedAt: null } });
    const controls = await tx.control.count({ where: { id: { in: controlIds }, orgId: ctx.orgId, archivedAt: null } });
    if (!system || controls !== controlIds.length) {
      throw new AppError('NOT_FOUND', 'Some of these controls or this system no longer exist. Reload and try again.');
    }
    const existing = await tx.controlImplementation.findMany({
      where: { systemId: input.systemId, controlId: { in: controlIds } },
      select: { id: true, controlId: true, ownerId: true },
    });
    const toUpdate = existing.filter((e) => e.ownerId !== input.ownerId);
    await tx.controlImplementation.updateMany({
      where: { id: { in: toUpdate.map((e) => e.id) } },
      data: { ownerId: input.ownerId, version: { increment: 1 } },
    });
    const missing = controlIds.filter((id) => !existing.some((e) => e.controlId === id));
    const created = await tx.controlImplementation.createManyAndReturn({
      data: missing.map((controlId) => ({ orgId: ctx.orgId, controlId, systemId: input.systemId, ownerId: input.ownerId })),
      select: implementationSelect,
    });
    for (const e of toUpdate) {
      record({
        action: 'implementation.owner_assigned',
        entityType: 'ControlImplementation',
        entityId: e.id,
        before: { ownerId: e.ownerId },
        after: { ownerId: input.ownerId },
      });
    }
    for (const impl of created) {
      record({ action: 'implementation.created', entityType: 'ControlImplementation', entityId: impl.id, after: impl });
    }
    if (toUpdate.length + missing.length === 0) {
      record({
        action: 'implementation.owner_assigned',
        entityType: 'System',
        entityId: input.systemId,
        after: { ownerId: input.ownerId, unchanged: controlIds.length },
      });
    }
    return { assigned: toUpdate.length + missing.length, unchanged: controlIds.length - toUpdate.length - missing.length };
  });
}

/** How many customer halves a member owns (active controls and systems). */
export async function countOwned(tx: Tx, orgId: string, userId: string) {
  return tx.controlImplementation.count({ where: { orgId, ownerId: userId } });
}

/** Moves every record a member owns to another active member, inside the caller's transaction. */
export async function reassignOwned(tx: Tx, ctx: OrgContext, fromUserId: string, toUserId: string, record: (entry: AuditEntry) => void) {
  assertUuid(fromUserId, 'member');
  if (toUserId === fromUserId) {
    throw new AppError('VALIDATION', 'Choose someone else.', { reassignTo: ['Choose a different member as the new owner.'] });
  }
  await assertActiveMember(tx, ctx, toUserId, 'reassignTo');
  const owned = await tx.controlImplementation.findMany({ where: { orgId: ctx.orgId, ownerId: fromUserId }, select: { id: true } });
  await tx.controlImplementation.updateMany({
    where: { orgId: ctx.orgId, ownerId: fromUserId },
    data: { ownerId: toUserId, version: { increment: 1 } },
  });
  record({
    action: 'implementation.owner_reassigned',
    entityType: 'User',
    entityId: fromUserId,
    before: { ownerId: fromUserId },
    after: { ownerId: toUserId, implementationIds: owned.map((o) => o.id) },
  });
  return owned.length;
}

/** "My controls": every customer half the caller owns, with what needs attention first. */
export async function listMyControls(ctx: OrgContext, today = new Date()) {
  const owned = await prisma.controlImplementation.findMany({
    where: { orgId: ctx.orgId, ownerId: ctx.userId, control: { archivedAt: null }, system: { archivedAt: null } },
    select: {
      ...implementationSelect,
      control: {
        select: {
          code: true,
          title: true,
          defaultType: true,
          cadence: true,
          appliesTo: true,
          serviceLines: { select: { serviceCode: true, type: true, customerTask: true, awsTask: true } },
        },
      },
      system: { select: { name: true, services: { select: { serviceCode: true } } } },
    },
  });
  const rows = owned.map((impl) => {
    const effective = effectiveResponsibility(
      impl.control.defaultType,
      impl.control.serviceLines,
      new Set(impl.system.services.map((s) => s.serviceCode)),
    );
    return {
      id: impl.id,
      controlId: impl.controlId,
      systemId: impl.systemId,
      code: impl.control.code,
      title: impl.control.title,
      systemName: impl.system.name,
      status: impl.status,
      nextReviewAt: impl.nextReviewAt,
      effective,
      attention: reviewState(impl, today),
    };
  });
  const derived = await statesOf(
    ctx,
    owned.map((impl, i) => ({
      controlId: impl.controlId,
      systemId: impl.systemId,
      type: rows[i]!.effective.type,
      cadence: impl.control.cadence,
      appliesTo: impl.control.appliesTo,
      systemServices: new Set(impl.system.services.map((s) => s.serviceCode)),
      implementation: impl,
    })),
    today,
  );
  return (
    rows
      .map((row, i) => ({
        ...row,
        ...derived[i]!,
        attention: [...evidenceAttention(derived[i]!.freshness.customer), ...row.attention],
      }))
      // Only customer halves: a control that no longer applies here, or is inherited, has nothing to own.
      .filter((row) => row.state.customer !== null)
      .sort((a, b) => b.attention.length - a.attention.length || a.code.localeCompare(b.code, 'en', { numeric: true }))
  );
}
