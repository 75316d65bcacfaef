import type { ImplementationStatus } from '@/lib/generated/prisma/enums.ts';
import type { ResponsibilityType } from '@/features/controls/responsibility.policy';

/** A shared or customer control is only implemented when someone owns the customer half. */
export function ownerRequiredRefusal(type: ResponsibilityType, status: ImplementationStatus, ownerId: string | null): string | null {
  if (status === 'IMPLEMENTED' && type !== 'INHERITED' && !ownerId) {
    return 'A shared or customer control needs an owner before it can be marked implemented.';
  }
  return null;
}

export type Attention = 'overdue' | 'no-review-date' | 'not-implemented' | 'no-narrative';

export const ATTENTION_LABELS: Record<Attention, string> = {
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
