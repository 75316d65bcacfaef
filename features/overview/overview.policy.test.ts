import { describe, expect, it } from 'vitest';
import type { RegisterRow } from '@/features/controls/register.policy';
import type { ResponsibilityType } from '@/features/controls/responsibility.policy';
import { deriveControlState, type CustomerStatus } from '@/features/controls/status.policy';
import { controlFreshness, DEFAULT_FRESHNESS_CONFIG } from '@/features/evidence/evidence.policy';
import { dailyRows, expiringItems, ownerLoads, trendSeries, trendStart } from './overview.policy';

const TODAY = new Date('2026-06-01T10:00:00Z');
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

function row(
  code: string,
  spec: { type: ResponsibilityType; status?: CustomerStatus; evidenceAt?: string; reportEnd?: string; owner?: string },
): RegisterRow {
  const freshness = controlFreshness(
    {
      type: spec.type,
      cadence: 'ANNUAL',
      latestEffectiveAt: spec.evidenceAt ? date(spec.evidenceAt) : null,
      latestReportPeriodEnd: spec.reportEnd ? date(spec.reportEnd) : null,
    },
    TODAY,
    DEFAULT_FRESHNESS_CONFIG,
  );
  const implementation = spec.status
    ? {
        id: `impl-${code}`,
        status: spec.status,
        justification: '',
        ownerId: spec.owner ?? null,
        ownerName: spec.owner ? `Name of ${spec.owner}` : null,
        nextReviewAt: null,
        version: 1,
      }
    : null;
  const report = spec.reportEnd ? { title: 'SOC 2', artifactReportId: 'report-X', periodEnd: date(spec.reportEnd) } : null;
  const state = deriveControlState({ type: spec.type, appliesTo: [], systemServices: new Set(), implementation, freshness, report });
  return {
    id: `id-${code}`,
    code,
    title: `Control ${code}`,
    family: 'Family',
    defaultType: spec.type,
    cadence: 'ANNUAL',
    appliesTo: [],
    effective: { type: spec.type, because: [] },
    freshness,
    state,
    implementation,
  };
}

describe('trendStart', () => {
  it('starts 89 days before today, at UTC midnight, so the trend holds 90 days', () => {
    expect(trendStart(TODAY).toISOString()).toBe('2026-03-04T00:00:00.000Z');
    expect(trendStart(TODAY, 1).toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });
});

describe('dailyRows and trendSeries', () => {
  const systems = [
    {
      system: { id: 's1', name: 'Payments' },
      readiness: { implemented: 3, applicable: 10 },
      frameworks: [{ id: 'f1', name: 'SOC 2', covered: 1, of: 4 }],
    },
  ];

  it('records each system’s readiness and each framework’s covered share', () => {
    expect(dailyRows(systems)).toEqual([
      { systemId: 's1', frameworkId: null, implemented: 3, applicable: 10 },
      { systemId: 's1', frameworkId: 'f1', implemented: 1, applicable: 4 },
    ]);
  });

  it('groups recorded days by system and framework, oldest first, with the share; unknown systems are left out', () => {
    const series = trendSeries(systems, [
      { systemId: 's1', frameworkId: null, day: '2026-05-31', implemented: 3, applicable: 10 },
      { systemId: 's1', frameworkId: null, day: '2026-05-30', implemented: 2, applicable: 10 },
      { systemId: 's1', frameworkId: 'f1', day: '2026-05-31', implemented: 0, applicable: 0 },
      { systemId: 'gone', frameworkId: null, day: '2026-05-31', implemented: 9, applicable: 9 },
    ]);
    expect(series.map((s) => s.label)).toEqual(['Payments — readiness', 'Payments — SOC 2 covered']);
    expect(series[0]!.points).toEqual([
      { day: '2026-05-30', implemented: 2, applicable: 10, percent: 20 },
      { day: '2026-05-31', implemented: 3, applicable: 10, percent: 30 },
    ]);
    // Nothing to divide: no percentage, not 0%.
    expect(series[1]!.points[0]!.percent).toBeNull();
  });
});

describe('expiringItems', () => {
  it('lists each expiring half with its last valid day, soonest first, and skips current and expired ones', () => {
    const register = [
      // Annual evidence true on 2025-06-20 is valid until 2026-06-20: expiring soon.
      row('CU-2', { type: 'CUSTOMER', status: 'IMPLEMENTED', evidenceAt: '2025-06-20', owner: 'u1' }),
      // Report period ended 2026-03-05: covered until 2026-06-03 (grace 90 days).
      row('IN-1', { type: 'INHERITED', reportEnd: '2026-03-05' }),
      row('CU-3', { type: 'CUSTOMER', status: 'IMPLEMENTED', evidenceAt: '2026-05-01', owner: 'u1' }),
      row('CU-4', { type: 'CUSTOMER', status: 'IMPLEMENTED', evidenceAt: '2024-01-01', owner: 'u1' }),
    ];
    const items = expiringItems([{ system: { id: 's1', name: 'Payments' }, register }]);
    expect(items.map((i) => [i.code, i.half, i.validUntil, i.owner])).toEqual([
      ['IN-1', 'aws', '2026-06-03', null],
      ['CU-2', 'customer', '2026-06-20', 'Name of u1'],
    ]);
  });
});

describe('ownerLoads', () => {
  it('ranks owners by customer halves not ready, with the summary’s reasons (most frequent, then by name), and counts halves without an owner', () => {
    const register = [
      row('CU-1', { type: 'CUSTOMER', status: 'IMPLEMENTED', evidenceAt: '2026-05-01', owner: 'u1' }),
      row('CU-2', { type: 'CUSTOMER', status: 'PLANNED', owner: 'u1' }),
      row('CU-3', { type: 'CUSTOMER', status: 'PLANNED', owner: 'u2' }),
      row('CU-4', { type: 'CUSTOMER', status: 'IMPLEMENTED', evidenceAt: '2024-01-01', owner: 'u2' }),
      row('CU-5', { type: 'CUSTOMER' }),
      row('IN-1', { type: 'INHERITED' }),
    ];
    const { owners, unowned } = ownerLoads([{ register }]);
    expect(unowned).toBe(1);
    expect(owners.map((o) => [o.name, o.open, o.owned])).toEqual([
      ['Name of u2', 2, 2],
      ['Name of u1', 1, 2],
    ]);
    expect(owners[0]!.reasons).toEqual([
      { reason: 'Customer half: planned', count: 1 },
      { reason: 'Evidence expired', count: 1 },
      { reason: 'No accepted evidence', count: 1 },
    ]);
  });
});
