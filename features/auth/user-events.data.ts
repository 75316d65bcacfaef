import 'server-only';
import type { Tx } from '@/lib/db';
import { appendAudit, type AuditEntry } from '@/features/audit/audit.data';

/** Appends a user-level event to every organization the user belongs to (or the platform chain). */
export async function recordUserEvent(tx: Tx, user: { id: string | null; email: string }, entry: AuditEntry) {
  const memberships = user.id ? await tx.membership.findMany({ where: { userId: user.id }, select: { orgId: true } }) : [];
  const orgIds = memberships.length > 0 ? memberships.map((m) => m.orgId) : [null];
  for (const orgId of orgIds) await appendAudit(tx, { orgId, userId: user.id, email: user.email }, entry);
}
