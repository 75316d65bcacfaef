import { describe, expect, it } from 'vitest';
import type { RegisterRow } from '@/features/controls/register.policy';
import type { ResponsibilityType } from '@/features/controls/responsibility.policy';
import { deriveControlState, type CustomerStatus } from '@/features/controls/status.policy';
import { controlFreshness, DEFAULT_FRESHNESS_CONFIG } from '@/features/evidence/evidence.policy';
import { diffSummaries } from './summary-diff.policy';
import { buildSummary, readiness, type SummaryContentV1, type SummaryContentV2 } from './summary.policy';

const TODAY = new Date('2026-06-01T00:00:00Z');
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
const SERVICES = new Set(['ec2', 's3']);
const PEOPLE = new Map([
  ['u-dana', { name: 'Dana Owner', email: 'dana@example.test' }],
  ['u-eli', { name: 'Eli Engineer', email: 'eli@example.test' }],
]);

/** Report periods: ending 2026-05-31 covers until 2026-08-29 (current); ending 2025-12-31 ran out on 2026-03-31. */
const REPORT_END = { current: '2026-05-31', expired: '2025-12-31' } as const;
/** Annual customer evidence: effective 2026-05-01 is current, 2025-01-01 expired on 2026-01-01. */
const EVIDENCE_AT = { current: '2026-05-01', expired: '2025-01-01' } as const;

type Spec = {
  type: ResponsibilityType;
  report?: keyof typeof REPORT_END;
  evidence?: keyof typeof EVIDENCE_AT;
  status?: CustomerStatus | 'NOT_APPLICABLE';
  justification?: string;
  owner?: string;
  appliesTo?: string[];
};

function row(code: string, spec: Spec): RegisterRow {
  const freshness = controlFreshness(
    {
      type: spec.type,
      cadence: 'ANNUAL',
      latestEffectiveAt: spec.evidence ? date(EVIDENCE_AT[spec.evidence]) : null,
      latestReportPeriodEnd: spec.report ? date(REPORT_END[spec.report]) : null,
    },
    TODAY,
    DEFAULT_FRESHNESS_CONFIG,
  );
  const implementation = spec.status
    ? {
        id: `impl-${code}`,
        status: spec.status,
        justification: spec.justification ?? '',
        ownerId: spec.owner ?? null,
        ownerName: spec.owner ? PEOPLE.get(spec.owner)!.name : null,
        nextReviewAt: date('2026-09-01'),
        version: 1,
      }
    : null;
  const report = spec.report
    ? { title: 'SOC 2 Type 2', artifactReportId: 'report-ABCDEFGHIJKLMNOP', periodEnd: date(REPORT_END[spec.report]) }
    : null;
  const state = deriveControlState({
    type: spec.type,
    appliesTo: spec.appliesTo ?? [],
    systemServices: SERVICES,
    implementation,
    freshness,
    report,
  });
  return {
    id: `id-${code}`,
    code,
    title: `Control ${code}`,
    family: 'Family',
    defaultType: spec.type,
    cadence: 'ANNUAL',
    appliesTo: spec.appliesTo ?? [],
    effective: { type: spec.type, because: [] },
    freshness,
    state,
    implementation,
  };
}

const REGISTER = [
  row('PE-01', { type: 'INHERITED', report: 'current' }),
  row('PE-02', { type: 'INHERITED', report: 'expired' }),
  row('PE-03', { type: 'INHERITED' }),
  row('SH-01', { type: 'SHARED', report: 'current', status: 'IMPLEMENTED', evidence: 'current', owner: 'u-dana' }),
  row('SH-02', { type: 'SHARED', status: 'IMPLEMENTED', evidence: 'current', owner: 'u-dana' }),
  row('SH-03', { type: 'SHARED', report: 'current', status: 'PLANNED' }),
  row('CU-01', { type: 'CUSTOMER', appliesTo: ['lambda'] }),
  row('CU-02', { type: 'CUSTOMER', status: 'NOT_APPLICABLE', justification: 'No cardholder data is stored in this system.' }),
  row('CU-03', { type: 'CUSTOMER' }),
  row('CU-04', { type: 'CUSTOMER', status: 'IMPLEMENTED', evidence: 'expired', owner: 'u-eli' }),
];

function summarize(register = REGISTER): SummaryContentV2 {
  return buildSummary({
    generatedAt: TODAY,
    organization: 'Acme',
    system: { id: 'sys', name: 'Payments', regions: ['eu-west-1'], services: [...SERVICES] },
    framework: null,
    register,
    people: PEOPLE,
    reports: [],
    frameworks: [],
  });
}

const cells = (summary: SummaryContentV2, type: ResponsibilityType) =>
  Object.fromEntries(summary.controls.byTypeAndStatus[type].map((c) => [c.label, c.count]));

describe('buildSummary', () => {
  const summary = summarize();

  it('counts total, applicable and not applicable controls; types over applicable ones only', () => {
    expect(summary.controls).toMatchObject({
      total: 10,
      applicable: 8,
      notApplicable: 2,
      byType: { INHERITED: 3, SHARED: 3, CUSTOMER: 2 },
    });
  });

  it('counts an inherited control covered by a current report as implemented by AWS', () => {
    expect(cells(summary, 'INHERITED')).toEqual({
      'Implemented by AWS': 1,
      'AWS half: report expired': 1,
      'AWS half: no report on file': 1,
    });
    expect(cells(summary, 'SHARED')).toEqual({ Implemented: 1, 'Partially implemented': 0, Planned: 1, 'Not started': 1 });
    // Not started stays "Not started", never "Planned".
    expect(cells(summary, 'CUSTOMER')).toEqual({ Implemented: 1, 'Partially implemented': 0, Planned: 0, 'Not started': 1 });
  });

  it('lists not-applicable controls with their reason, the owner’s justification included', () => {
    expect(summary.notApplicableControls).toEqual([
      { code: 'CU-01', title: 'Control CU-01', type: 'CUSTOMER', reason: 'Not applicable — this system uses no AWS Lambda' },
      { code: 'CU-02', title: 'Control CU-02', type: 'CUSTOMER', reason: 'Not applicable — No cardholder data is stored in this system.' },
    ]);
  });

  it('counts owners over applicable customer halves and freshness over applicable controls', () => {
    expect(summary.owners).toEqual({ customerHalves: 5, withOwner: 3 });
    expect(summary.evidence).toEqual({ current: 2, expiring: 0, expired: 2, missing: 4 });
  });

  it('names gaps in words for applicable controls only, most reasons first', () => {
    expect(summary.gapCount).toBe(6);
    expect(summary.gaps.map((g) => [g.code, g.reasons])).toEqual([
      ['CU-03', ['No owner', 'Customer half: not started', 'No accepted evidence']],
      ['SH-03', ['No owner', 'Customer half: planned', 'No accepted evidence']],
      ['CU-04', ['Evidence expired']],
      ['PE-02', ['AWS half: report expired']],
      ['PE-03', ['AWS half: no report on file']],
      ['SH-02', ['AWS half: no report on file']],
    ]);
  });

  it('gives every control its halves, status, owner and freshness in words', () => {
    const byCode = new Map(summary.rows.map((r) => [r.code, r]));
    expect(byCode.get('PE-01')).toMatchObject({
      statusLabel: 'Implemented by AWS',
      aws: {
        state: 'IMPLEMENTED',
        report: 'report-ABCDEFGHIJKLMNOP',
        validUntil: '2026-08-29',
        text: 'Implemented by AWS — SOC 2 Type 2, report-ABCDEFGHIJKLMNOP, covered until 2026-08-29',
      },
      customer: null,
      satisfied: true,
    });
    expect(byCode.get('SH-02')).toMatchObject({
      statusLabel: 'Not started',
      aws: { state: 'NO_REPORT', text: 'AWS half: no report on file' },
      customer: { status: 'IMPLEMENTED' },
      owner: { name: 'Dana Owner', email: 'dana@example.test' },
      evidence: {
        overall: 'MISSING',
        aws: { state: 'MISSING', validUntil: null },
        customer: { state: 'CURRENT', validUntil: '2027-05-01' },
      },
      nextReviewAt: '2026-09-01',
    });
    expect(byCode.get('CU-02')).toMatchObject({
      applies: false,
      status: 'NOT_APPLICABLE',
      statusLabel: 'Not applicable',
      applicability: 'Not applicable — No cardholder data is stored in this system.',
    });
    expect(byCode.get('CU-03')).toMatchObject({ statusLabel: 'Not started', owner: null, customer: { status: 'NOT_STARTED' } });
  });
});

describe('diffSummaries', () => {
  const CODE = /\b[A-Z]+_[A-Z_]+\b/;

  it('says what changed in the words the pages use', () => {
    const before = summarize();
    const after = summarize(
      REGISTER.map((r) =>
        r.code === 'CU-03'
          ? row('CU-03', { type: 'CUSTOMER', status: 'PLANNED', owner: 'u-eli' })
          : r.code === 'PE-03'
            ? row('PE-03', { type: 'INHERITED', report: 'current' })
            : r,
      ),
    );
    const changes = diffSummaries(before, after);
    expect(changes).toEqual(
      expect.arrayContaining([
        { what: 'Customer halves with an owner', before: '3', after: '4' },
        { what: 'CU-03 status', before: 'Not started', after: 'Planned' },
        { what: 'CU-03 customer half', before: 'Not started', after: 'Planned' },
        { what: 'CU-03 owner', before: 'No owner', after: 'Eli Engineer' },
        { what: 'PE-03 AWS half', before: 'AWS half: no report on file', after: 'Implemented by AWS' },
        { what: 'PE-03 status', before: 'AWS half: no report on file', after: 'Implemented by AWS' },
        { what: 'PE-03 evidence', before: 'Missing', after: 'Current' },
      ]),
    );
    for (const change of changes) expect(`${change.what} ${change.before} ${change.after}`).not.toMatch(CODE);
  });

  it('says when a control starts failing; a snapshot frozen without failing counts reads as none failing', () => {
    const before = summarize();
    const after = structuredClone(before);
    const index = after.rows.findIndex((r) => r.code === 'CU-03');
    after.rows[index] = { ...after.rows[index]!, failing: 2 };
    after.controls.failing = 1;
    expect(diffSummaries(before, after)).toEqual([
      { what: 'Controls with failing checks', before: '0', after: '1' },
      { what: 'CU-03 failing checks', before: 'None', after: 'Failing (2 resources)' },
    ]);
    expect(diffSummaries(after, before)).toContainEqual({ what: 'CU-03 failing checks', before: 'Failing (2 resources)', after: 'None' });
  });

  it('compares an older snapshot with a current one on what both record', () => {
    const older: SummaryContentV1 = {
      schemaVersion: 1,
      generatedAt: '2026-05-01T00:00:00.000Z',
      organization: 'Acme',
      system: { id: 'sys', name: 'Payments', regions: [], services: [] },
      framework: null,
      controls: {
        total: 9,
        byType: { INHERITED: 3, SHARED: 3, CUSTOMER: 3 },
        byTypeAndStatus: {} as SummaryContentV1['controls']['byTypeAndStatus'],
      },
      owners: { customerHalves: 6, withOwner: 3 },
      evidence: { current: 2, expiring: 0, expired: 2, missing: 4 },
      reports: [],
      frameworks: [],
      gaps: [],
      rows: [
        { code: 'CU-03', type: 'CUSTOMER', status: 'NOT_STARTED', owner: null, evidence: 'MISSING' },
        { code: 'ZZ-99', type: 'SHARED', status: 'PARTIALLY_IMPLEMENTED', owner: 'Dana Owner', evidence: 'CURRENT' },
      ],
    };
    const changes = diffSummaries(older, summarize());
    expect(changes).toContainEqual({ what: 'Controls', before: '9', after: '10' });
    expect(changes).toContainEqual({ what: 'PE-01', before: 'Not in the register', after: 'Inherited, Implemented by AWS' });
    expect(changes).toContainEqual({ what: 'ZZ-99', before: 'In the register', after: 'Archived or removed' });
    expect(changes.some((c) => c.what.startsWith('CU-03'))).toBe(false);
    for (const change of changes) expect(`${change.what} ${change.before} ${change.after}`).not.toMatch(CODE);
  });
});

describe('readiness', () => {
  it('counts the applicable controls implemented, both halves, with current evidence, over those that apply', () => {
    // PE-01 (AWS, current report) and SH-01 (both halves, current evidence); SH-02 lacks its AWS report, CU-04's evidence expired.
    expect(readiness(summarize().rows)).toEqual({ implemented: 2, applicable: 8 });
  });

  it('reads register rows and summary rows alike, and leaves controls that do not apply out of both counts', () => {
    const fromRegister = readiness(REGISTER.map((r) => ({ applies: r.state.applicability.applies, satisfied: r.state.satisfied })));
    expect(fromRegister).toEqual(readiness(summarize().rows));
    expect(readiness([{ applies: false, satisfied: false }])).toEqual({ implemented: 0, applicable: 0 });
  });
});
