import { appliesHere, hasCustomerHalf, summarizeRegister, type RegisterRow, type StatusFilter } from '@/features/controls/register.policy';
import { RESPONSIBILITY_TYPES, type ResponsibilityType } from '@/features/controls/responsibility.policy';
import {
  applicabilityText,
  AWS_HALF_LABELS,
  awsHalfText,
  STATUS_LABELS,
  statusLabel,
  failingText,
  type AwsHalfState,
  type ControlStatus,
  type CustomerStatus,
} from '@/features/controls/status.policy';
import type { CoverageCounts } from '@/features/frameworks/frameworks.policy';
import type { Freshness, HalfFreshness } from '@/features/evidence/evidence.policy';
import type { AutomatedSummary } from '@/features/evidence/automated.policy';

// What a reviewer reads and signs: plain JSON, so a snapshot can be hashed and compared. Every
// figure comes from the derived state of status.policy.ts; nothing here computes a status.

/** One cell of the implementation chart: a status in words and how many applicable controls have it. */
export type StatusCell = { key: AwsHalfState | CustomerStatus; label: string; count: number };

/** A half's freshness as JSON: its state and the last day it is valid. */
export type HalfJson = { state: Freshness; validUntil: string | null };

/** One control as the summary shows it and a snapshot freezes it. */
export type SummaryRow = {
  id: string;
  code: string;
  title: string;
  type: ResponsibilityType;
  applies: boolean;
  /** "Not applicable — …" with the reason (the owner's justification, or the services), null when it applies. */
  applicability: string | null;
  /** The AWS half of inherited and shared controls, in words, naming the covering report. */
  aws: { state: AwsHalfState; text: string; report: string | null; validUntil: string | null } | null;
  /** The customer half of shared and customer controls. */
  customer: { status: CustomerStatus } | null;
  status: ControlStatus;
  /** The overall status in words (inherited: what the AWS half is). */
  statusLabel: string;
  satisfied: boolean;
  /**
   * Failing resources (status.policy's ControlState.failing), present only when some fail: a
   * snapshot frozen before Demarc recorded it has none and reads as 0 (failingOf).
   */
  failing?: number;
  owner: { name: string; email: string } | null;
  evidence: { overall: Freshness; aws: HalfJson | null; customer: HalfJson | null };
  nextReviewAt: string | null;
  /**
   * The team's own customers' part, present only when something is said: a snapshot frozen
   * before Demarc recorded it has none, and a row with nothing said hashes as it always did.
   */
  customers?: { responsibility: string; inherit: 'YES' | 'PARTIAL' | 'NO' | null };
};

/** One version of an evidence item exactly as it was relied on. */
export type FrozenVersion = {
  id: string;
  number: number;
  effectiveAt: string;
  fileName: string | null;
  size: number | null;
  mediaType: string | null;
  sha256: string | null;
  url: string | null;
  note: string | null;
  /** AUTOMATED versions only: the scan in one line's worth (tool, time, counts). */
  automated?: AutomatedSummary;
};

/** Accepted customer evidence of the snapshot's controls: the version its review covered. */
export type FrozenEvidence = {
  id: string;
  kind: 'FILE' | 'LINK' | 'NOTE' | 'AUTOMATED';
  title: string;
  reviewState: string;
  reviewedAt: string | null;
  /** Ids of the snapshot's controls it is linked to. */
  controls: string[];
  version: FrozenVersion;
};

export type SummaryReport = {
  evidenceId: string;
  title: string;
  artifactReportId: string;
  reportVersion: string;
  periodStart: string;
  periodEnd: string;
  validUntil: string;
  state: Freshness;
  /** Replaced by a later report or bridge letter: it no longer covers anything. */
  superseded: boolean;
  /** Ids of the summary's controls it covers. */
  controls: string[];
  /** The private copy, when one was uploaded (its latest version). */
  copy: FrozenVersion | null;
};

export type SummaryGap = { code: string; title: string; type: ResponsibilityType; owner: string | null; reasons: string[] };

export type SummaryFramework = { id: string; name: string; requirements: number; mapped: number; states: CoverageCounts };

export type SummaryContentV2 = {
  schemaVersion: 2;
  /** When the content was read (a snapshot: when it was frozen). */
  generatedAt: string;
  organization: string;
  system: { id: string; name: string; regions: string[]; services: string[] };
  /** When the summary is scoped to one framework: only the controls mapped to its requirements. */
  framework: { id: string; name: string } | null;
  controls: {
    total: number;
    applicable: number;
    notApplicable: number;
    /** Applicable controls by effective type. */
    byType: Record<ResponsibilityType, number>;
    /** Applicable controls by effective type and overall status, in words. */
    byTypeAndStatus: Record<ResponsibilityType, StatusCell[]>;
    /** Applicable controls with failing resources, present only when some fail (older content: 0). */
    failing?: number;
  };
  /** Controls that do not apply, with the reason a reviewer reads. */
  notApplicableControls: { code: string; title: string; type: ResponsibilityType; reason: string }[];
  /** Applicable customer halves, and how many have an owner. */
  owners: { customerHalves: number; withOwner: number };
  /** Evidence freshness of the applicable controls. */
  evidence: { current: number; expiring: number; expired: number; missing: number };
  reports: SummaryReport[];
  frameworks: SummaryFramework[];
  /** The first gaps, most reasons first; `gapCount` counts them all. */
  gaps: SummaryGap[];
  gapCount: number;
  rows: SummaryRow[];
  /** Snapshots only: the exact evidence versions the rows relied on. */
  evidenceVersions?: FrozenEvidence[];
};

/** The first format (before applicability and the derived halves); still read for display and comparison. */
export type SummaryContentV1 = {
  schemaVersion: 1;
  generatedAt: string;
  organization: string;
  system: { id: string; name: string; regions: string[]; services: string[] };
  framework: { id: string; name: string } | null;
  controls: {
    total: number;
    byType: Record<ResponsibilityType, number>;
    byTypeAndStatus: Record<ResponsibilityType, Record<StatusFilter, number>>;
  };
  owners: { customerHalves: number; withOwner: number };
  evidence: { current: number; expiring: number; expired: number; missing: number };
  reports: { title: string; artifactReportId: string; periodStart: string; periodEnd: string; validUntil: string; state: Freshness }[];
  frameworks: { name: string; requirements: number; mapped: number; covered: number }[];
  gaps: { code: string; title: string; type: ResponsibilityType; owner: string | null; reasons: string[] }[];
  rows: { code: string; type: ResponsibilityType; status: StatusFilter; owner: string | null; evidence: Freshness }[];
};

export type SummaryContent = SummaryContentV1 | SummaryContentV2;

export const isCurrentFormat = (content: SummaryContent): content is SummaryContentV2 => content.schemaVersion === 2;

export type SummaryInput = {
  generatedAt: Date;
  organization: string;
  system: SummaryContentV2['system'];
  framework: SummaryContentV2['framework'];
  register: RegisterRow[];
  /** Owners' names and emails by user id. */
  people: Map<string, { name: string; email: string }>;
  reports: (Omit<SummaryReport, 'periodStart' | 'periodEnd' | 'validUntil'> & { periodStart: Date; periodEnd: Date; validUntil: Date })[];
  frameworks: SummaryFramework[];
  evidenceVersions?: FrozenEvidence[];
};

export const day = (d: Date) => d.toISOString().slice(0, 10);
const GAP_LIMIT = 25;

/** The chart's cells per type, strongest first: an inherited control's status is its AWS half. */
const CELLS: Record<ResponsibilityType, readonly (AwsHalfState | CustomerStatus)[]> = {
  INHERITED: ['IMPLEMENTED', 'REPORT_EXPIRED', 'NO_REPORT'],
  SHARED: ['IMPLEMENTED', 'PARTIALLY_IMPLEMENTED', 'PLANNED', 'NOT_STARTED'],
  CUSTOMER: ['IMPLEMENTED', 'PARTIALLY_IMPLEMENTED', 'PLANNED', 'NOT_STARTED'],
};

/** The same words statusLabel gives a control in that cell. */
function cellLabel(type: ResponsibilityType, key: AwsHalfState | CustomerStatus): string {
  return type === 'INHERITED' ? AWS_HALF_LABELS[key as AwsHalfState] : STATUS_LABELS[key as CustomerStatus];
}

function cellOf(row: RegisterRow): AwsHalfState | CustomerStatus {
  if (row.effective.type === 'INHERITED') return row.state.aws?.state ?? 'NO_REPORT';
  return row.state.status as CustomerStatus;
}

function statusChart(applicable: RegisterRow[]): Record<ResponsibilityType, StatusCell[]> {
  const chart = Object.fromEntries(
    RESPONSIBILITY_TYPES.map((type) => [type, CELLS[type].map((key) => ({ key, label: cellLabel(type, key), count: 0 }))]),
  ) as Record<ResponsibilityType, StatusCell[]>;
  for (const row of applicable) {
    const cell = chart[row.effective.type].find((c) => c.key === cellOf(row));
    if (cell) cell.count++;
  }
  return chart;
}

/** What stands between a control and "implemented with current evidence", in words; none when it does not apply. */
export function gapReasons(row: RegisterRow): string[] {
  if (!appliesHere(row)) return [];
  const reasons: string[] = [];
  const failing = failingText(row.state.failing);
  if (failing) reasons.push(failing);
  if (hasCustomerHalf(row) && !row.implementation?.ownerId) reasons.push('No owner');
  if (row.state.aws && row.state.aws.state !== 'IMPLEMENTED') reasons.push(AWS_HALF_LABELS[row.state.aws.state]);
  if (row.state.customer && row.state.customer.status !== 'IMPLEMENTED') {
    reasons.push(`Customer half: ${STATUS_LABELS[row.state.customer.status].toLowerCase()}`);
  }
  // The AWS half's evidence is its report, named above; this is the customer's own evidence.
  const evidence = row.freshness.customer?.state;
  if (evidence === 'MISSING') reasons.push('No accepted evidence');
  if (evidence === 'EXPIRED') reasons.push('Evidence expired');
  return reasons;
}

const halfJson = (half: HalfFreshness | null): HalfJson | null =>
  half ? { state: half.state, validUntil: half.validUntil ? day(half.validUntil) : null } : null;

function summaryRow(row: RegisterRow, people: SummaryInput['people']): SummaryRow {
  const { state } = row;
  const ownerId = row.implementation?.ownerId;
  const person = ownerId ? people.get(ownerId) : undefined;
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    type: row.effective.type,
    applies: state.applicability.applies,
    applicability: applicabilityText(state.applicability),
    aws: state.aws && {
      state: state.aws.state,
      text: awsHalfText(state.aws),
      report: state.aws.report?.artifactReportId ?? null,
      validUntil: state.aws.validUntil ? day(state.aws.validUntil) : null,
    },
    customer: state.customer && { status: state.customer.status },
    status: state.status,
    statusLabel: statusLabel(state),
    satisfied: state.satisfied,
    ...(state.failing > 0 ? { failing: state.failing } : {}),
    owner: ownerId ? { name: person?.name ?? row.implementation?.ownerName ?? 'A former member', email: person?.email ?? '' } : null,
    evidence: { overall: row.freshness.overall, aws: halfJson(row.freshness.aws), customer: halfJson(row.freshness.customer) },
    nextReviewAt: row.implementation?.nextReviewAt ? day(row.implementation.nextReviewAt) : null,
    ...customersPart(row),
  };
}

/** The team's customers' part of a row, when anything is said. */
function customersPart(row: RegisterRow): Pick<SummaryRow, 'customers'> {
  const responsibility = row.implementation?.customersResponsibility ?? '';
  const inherit = row.implementation?.customersInherit ?? null;
  return responsibility || inherit ? { customers: { responsibility, inherit } } : {};
}

const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, 'en', { numeric: true });

export function buildSummary(input: SummaryInput): SummaryContentV2 {
  const register = [...input.register].sort(byCode);
  const figures = summarizeRegister(register);
  const applicable = register.filter(appliesHere);
  const gaps = register
    .map((row) => ({
      code: row.code,
      title: row.title,
      type: row.effective.type,
      owner: row.implementation?.ownerName ?? null,
      reasons: gapReasons(row),
    }))
    .filter((g) => g.reasons.length > 0)
    // Most reasons first, then by code: what to fix before the audit.
    .sort((a, b) => b.reasons.length - a.reasons.length || byCode(a, b));
  return {
    schemaVersion: 2,
    generatedAt: input.generatedAt.toISOString(),
    organization: input.organization,
    system: input.system,
    framework: input.framework,
    controls: {
      total: figures.total,
      applicable: figures.applicable,
      notApplicable: figures.notApplicable,
      byType: figures.byType,
      byTypeAndStatus: statusChart(applicable),
      ...(figures.failing > 0 ? { failing: figures.failing } : {}),
    },
    notApplicableControls: register
      .filter((row) => !appliesHere(row))
      .map((row) => ({ code: row.code, title: row.title, type: row.effective.type, reason: applicabilityText(row.state.applicability)! })),
    owners: { customerHalves: figures.customerHalves, withOwner: figures.customerHalves - figures.withoutOwner },
    evidence: {
      current: figures.byFreshness.CURRENT,
      expiring: figures.byFreshness.EXPIRING,
      expired: figures.byFreshness.EXPIRED,
      missing: figures.byFreshness.MISSING,
    },
    reports: input.reports.map((r) => ({
      ...r,
      periodStart: day(r.periodStart),
      periodEnd: day(r.periodEnd),
      validUntil: day(r.validUntil),
    })),
    frameworks: input.frameworks,
    gaps: gaps.slice(0, GAP_LIMIT),
    gapCount: gaps.length,
    rows: register.map((row) => summaryRow(row, input.people)),
    ...(input.evidenceVersions ? { evidenceVersions: input.evidenceVersions } : {}),
  };
}

/** A row's failing resources; a row frozen before Demarc recorded them reads as 0. */
export const failingOf = (row: Pick<SummaryRow, 'failing'>) => row.failing ?? 0;

/** Applicable controls with failing resources; content frozen before Demarc recorded them reads as 0. */
export const failingControlsOf = (summary: Pick<SummaryContentV2, 'controls'>) => summary.controls.failing ?? 0;

/** A chart's numbers in words, e.g. "Implemented by AWS (1), AWS half: report expired (0)". */
export const cellsText = (cells: StatusCell[]) => cells.map((c) => `${c.label} (${c.count})`).join(', ');

/** Readiness: applicable controls implemented, both halves, with current evidence and no failing check, over those that apply. */
export type Readiness = { implemented: number; applicable: number };

/**
 * The one readiness figure, read by the summary, the overview and the daily trend alike: the
 * controls that apply, and of them those deriveControlState calls satisfied. Takes summary rows
 * (live or frozen) or register rows mapped to `{ applies, satisfied }`.
 */
export function readiness(controls: Iterable<{ applies: boolean; satisfied: boolean }>): Readiness {
  let implemented = 0;
  let applicable = 0;
  for (const c of controls) {
    if (!c.applies) continue;
    applicable++;
    if (c.satisfied) implemented++;
  }
  return { implemented, applicable };
}

/** A share as a whole percentage, or null when there is nothing to divide. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 100);
}
