// The failing-check states the control page lists. Counting failing resources is status.policy's
// and loadEvidenceDates' job (ControlState.failing); this only sorts rows for display with the same rule.

export type FailureStanding = 'OPEN' | 'SUPPRESSED' | 'RISK_ACCEPTED' | 'RESOLVED';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Where one CheckFailure row stands on `today`: resolved by a later passing scan, suppressed by
 * the tool, under a risk acceptance still running (its last day included), or open. An expired
 * acceptance makes it open again, with no job: the same rule as loadEvidenceDates' count.
 */
export function failureStanding(
  f: { resolvedAt: Date | null; suppressed: boolean; riskAcceptedUntil: Date | null },
  today = new Date(),
): FailureStanding {
  if (f.resolvedAt) return 'RESOLVED';
  if (f.suppressed) return 'SUPPRESSED';
  if (f.riskAcceptedUntil && isoDay(f.riskAcceptedUntil) >= isoDay(today)) return 'RISK_ACCEPTED';
  return 'OPEN';
}

/** "Failing from 2026-11-01, passing since 2026-11-20". */
export function historyText(f: { firstSeenAt: Date; resolvedAt: Date | null }): string {
  const from = `Failing from ${isoDay(f.firstSeenAt)}`;
  return f.resolvedAt ? `${from}, passing since ${isoDay(f.resolvedAt)}` : `${from}, still failing`;
}
