import { describe, expect, it } from 'vitest';
import { controlFreshness, evidenceValidUntil, freshnessOn, reportValidUntil, DEFAULT_FRESHNESS_CONFIG as config } from './evidence.policy';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('evidenceValidUntil', () => {
  it('adds one cadence period, clamping to the end of shorter months', () => {
    expect(evidenceValidUntil(d('2026-01-15'), 'MONTHLY')).toEqual(d('2026-02-15'));
    expect(evidenceValidUntil(d('2026-01-31'), 'MONTHLY')).toEqual(d('2026-02-28'));
    expect(evidenceValidUntil(d('2026-11-30'), 'QUARTERLY')).toEqual(d('2027-02-28'));
    expect(evidenceValidUntil(d('2026-03-01'), 'SEMI_ANNUAL')).toEqual(d('2026-09-01'));
    expect(evidenceValidUntil(d('2024-02-29'), 'ANNUAL')).toEqual(d('2025-02-28'));
  });
});

describe('freshnessOn', () => {
  const until = d('2026-06-30');
  it('is current before the window, expiring within it and on the last day, expired the day after', () => {
    expect(freshnessOn(until, d('2026-05-30'), config)).toBe('CURRENT');
    expect(freshnessOn(until, d('2026-05-31'), config)).toBe('EXPIRING');
    expect(freshnessOn(until, d('2026-06-29'), config)).toBe('EXPIRING');
    expect(freshnessOn(until, d('2026-06-30'), config)).toBe('EXPIRING');
    expect(freshnessOn(until, d('2026-07-01'), config)).toBe('EXPIRED');
    expect(freshnessOn(null, d('2026-07-01'), config)).toBe('MISSING');
  });
  it('ignores the time of day', () => {
    expect(freshnessOn(until, new Date('2026-06-30T23:59:59Z'), config)).toBe('EXPIRING');
    expect(freshnessOn(until, new Date('2026-07-01T00:00:01Z'), config)).toBe('EXPIRED');
  });
});

describe('controlFreshness', () => {
  const report = d('2026-03-31'); // covers until 2026-06-29 with the 90-day grace
  it('takes inherited controls from provider reports only, until the grace ends', () => {
    expect(reportValidUntil(report, config)).toEqual(d('2026-06-29'));
    const inherited = (today: string) =>
      controlFreshness({ type: 'INHERITED', cadence: 'ANNUAL', latestEffectiveAt: null, latestReportPeriodEnd: report }, d(today));
    expect(inherited('2026-04-01')).toMatchObject({ aws: { state: 'CURRENT' }, customer: null, overall: 'CURRENT' });
    expect(inherited('2026-06-01').overall).toBe('EXPIRING');
    expect(inherited('2026-06-29').overall).toBe('EXPIRING');
    expect(inherited('2026-06-30').overall).toBe('EXPIRED');
    expect(
      controlFreshness(
        { type: 'INHERITED', cadence: 'ANNUAL', latestEffectiveAt: null, latestReportPeriodEnd: d('2026-12-31') },
        d('2026-04-01'),
      ).overall,
    ).toBe('CURRENT');
  });

  it('takes customer controls from accepted customer evidence only', () => {
    const f = controlFreshness(
      { type: 'CUSTOMER', cadence: 'QUARTERLY', latestEffectiveAt: d('2026-01-10'), latestReportPeriodEnd: report },
      d('2026-02-01'),
    );
    expect(f).toMatchObject({ aws: null, customer: { state: 'CURRENT', validUntil: d('2026-04-10') }, overall: 'CURRENT' });
  });

  it('needs both halves of a shared control and reports the worse one', () => {
    const shared = (latestEffectiveAt: Date | null) =>
      controlFreshness({ type: 'SHARED', cadence: 'MONTHLY', latestEffectiveAt, latestReportPeriodEnd: d('2026-12-31') }, d('2026-05-01'));
    expect(shared(null).overall).toBe('MISSING');
    expect(shared(d('2026-03-01')).overall).toBe('EXPIRED');
    expect(shared(d('2026-04-20')).overall).toBe('EXPIRING');
    expect(shared(d('2026-04-20'))).toMatchObject({ aws: { state: 'CURRENT' }, customer: { state: 'EXPIRING' } });
  });
});
