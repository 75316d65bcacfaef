import type { ImplementationStatus } from '@/lib/generated/prisma/enums.ts';
import type { ResponsibilityType } from '@/features/controls/responsibility.policy';
import type { Freshness } from '@/features/evidence/evidence.policy';

/** A shared or customer control is only implemented when someone owns the customer half. */
export function ownerRequiredRefusal(type: ResponsibilityType, status: ImplementationStatus, ownerId: string | null): string | null {
  if (status === 'IMPLEMENTED' && type !== 'INHERITED' && !ownerId) {
    return 'A shared or customer control needs an owner before it can be marked implemented.';
  }
  return null;
}

export type Attention =
  'evidence-missing' | 'evidence-expired' | 'evidence-expiring' | 'overdue' | 'no-review-date' | 'not-implemented' | 'no-narrative';

export const ATTENTION_LABELS: Record<Attention, string> = {
  'evidence-missing': 'No accepted evidence',
  'evidence-expired': 'Evidence expired',
  'evidence-expiring': 'Evidence expiring soon',
  overdue: 'Review overdue',
  'no-review-date': 'No review date',
  'not-implemented': 'Not implemented yet',
  'no-narrative': 'No narrative',
};

/** What is missing or overdue on one customer half, as of `today` (UTC dates). */
export function reviewState(
  impl: { status: ImplementationStatus; narrative: string; nextReviewAt: Date | null },
  today: Date,
): Attention[] {
  const attention: Attention[] = [];
  const todayUtc = today.toISOString().slice(0, 10);
  if (!impl.nextReviewAt) attention.push('no-review-date');
  else if (impl.nextReviewAt.toISOString().slice(0, 10) < todayUtc) attention.push('overdue');
  if (impl.status === 'PLANNED' || impl.status === 'PARTIALLY_IMPLEMENTED') attention.push('not-implemented');
  if (impl.status !== 'NOT_APPLICABLE' && !impl.narrative) attention.push('no-narrative');
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
