import type { ImplementationStatus, Role } from '@/lib/generated/prisma/enums.ts';
import type { ResponsibilityType } from '@/features/controls/responsibility.policy';
import type { Applicability, CustomerStatus } from '@/features/controls/status.policy';
import type { Freshness } from '@/features/evidence/evidence.policy';

/**
 * Who can own a customer half: the roles that can record its implementation and upload its
 * evidence. Viewers read and auditors review; neither can act on a control, so neither owns one.
 */
export const OWNER_ROLES = ['OWNER', 'ADMIN', 'EDITOR'] as const satisfies readonly Role[];

export const OWNER_ROLE_REFUSAL = 'Only owners, admins and editors can own a control.';

export function canOwnControls(role: Role): boolean {
  return (OWNER_ROLES as readonly Role[]).includes(role);
}

/** A shared or customer control is only implemented when someone owns the customer half. */
export function ownerRequiredRefusal(type: ResponsibilityType, status: ImplementationStatus, ownerId: string | null): string | null {
  if (status === 'IMPLEMENTED' && type !== 'INHERITED' && !ownerId) {
    return 'A shared or customer control needs an owner before it can be marked implemented.';
  }
  return null;
}

/**
 * Why a save of one control's record in one system is refused, per field, or null. An
 * inherited control has no customer half: nobody owns it and it has no customer status; it
 * can only be marked not applicable to the system (or that mark reverted). A control bound to
 * services the system does not use does not apply there at all. `applicability` is the one
 * the save would give (status.policy's applicabilityOf on the new record).
 */
export function implementationRefusal(input: {
  type: ResponsibilityType;
  applicability: Applicability;
  status: ImplementationStatus;
  ownerId: string | null;
}): Record<string, string[]> | null {
  const { type, applicability, status, ownerId } = input;
  const customerStatus = status !== 'NOT_STARTED' && status !== 'NOT_APPLICABLE';
  if (!applicability.applies && applicability.by === 'service') {
    const refusal = 'This control does not apply to this system (it uses none of the services the control is about).';
    const fields = { ...(ownerId ? { ownerId: [refusal] } : {}), ...(customerStatus ? { status: [refusal] } : {}) };
    return Object.keys(fields).length ? fields : null;
  }
  if (type === 'INHERITED') {
    const fields = {
      ...(ownerId ? { ownerId: ['An inherited control has no customer half, so nobody owns it here.'] } : {}),
      ...(customerStatus ? { status: ['AWS implements an inherited control: mark it not applicable to this system, or leave it.'] } : {}),
    };
    return Object.keys(fields).length ? fields : null;
  }
  const refusal = ownerRequiredRefusal(type, status, ownerId);
  return refusal ? { ownerId: [refusal] } : null;
}

/** What one bulk assignment did, for the message the register shows. */
export type BulkAssignment = {
  assigned: number;
  unchanged: number;
  skipped: { inherited: number; notApplicable: number };
};

const controls = (n: number) => `${n} control${n === 1 ? '' : 's'}`;

/** "Erin Editor now owns 4 controls in this system. 1 already had this owner. 3 skipped: 2 inherited, 1 not applicable." */
export function bulkAssignmentMessage(ownerName: string, result: BulkAssignment): string {
  const { inherited, notApplicable } = result.skipped;
  const skipped = inherited + notApplicable;
  const reasons = [inherited && `${inherited} inherited`, notApplicable && `${notApplicable} not applicable`].filter(Boolean);
  return [
    result.assigned > 0 ? `${ownerName} now owns ${controls(result.assigned)} in this system.` : `Nothing assigned to ${ownerName}.`,
    result.unchanged > 0 && `${result.unchanged} already had this owner.`,
    skipped > 0 && `${skipped} skipped: ${reasons.join(', ')}.`,
  ]
    .filter(Boolean)
    .join(' ');
}

export type Attention =
  | 'failing-checks'
  | 'evidence-missing'
  | 'evidence-expired'
  | 'evidence-expiring'
  | 'overdue'
  | 'no-review-date'
  | 'not-implemented'
  | 'no-narrative';

export const ATTENTION_LABELS: Record<Attention, string> = {
  'failing-checks': 'Failing checks to fix or accept',
  'evidence-missing': 'No accepted evidence',
  'evidence-expired': 'Evidence expired',
  'evidence-expiring': 'Evidence expiring soon',
  overdue: 'Review overdue',
  'no-review-date': 'No review date',
  'not-implemented': 'Not implemented yet',
  'no-narrative': 'No narrative',
};

/**
 * What is missing or overdue on one customer half, as of `today` (UTC dates). `status` is the
 * customer half's derived status (status.policy's `state.customer.status`).
 */
export function reviewState(impl: { narrative: string; nextReviewAt: Date | null }, status: CustomerStatus, today: Date): Attention[] {
  const attention: Attention[] = [];
  const todayUtc = today.toISOString().slice(0, 10);
  if (!impl.nextReviewAt) attention.push('no-review-date');
  else if (impl.nextReviewAt.toISOString().slice(0, 10) < todayUtc) attention.push('overdue');
  if (status !== 'IMPLEMENTED') attention.push('not-implemented');
  if (!impl.narrative) attention.push('no-narrative');
  return attention;
}

/** What the owner must renew: the customer half's evidence (the AWS half is a provider report). */
export function evidenceAttention(customer: { state: Freshness } | null): Attention[] {
  if (!customer) return [];
  if (customer.state === 'MISSING') return ['evidence-missing'];
  if (customer.state === 'EXPIRED') return ['evidence-expired'];
  if (customer.state === 'EXPIRING') return ['evidence-expiring'];
  return [];
}
