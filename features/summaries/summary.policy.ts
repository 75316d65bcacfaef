import type { RegisterRow, StatusFilter } from '@/features/controls/register.policy';
import { hasCustomerHalf, statusOf, summarizeRegister } from '@/features/controls/register.policy';
import type { ResponsibilityType } from '@/features/controls/responsibility.policy';
import type { Freshness } from '@/features/evidence/evidence.policy';

export type GapReason = 'no owner' | 'no evidence' | 'evidence expired';

/** What a reviewer reads and signs: plain JSON, so a snapshot can be hashed and compared. */
export type SummaryContent = {
  schemaVersion: 1;
  generatedAt: string;
  organization: string;
  system: { id: string; name: string; regions: string[]; services: string[] };
  /** When the summary is scoped to one framework: only the controls mapped to its requirements. */
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
  gaps: { code: string; title: string; type: ResponsibilityType; owner: string | null; reasons: GapReason[] }[];
  rows: { code: string; type: ResponsibilityType; status: StatusFilter; owner: string | null; evidence: Freshness }[];
};

export type SummaryInput = {
  generatedAt: Date;
  organization: string;
  system: SummaryContent['system'];
  framework: SummaryContent['framework'];
  register: RegisterRow[];
  reports: { title: string; artifactReportId: string; periodStart: Date; periodEnd: Date; validUntil: Date; state: Freshness }[];
  frameworks: SummaryContent['frameworks'];
};

const iso = (d: Date) => d.toISOString().slice(0, 10);
const GAP_LIMIT = 25;

function gapReasons(row: RegisterRow): GapReason[] {
  const reasons: GapReason[] = [];
  if (hasCustomerHalf(row) && !row.implementation?.ownerId) reasons.push('no owner');
  if (row.freshness.overall === 'MISSING') reasons.push('no evidence');
  if (row.freshness.overall === 'EXPIRED') reasons.push('evidence expired');
  return reasons;
}

export function buildSummary(input: SummaryInput): SummaryContent {
  const { register } = input;
  const figures = summarizeRegister(register);
  const byTypeAndStatus = Object.fromEntries(
    (['INHERITED', 'SHARED', 'CUSTOMER'] as const).map((type) => [
      type,
      Object.fromEntries(
        (['IMPLEMENTED', 'PARTIALLY_IMPLEMENTED', 'PLANNED', 'NOT_APPLICABLE', 'NOT_STARTED'] as const).map((status) => [
          status,
          register.filter((r) => r.effective.type === type && statusOf(r) === status).length,
        ]),
      ),
    ]),
  ) as SummaryContent['controls']['byTypeAndStatus'];
  const sortedByCode = [...register].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  return {
    schemaVersion: 1,
    generatedAt: input.generatedAt.toISOString(),
    organization: input.organization,
    system: input.system,
    framework: input.framework,
    controls: { total: figures.total, byType: figures.byType, byTypeAndStatus },
    owners: { customerHalves: figures.customerHalves, withOwner: figures.customerHalves - figures.withoutOwner },
    evidence: {
      current: figures.byFreshness.CURRENT,
      expiring: figures.byFreshness.EXPIRING,
      expired: figures.byFreshness.EXPIRED,
      missing: figures.byFreshness.MISSING,
    },
    reports: input.reports.map((r) => ({
      ...r,
      periodStart: iso(r.periodStart),
      periodEnd: iso(r.periodEnd),
      validUntil: iso(r.validUntil),
    })),
    frameworks: input.frameworks,
    // Most reasons first, then by code: what to fix before the audit.
    gaps: sortedByCode
      .map((row) => ({
        code: row.code,
        title: row.title,
        type: row.effective.type,
        owner: row.implementation?.ownerName ?? null,
        reasons: gapReasons(row),
      }))
      .filter((g) => g.reasons.length > 0)
      .sort((a, b) => b.reasons.length - a.reasons.length)
      .slice(0, GAP_LIMIT),
    rows: sortedByCode.map((row) => ({
      code: row.code,
      type: row.effective.type,
      status: statusOf(row),
      owner: row.implementation?.ownerName ?? null,
      evidence: row.freshness.overall,
    })),
  };
}

/** A share as a whole percentage, or null when there is nothing to divide. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 100);
}

export type SummaryChange = { what: string; before: string; after: string };

/** What changed between two summaries: headline figures, then control by control. */
export function diffSummaries(before: SummaryContent, after: SummaryContent): SummaryChange[] {
  const changes: SummaryChange[] = [];
  const figure = (what: string, a: number, b: number) => a !== b && changes.push({ what, before: String(a), after: String(b) });
  figure('Controls', before.controls.total, after.controls.total);
  for (const type of ['INHERITED', 'SHARED', 'CUSTOMER'] as const)
    figure(`${type.toLowerCase()} controls`, before.controls.byType[type], after.controls.byType[type]);
  figure('Customer halves with an owner', before.owners.withOwner, after.owners.withOwner);
  figure('Controls with current evidence', before.evidence.current, after.evidence.current);
  figure('Evidence expiring soon', before.evidence.expiring, after.evidence.expiring);
  figure('Evidence expired', before.evidence.expired, after.evidence.expired);

  const rowsBefore = new Map(before.rows.map((r) => [r.code, r]));
  const rowsAfter = new Map(after.rows.map((r) => [r.code, r]));
  for (const [code, b] of rowsAfter) {
    const a = rowsBefore.get(code);
    if (!a) {
      changes.push({
        what: `${code}`,
        before: 'not in the register',
        after: `${b.type.toLowerCase()}, ${b.status.toLowerCase().replace(/_/g, ' ')}`,
      });
      continue;
    }
    for (const key of ['type', 'status', 'owner', 'evidence'] as const) {
      if (a[key] !== b[key]) changes.push({ what: `${code} ${key}`, before: String(a[key] ?? 'none'), after: String(b[key] ?? 'none') });
    }
  }
  for (const code of rowsBefore.keys()) {
    if (!rowsAfter.has(code)) changes.push({ what: code, before: 'in the register', after: 'archived or removed' });
  }
  return changes;
}
