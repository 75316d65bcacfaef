import 'server-only';
import { notifyControlAssigned, notifyControlsAssigned } from '@/features/notifications/events.data';
import type { z } from 'zod';
import { assertUuid, isUniqueViolation, prisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { staleVersionError } from '@/lib/concurrency';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited, type AuditEntry } from '@/features/audit/audit.data';
import { loadRegister } from '@/features/controls/controls.data';
import { appliesHere, hasCustomerHalf } from '@/features/controls/register.policy';
import { effectiveResponsibility } from '@/features/controls/responsibility.policy';
import { applicabilityOf } from '@/features/controls/status.policy';
import { statesOf } from '@/features/evidence/freshness';
import type { Role } from '@/lib/generated/prisma/enums.ts';
import type { bulkAssignOwnerSchema, saveImplementationSchema } from './owners.schema';
import {
  canOwnControls,
  evidenceAttention,
  implementationRefusal,
  OWNER_ROLE_REFUSAL,
  OWNER_ROLES,
  reviewState,
  type BulkAssignment,
} from './owners.policy';

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

/**
 * Serialises who-owns-what with membership changes. Assigning an owner takes it shared (many
 * at once); changing or disabling a member takes it exclusive. So a member cannot drop to
 * Viewer, or be disabled, while a control is being handed to them.
 */
export async function lockMembers(tx: Tx, orgId: string, mode: 'shared' | 'exclusive') {
  const key = `members:${orgId}`;
  if (mode === 'shared') await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtextextended(${key}, 0))`;
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

/** The active members who can own a customer half (owners, admins and editors), for owner pickers. */
export async function listAssignableOwners(ctx: OrgContext) {
  const members = await prisma.membership.findMany({
    where: { orgId: ctx.orgId, disabledAt: null, role: { in: [...OWNER_ROLES] } },
    select: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { name: 'asc' } },
  });
  return members.map((m) => m.user);
}

/** Refuses, on `field`, anyone but an active owner, admin or editor of this organization. */
async function assertEligibleOwner(tx: Tx, ctx: OrgContext, userId: string, field: string) {
  await lockMembers(tx, ctx.orgId, 'shared');
  const member = await tx.membership.findFirst({ where: { orgId: ctx.orgId, userId, disabledAt: null }, select: { role: true } });
  if (!member) {
    throw new AppError('VALIDATION', 'The owner must be an active member.', {
      [field]: ['Choose an active member of this organization.'],
    });
  }
  if (!canOwnControls(member.role)) throw new AppError('VALIDATION', OWNER_ROLE_REFUSAL, { [field]: [OWNER_ROLE_REFUSAL] });
}

/**
 * Active members named by email (normalized), with whether they can own a control, for imports
 * that set owners by email. Inside the caller's transaction, serialised with membership changes.
 */
export async function ownerCandidatesByEmail(tx: Tx, ctx: OrgContext, emails: string[]) {
  await lockMembers(tx, ctx.orgId, 'shared');
  const members = await tx.membership.findMany({
    where: { orgId: ctx.orgId, disabledAt: null, user: { email: { in: emails } } },
    select: { userId: true, role: true, user: { select: { email: true } } },
  });
  return new Map<string, { userId: string; role: Role; canOwn: boolean }>(
    members.map((m) => [m.user.email, { userId: m.userId, role: m.role, canOwn: canOwnControls(m.role) }]),
  );
}

/** The control (active) and system (active) in this organization: the effective type between them and what applicability needs. */
async function loadLine(tx: Tx, ctx: OrgContext, controlId: string, systemId: string) {
  const system = await tx.system.findFirst({
    where: { id: systemId, orgId: ctx.orgId, archivedAt: null },
    select: { id: true, services: { select: { serviceCode: true } } },
  });
  const services = new Set(system?.services.map((s) => s.serviceCode) ?? []);
  const control = await tx.control.findFirst({
    where: { id: controlId, orgId: ctx.orgId, archivedAt: null },
    select: { id: true, defaultType: true, appliesTo: true, serviceLines: { where: { serviceCode: { in: [...services] } } } },
  });
  if (!system || !control) throw new AppError('NOT_FOUND', 'This control or system does not exist, or is archived.');
  return {
    effective: effectiveResponsibility(control.defaultType, control.serviceLines, services),
    appliesTo: control.appliesTo,
    services,
  };
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
      const line = await loadLine(tx, ctx, controlId, systemId);
      // Applicability as this save would leave it (marking it not applicable by hand, or reverting that).
      const applicability = applicabilityOf({ appliesTo: line.appliesTo, systemServices: line.services, implementation: data });
      const refusal = implementationRefusal({ type: line.effective.type, applicability, status: data.status, ownerId: data.ownerId });
      if (refusal) throw new AppError('VALIDATION', Object.values(refusal)[0]![0]!, refusal);
      if (data.ownerId) await assertEligibleOwner(tx, ctx, data.ownerId, 'ownerId');

      const where = { controlId_systemId: { controlId, systemId } };
      const before = await tx.controlImplementation.findUnique({ where, select: implementationSelect });
      if (version === 0) {
        if (before) throw staleVersionError('implementation');
        const created = await tx.controlImplementation.create({
          data: { orgId: ctx.orgId, controlId, systemId, ...data },
          select: implementationSelect,
        });
        record({ action: 'implementation.created', entityType: 'ControlImplementation', entityId: created.id, after: created });
        await notifyControlAssigned(tx, ctx, created);
        return created;
      }
      const { count } = await tx.controlImplementation.updateMany({
        where: { controlId, systemId, orgId: ctx.orgId, version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) throw staleVersionError('implementation');
      const after = await tx.controlImplementation.findUniqueOrThrow({ where, select: implementationSelect });
      record({ action: 'implementation.updated', entityType: 'ControlImplementation', entityId: after.id, before, after });
      if (after.ownerId !== before?.ownerId) await notifyControlAssigned(tx, ctx, after);
      return after;
    });
  } catch (error) {
    // Two first saves at once: the unique (control, system) key lets only one create.
    if (isUniqueViolation(error)) throw staleVersionError('implementation');
    throw error;
  }
}

/**
 * Assigns one owner to the customer halves among many controls of a system. Controls that are
 * inherited there, or do not apply there, have no customer half: they are skipped and counted.
 * Assigning never changes a status: new records start as not started (the schema default).
 */
export async function bulkAssignOwner(ctx: OrgContext, input: z.output<typeof bulkAssignOwnerSchema>): Promise<BulkAssignment> {
  assertCan(ctx, 'implementations.edit');
  const controlIds = new Set(input.controlIds);
  try {
    return await audited(ctx, async (tx, record) => {
      await assertEligibleOwner(tx, ctx, input.ownerId, 'ownerId');
      const system = await tx.system.findFirst({
        where: { id: input.systemId, orgId: ctx.orgId, archivedAt: null },
        select: { id: true, services: { select: { serviceCode: true } } },
      });
      const register = system
        ? await loadRegister(ctx, { id: system.id, services: system.services.map((s) => s.serviceCode) }, { db: tx })
        : [];
      const rows = register.filter((row) => controlIds.has(row.id));
      if (!system || rows.length !== controlIds.size) {
        throw new AppError('NOT_FOUND', 'Some of these controls or this system no longer exist. Reload and try again.');
      }
      const halves = rows.filter(hasCustomerHalf);
      const toUpdate = halves.flatMap((row) =>
        row.implementation && row.implementation.ownerId !== input.ownerId ? [row.implementation] : [],
      );
      const missing = halves.filter((row) => !row.implementation);
      await tx.controlImplementation.updateMany({
        where: { orgId: ctx.orgId, id: { in: toUpdate.map((impl) => impl.id) } },
        data: { ownerId: input.ownerId, version: { increment: 1 } },
      });
      const created = await tx.controlImplementation.createManyAndReturn({
        data: missing.map((row) => ({ orgId: ctx.orgId, controlId: row.id, systemId: system.id, ownerId: input.ownerId })),
        select: implementationSelect,
      });
      for (const impl of toUpdate) {
        record({
          action: 'implementation.owner_assigned',
          entityType: 'ControlImplementation',
          entityId: impl.id,
          before: { ownerId: impl.ownerId },
          after: { ownerId: input.ownerId },
        });
      }
      for (const impl of created) {
        record({ action: 'implementation.created', entityType: 'ControlImplementation', entityId: impl.id, after: impl });
      }
      await notifyControlsAssigned(tx, ctx, {
        ownerId: input.ownerId,
        systemId: system.id,
        count: toUpdate.length + created.length,
        changeId: created[0]?.id ?? toUpdate[0]?.id ?? system.id,
      });
      const result: BulkAssignment = {
        assigned: toUpdate.length + created.length,
        unchanged: halves.length - toUpdate.length - created.length,
        skipped: {
          inherited: rows.filter((r) => appliesHere(r) && !hasCustomerHalf(r)).length,
          notApplicable: rows.filter((r) => !appliesHere(r)).length,
        },
      };
      if (result.assigned === 0) {
        record({
          action: 'implementation.owner_assigned',
          entityType: 'System',
          entityId: system.id,
          after: { ownerId: input.ownerId, ...result },
        });
      }
      return result;
    });
  } catch (error) {
    // Someone created one of these records at the same moment: the unique (control, system) key refused the second.
    if (isUniqueViolation(error)) throw staleVersionError('implementation');
    throw error;
  }
}

/** How many customer halves a member owns (active controls and systems). */
export async function countOwned(tx: Tx, orgId: string, userId: string) {
  return tx.controlImplementation.count({ where: { orgId, ownerId: userId } });
}

/**
 * Moves every record a member owns to another active owner, admin or editor, inside the
 * caller's transaction (which holds the members lock), with one audit event per record.
 */
export async function reassignOwned(tx: Tx, ctx: OrgContext, fromUserId: string, toUserId: string, record: (entry: AuditEntry) => void) {
  assertUuid(fromUserId, 'member');
  if (toUserId === fromUserId) {
    throw new AppError('VALIDATION', 'Choose someone else.', { reassignTo: ['Choose a different member as the new owner.'] });
  }
  await assertEligibleOwner(tx, ctx, toUserId, 'reassignTo');
  const moved = await tx.controlImplementation.updateManyAndReturn({
    where: { orgId: ctx.orgId, ownerId: fromUserId },
    data: { ownerId: toUserId, version: { increment: 1 } },
    select: { id: true },
  });
  for (const impl of moved) {
    record({
      action: 'implementation.owner_reassigned',
      entityType: 'ControlImplementation',
      entityId: impl.id,
      before: { ownerId: fromUserId },
      after: { ownerId: toUserId },
    });
  }
  return moved.length;
}

/**
 * "My controls": every customer half the caller owns, with its derived state (both halves)
 * and what needs attention first.
 */
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
  const pairs = owned.map((impl) => {
    const systemServices = new Set(impl.system.services.map((s) => s.serviceCode));
    return {
      impl,
      effective: effectiveResponsibility(impl.control.defaultType, impl.control.serviceLines, systemServices),
      systemServices,
    };
  });
  const derived = await statesOf(
    ctx,
    pairs.map(({ impl, effective, systemServices }) => ({
      controlId: impl.controlId,
      systemId: impl.systemId,
      type: effective.type,
      cadence: impl.control.cadence,
      appliesTo: impl.control.appliesTo,
      systemServices,
      implementation: impl,
    })),
    today,
  );
  return pairs
    .flatMap(({ impl, effective }, i) => {
      const { freshness, state } = derived[i]!;
      // Only customer halves: a control that no longer applies here, or is inherited, has nothing to own.
      if (!state.customer) return [];
      return [
        {
          id: impl.id,
          controlId: impl.controlId,
          systemId: impl.systemId,
          code: impl.control.code,
          title: impl.control.title,
          systemName: impl.system.name,
          /** The customer half's recorded status (a customer half is never marked not applicable). */
          status: impl.status,
          nextReviewAt: impl.nextReviewAt,
          effective,
          freshness,
          state,
          attention: [
            ...(state.failing > 0 ? (['failing-checks'] as const) : []),
            ...evidenceAttention(freshness.customer),
            ...reviewState(impl, state.customer.status, today),
          ],
        },
      ];
    })
    .sort((a, b) => b.attention.length - a.attention.length || a.code.localeCompare(b.code, 'en', { numeric: true }));
}
