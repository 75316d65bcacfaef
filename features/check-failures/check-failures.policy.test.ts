import { describe, expect, it } from 'vitest';
import { failureStanding, historyText } from './check-failures.policy';
import { acceptRiskSchema, latestAcceptanceDay, revokeRiskAcceptanceSchema } from './check-failures.schema';

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const open = { resolvedAt: null, suppressed: false, riskAcceptedUntil: null };
const TODAY = new Date('2026-11-30T15:00:00Z');

describe('where a failing check stands', () => {
  it('sorts a failure as resolved, suppressed, accepted (its last day included) or open', () => {
    expect(failureStanding(open, TODAY)).toBe('OPEN');
    expect(failureStanding({ ...open, resolvedAt: new Date('2026-11-20') }, TODAY)).toBe('RESOLVED');
    expect(failureStanding({ ...open, suppressed: true }, TODAY)).toBe('SUPPRESSED');
    expect(failureStanding({ ...open, riskAcceptedUntil: new Date('2026-12-31') }, TODAY)).toBe('RISK_ACCEPTED');
    expect(failureStanding({ ...open, riskAcceptedUntil: new Date('2026-11-30') }, TODAY)).toBe('RISK_ACCEPTED');
    expect(failureStanding({ ...open, riskAcceptedUntil: new Date('2026-11-29') }, TODAY)).toBe('OPEN');
  });

  it('tells the history of a failure', () => {
    expect(historyText({ firstSeenAt: new Date('2026-11-01T10:00:00Z'), resolvedAt: new Date('2026-11-20T08:00:00Z') })).toBe(
      'Failing from 2026-11-01, passing since 2026-11-20',
    );
    expect(historyText({ firstSeenAt: new Date('2026-11-01T10:00:00Z'), resolvedAt: null })).toBe('Failing from 2026-11-01, still failing');
  });
});

describe('a risk acceptance', () => {
  const valid = {
    failureId: '7c0f2f9e-8a7b-4c56-9f43-1d2e3f4a5b6c',
    version: 0,
    justification: 'Public website bucket, content is public by design',
    until: isoDay(new Date(Date.now() + 30 * DAY)),
  };
  const errors = (input: object) => {
    const parsed = acceptRiskSchema.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('takes a justification of at least 20 characters and a last day after today, at most a year ahead', () => {
    expect(errors(valid)).toEqual([]);
    expect(errors({ ...valid, until: latestAcceptanceDay() })).toEqual([]);
    expect(errors({ ...valid, justification: '  too short   ' })).toEqual([
      'justification: Explain why the risk is accepted, in at least 20 characters.',
    ]);
    expect(errors({ ...valid, until: isoDay(new Date()) })).toEqual(['until: The acceptance must end after today.']);
    expect(errors({ ...valid, until: isoDay(new Date(Date.now() + 400 * DAY)) })).toEqual([
      'until: An acceptance may run at most one year ahead.',
    ]);
    expect(errors({ ...valid, until: '' })).toEqual(['until: Enter the last day the acceptance holds.']);
    expect(errors({ ...valid, version: -1 })).toHaveLength(1);
  });

  it('runs to the same day a year ahead', () => {
    expect(latestAcceptanceDay(new Date('2026-11-30T23:00:00Z'))).toBe('2027-11-30');
    expect(latestAcceptanceDay(new Date('2028-02-29T00:00:00Z'))).toBe('2029-03-01');
  });

  it('is revoked by id and version', () => {
    expect(revokeRiskAcceptanceSchema.safeParse({ failureId: valid.failureId, version: 1 }).success).toBe(true);
    expect(revokeRiskAcceptanceSchema.safeParse({ failureId: 'x', version: 1 }).success).toBe(false);
  });
});
