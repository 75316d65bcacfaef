import 'server-only';
import type { OrgContext } from '@/lib/auth/permissions';
import type { Tx } from '@/lib/db';
import { notifyMany } from './notifications.data';

/**
 * Event-driven notifications, made in the transaction of the change that causes them: they exist
 * exactly when the change does. Nobody is told about their own change.
 */

/** A control's customer half in a system was assigned to an owner (one control, from its page). */
export async function notifyControlAssigned(
  tx: Tx,
  ctx: OrgContext,
  impl: { id: string; controlId: string; systemId: string; ownerId: string | null; version: number },
) {
  if (!impl.ownerId || impl.ownerId === ctx.userId) return;
  const [control, system] = await Promise.all([
    tx.control.findFirstOrThrow({ where: { id: impl.controlId, orgId: ctx.orgId }, select: { code: true, title: true } }),
    tx.system.findFirstOrThrow({ where: { id: impl.systemId, orgId: ctx.orgId }, select: { name: true } }),
  ]);
  await notifyMany(tx, [
    {
      orgId: ctx.orgId,
      userId: impl.ownerId,
      kind: 'control_assigned',
      title: `${control.code} in ${system.name} is now yours`,
      body: `${control.code} ${control.title}: you own its customer half in ${system.name}.`,
      link: `/${ctx.orgSlug}/controls/${impl.controlId}?system=${impl.systemId}`,
      dedupeKey: `control_assigned:${impl.id}:${impl.version}`,
    },
  ]);
}

/** Many controls of a system assigned at once: one notification that links to My controls. */
export async function notifyControlsAssigned(
  tx: Tx,
  ctx: OrgContext,
  input: { ownerId: string; systemId: string; count: number; changeId: string },
) {
  if (input.count === 0 || input.ownerId === ctx.userId) return;
  const system = await tx.system.findFirstOrThrow({ where: { id: input.systemId, orgId: ctx.orgId }, select: { name: true } });
  await notifyMany(tx, [
    {
      orgId: ctx.orgId,
      userId: input.ownerId,
      kind: 'control_assigned',
      title: `${input.count} control${input.count === 1 ? '' : 's'} in ${system.name} assigned to you`,
      body: `You now own the customer half of ${input.count} control${input.count === 1 ? '' : 's'} in ${system.name}.`,
      link: `/${ctx.orgSlug}/my-controls`,
      dedupeKey: `control_assigned:bulk:${input.systemId}:${input.changeId}`,
    },
  ]);
}

/** A reviewer rejected evidence: the person who added its latest version is told why. */
export async function notifyEvidenceRejected(
  tx: Tx,
  ctx: OrgContext,
  input: { evidenceId: string; versionNumber: number; uploadedById: string; reason: string },
) {
  if (input.uploadedById === ctx.userId) return;
  const evidence = await tx.evidence.findFirstOrThrow({ where: { id: input.evidenceId, orgId: ctx.orgId }, select: { title: true } });
  await notifyMany(tx, [
    {
      orgId: ctx.orgId,
      userId: input.uploadedById,
      kind: 'evidence_rejected',
      title: `Evidence rejected: ${evidence.title}`,
      body: `Reason: ${input.reason || '(none given)'}`,
      link: `/${ctx.orgSlug}/evidence/${input.evidenceId}`,
      dedupeKey: `evidence_rejected:${input.evidenceId}:${input.versionNumber}`,
    },
  ]);
}
