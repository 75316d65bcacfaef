import type { Freshness } from '@/features/evidence/evidence.policy';
import { statusOf, type RegisterRow, type StatusFilter } from '@/features/controls/register.policy';
import { RESPONSIBILITY_TYPES, type ResponsibilityType } from '@/features/controls/responsibility.policy';
import type { RequirementKind } from './oscal';

export const FRAMEWORK_PAGE_SIZE = 100;
export const COVERAGE_FILTERS = ['covered', 'uncovered', 'unmapped'] as const;
export type CoverageFilter = (typeof COVERAGE_FILTERS)[number];

export const COVERAGE_FILTER_LABELS: Record<CoverageFilter, string> = {
  covered: 'Covered',
  uncovered: 'Not covered',
  unmapped: 'No control mapped',
};

export type FrameworkFilters = { systemId?: string; q?: string; coverage?: CoverageFilter; page: number };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** The framework view's query string, read leniently. */
export function parseFrameworkFilters(params: Record<string, string | string[] | undefined>): FrameworkFilters {
  const page = Number(one(params.page));
  const coverage = one(params.coverage);
  return {
    systemId: one(params.system),
    q: one(params.q)?.trim().slice(0, 100) || undefined,
    coverage: COVERAGE_FILTERS.includes(coverage as CoverageFilter) ? (coverage as CoverageFilter) : undefined,
    page: Number.isInteger(page) && page > 0 ? Math.min(page, 100_000) : 1,
  };
}

/** Imported frameworks change by importing again; custom ones are edited by hand or CSV. */
export function isCustomFramework(source: string): boolean {
  return source === 'manual' || source === 'csv';
}

/** Groups are headings and withdrawn requirements are gone: neither is counted or covered. */
export function isApplicable(requirement: { kind: string; withdrawn: boolean }): boolean {
  return requirement.kind !== 'group' && !requirement.withdrawn;
}

/** A requirement under a control refines it (an enhancement); under a group or at the top it is a control. */
export function kindUnder(parent: { kind: string } | null, group: boolean): RequirementKind {
  if (group) return 'group';
  return parent && parent.kind !== 'group' ? 'enhancement' : 'control';
}

/** A control proves a requirement in a system when it is implemented there with accepted evidence still valid. */
export function isControlSatisfied(row: Pick<RegisterRow, 'implementation' | 'freshness'>): boolean {
  return row.implementation?.status === 'IMPLEMENTED' && (row.freshness.overall === 'CURRENT' || row.freshness.overall === 'EXPIRING');
}

export type MappedControl = {
  id: string;
  code: string;
  title: string;
  type: ResponsibilityType;
  status: StatusFilter;
  freshness: Freshness;
  satisfied: boolean;
  rationale: string;
};

export function mappedControl(row: RegisterRow, rationale: string): MappedControl {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    type: row.effective.type,
    status: statusOf(row),
    freshness: row.freshness.overall,
    satisfied: isControlSatisfied(row),
    rationale,
  };
}

export type ResponsibilityMix = Record<ResponsibilityType, number>;

export function responsibilityMix(types: Iterable<ResponsibilityType>): ResponsibilityMix {
  const mix = Object.fromEntries(RESPONSIBILITY_TYPES.map((t) => [t, 0])) as ResponsibilityMix;
  for (const type of types) mix[type]++;
  return mix;
}

export type RequirementSummary = {
  id: string;
  parentId: string | null;
  externalId: string;
  label: string;
  title: string;
  kind: string;
  withdrawn: boolean;
};

export type RequirementRow = RequirementSummary & {
  depth: number;
  controls: MappedControl[];
  covered: boolean;
  mix: ResponsibilityMix;
};

const byCode = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The framework view for one system: every requirement (in document order) with its mapped
 * active controls, whether it is covered, and its responsibility mix; the coverage counts;
 * then the filters and one page. Archived controls are not in the register, so they count for nothing.
 */
export function buildFrameworkView(
  requirements: RequirementSummary[],
  mappings: { requirementId: string; controlId: string; rationale: string }[],
  register: Map<string, RegisterRow>,
  filters: FrameworkFilters,
) {
  const controlsOf = new Map<string, MappedControl[]>();
  for (const m of mappings) {
    const row = register.get(m.controlId);
    if (row)
      (controlsOf.get(m.requirementId) ?? controlsOf.set(m.requirementId, []).get(m.requirementId)!).push(mappedControl(row, m.rationale));
  }
  const parentOf = new Map(requirements.map((r) => [r.id, r.parentId]));
  const depthOf = (id: string) => {
    let depth = 0;
    // Bounded: a parent chain never runs deeper than the list is long.
    for (let p = parentOf.get(id); p && depth < requirements.length; p = parentOf.get(p)) depth++;
    return depth;
  };
  const rows: RequirementRow[] = requirements.map((r) => {
    const depth = depthOf(r.id);
    const controls = (controlsOf.get(r.id) ?? []).sort((a, b) => byCode.compare(a.code, b.code));
    return {
      ...r,
      depth,
      controls,
      covered: isApplicable(r) && controls.some((c) => c.satisfied),
      mix: responsibilityMix(controls.map((c) => c.type)),
    };
  });

  const applicable = rows.filter(isApplicable);
  const mappedControlIds = new Set(applicable.flatMap((r) => r.controls.map((c) => c.id)));
  const coverage = {
    applicable: applicable.length,
    covered: applicable.filter((r) => r.covered).length,
    mapped: applicable.filter((r) => r.controls.length > 0).length,
    withdrawn: rows.filter((r) => r.withdrawn).length,
    mix: responsibilityMix([...mappedControlIds].map((id) => register.get(id)!.effective.type)),
  };

  const q = filters.q?.toLowerCase();
  const matching = rows.filter((r) => {
    // A coverage filter lists only requirements that can be covered; a search finds any row.
    if (filters.coverage && !isApplicable(r)) return false;
    if (filters.coverage === 'covered' && !r.covered) return false;
    if (filters.coverage === 'uncovered' && r.covered) return false;
    if (filters.coverage === 'unmapped' && r.controls.length > 0) return false;
    return !q || [r.externalId, r.label, r.title].some((field) => field.toLowerCase().includes(q));
  });
  const page = Math.min(filters.page, Math.max(1, Math.ceil(matching.length / FRAMEWORK_PAGE_SIZE)));
  return {
    coverage,
    total: matching.length,
    page,
    pageSize: FRAMEWORK_PAGE_SIZE,
    rows: matching.slice((page - 1) * FRAMEWORK_PAGE_SIZE, page * FRAMEWORK_PAGE_SIZE),
  };
}

/** Per framework: how many requirements have an active control mapped, and how many are covered. */
export function countCoverage(
  mappings: { controlId: string; requirementId: string; frameworkId: string }[],
  register: Map<string, RegisterRow>,
): Map<string, { mapped: number; covered: number }> {
  const sets = new Map<string, { mapped: Set<string>; covered: Set<string> }>();
  for (const m of mappings) {
    const row = register.get(m.controlId);
    if (!row) continue;
    const entry = sets.get(m.frameworkId) ?? sets.set(m.frameworkId, { mapped: new Set(), covered: new Set() }).get(m.frameworkId)!;
    entry.mapped.add(m.requirementId);
    if (isControlSatisfied(row)) entry.covered.add(m.requirementId);
  }
  return new Map([...sets].map(([id, s]) => [id, { mapped: s.mapped.size, covered: s.covered.size }]));
}
