// Controls in every standing the exports must put into words, built with the one derivation
// (deriveControlState) so the export tests read the states the register reads. Test-only.
import { deriveControlState, type ControlState, type CoveringReport } from '@/features/controls/status.policy';
import type { ResponsibilityType } from '@/features/controls/responsibility.policy';
import { controlFreshness, type ControlFreshness } from '@/features/evidence/evidence.policy';
import type { ImplementationStatus } from '@/lib/generated/prisma/enums.ts';
import type { RegisterRow } from '@/features/controls/register.policy';
import type { SspControl } from './ssp';

export const TODAY = new Date('2026-05-04T00:00:00Z');
/** Covered until 2027-01-29 (period end plus 90 days of grace). */
export const CURRENT_REPORT: CoveringReport = {
  title: 'SOC 2 Type 2',
  artifactReportId: 'report-A1b2C3d4E5f6G7h8',
  periodEnd: new Date('2026-10-31T00:00:00Z'),
};
/** Coverage ended 2026-03-31. */
export const EXPIRED_REPORT: CoveringReport = { ...CURRENT_REPORT, periodEnd: new Date('2025-12-31T00:00:00Z') };

export type StateCase = {
  type: ResponsibilityType;
  report?: CoveringReport;
  /** The customer half's record; none: no record yet. */
  status?: ImplementationStatus;
  justification?: string;
  appliesTo?: string[];
  /** The services the system uses (default: RDS only). */
  services?: string[];
  /** The effective date of the latest accepted customer evidence. */
  evidenceAt?: Date;
};

export function stateOf(c: StateCase): { state: ControlState; freshness: ControlFreshness } {
  const freshness = controlFreshness(
    { type: c.type, cadence: 'ANNUAL', latestEffectiveAt: c.evidenceAt ?? null, latestReportPeriodEnd: c.report?.periodEnd ?? null },
    TODAY,
  );
  const state = deriveControlState({
    type: c.type,
    appliesTo: c.appliesTo ?? [],
    systemServices: new Set(c.services ?? ['rds']),
    implementation: c.status ? { status: c.status, justification: c.justification ?? '' } : null,
    freshness,
    report: c.report ?? null,
  });
  return { state, freshness };
}

/** The standings the testers found mis-worded, and their neighbours. */
export const CASES = {
  inheritedCurrent: { type: 'INHERITED', report: CURRENT_REPORT },
  inheritedExpired: { type: 'INHERITED', report: EXPIRED_REPORT },
  inheritedNoReport: { type: 'INHERITED' },
  sharedCustomerNotStarted: { type: 'SHARED', report: CURRENT_REPORT },
  sharedNoReport: { type: 'SHARED', status: 'IMPLEMENTED' },
  sharedPartial: { type: 'SHARED', report: CURRENT_REPORT, status: 'PARTIALLY_IMPLEMENTED' },
  serviceBound: { type: 'CUSTOMER', appliesTo: ['s3'], services: ['rds'], status: 'IMPLEMENTED' },
  markedNotApplicable: { type: 'CUSTOMER', status: 'NOT_APPLICABLE', justification: 'Our functions use AWS-provided runtimes only.' },
  notStarted: { type: 'CUSTOMER', status: 'NOT_STARTED' },
  planned: { type: 'CUSTOMER', status: 'PLANNED' },
  implemented: { type: 'CUSTOMER', status: 'IMPLEMENTED' },
} as const satisfies Record<string, StateCase>;

/** A control as the SSP reads it, in the given standing, naming one NIST id. */
export function sspControl(code: string, nistId: string, c: StateCase, extra: Partial<SspControl> = {}): SspControl {
  const { state, freshness } = stateOf(c);
  const row: RegisterRow = {
    id: code,
    code,
    title: `${code} title`,
    family: 'Family',
    defaultType: c.type,
    cadence: 'ANNUAL',
    appliesTo: c.appliesTo ?? [],
    effective: { type: c.type, because: [] },
    freshness,
    state,
    implementation: null,
  };
  return {
    row,
    statements: { nistIds: [nistId], awsStatement: '', customerStatement: '', lines: [] },
    narrative: '',
    ownerEmail: null,
    customers: { responsibility: '', inherit: null },
    plannedCompletionAt: null,
    ...extra,
  };
}
