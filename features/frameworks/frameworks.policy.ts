import type { Freshness } from '@/features/evidence/evidence.policy';
import { statusOf, type RegisterRow, type StatusFilter } from '@/features/controls/register.policy';
import { applicabilityText, statusLabel } from '@/features/controls/status.policy';
import { RESPONSIBILITY_TYPES, type ResponsibilityType } from '@/features/controls/responsibility.policy';
import type { RequirementKind } from './oscal';

export const FRAMEWORK_PAGE_SIZE = 100;
/**
 * A requirement in a system is covered when every applicable control mapped to it is satisfied
 * (implemented, both halves, with valid evidence), partly covered when some are, not covered when
 * none are, and not applicable when none of its mapped controls applies there.
 */
export const COVERAGE_STATES = ['COVERED', 'PARTIAL', 'NOT_COVERED', 'NOT_APPLICABLE', 'UNMAPPED'] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];

export const COVERAGE_LABELS: Record<CoverageState, string> = {
  COVERED: 'Covered',
  PARTIAL: 'Partly covered',
  NOT_COVERED: 'Not covered',
  NOT_APPLICABLE: 'Not applicable',
  UNMAPPED: 'No control mapped',
};

export function coverageOf(controls: readonly { applies: boolean; satisfied: boolean }[]): CoverageState {
  if (controls.length === 0) return 'UNMAPPED';
  const applicable = controls.filter((c) => c.applies);
  if (applicable.length === 0) return 'NOT_APPLICABLE';
  const satisfied = applicable.filter((c) => c.satisfied).length;
  return satisfied === applicable.length ? 'COVERED' : satisfied > 0 ? 'PARTIAL' : 'NOT_COVERED';
}

export type CoverageCounts = Record<CoverageState, number>;

export function countStates(states: Iterable<CoverageState>): CoverageCounts {
  const counts = Object.fromEntries(COVERAGE_STATES.map((s) => [s, 0])) as CoverageCounts;
  for (const state of states) counts[state]++;
  return counts;
}

export const COVERAGE_FILTERS = ['covered', 'partial', 'uncovered', 'not-applicable', 'unmapped'] as const;
export type CoverageFilter = (typeof COVERAGE_FILTERS)[number];

const FILTER_STATE: Record<CoverageFilter, CoverageState> = {
  covered: 'COVERED',
  partial: 'PARTIAL',
  uncovered: 'NOT_COVERED',
  'not-applicable': 'NOT_APPLICABLE',
  unmapped: 'UNMAPPED',
};

export const COVERAGE_FILTER_LABELS: Record<CoverageFilter, string> = Object.fromEntries(
  COVERAGE_FILTERS.map((f) => [f, COVERAGE_LABELS[FILTER_STATE[f]]]),
) as Record<CoverageFilter, string>;

export type FrameworkFilters = {
  systemId?: string;
  q?: string;
  coverage?: CoverageFilter;
  /** A baseline's tailoring mark (FedRAMP LI-SaaS: ASSESS, ATTEST, …): only requirements that carry it. */
  tailoring?: string;
  page: number;
};

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** The framework view's query string, read leniently. */
export function parseFrameworkFilters(params: Record<string, string | string[] | undefined>): FrameworkFilters {
  const page = Number(one(params.page));
  const coverage = one(params.coverage);
  return {
    systemId: one(params.system),
    q: one(params.q)?.trim().slice(0, 100) || undefined,
    coverage: COVERAGE_FILTERS.includes(coverage as CoverageFilter) ? (coverage as CoverageFilter) : undefined,
    tailoring: one(params.tailoring)?.trim().slice(0, 60) || undefined,
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

export type MappedControl = {
  id: string;
  code: string;
  title: string;
  type: ResponsibilityType;
  status: StatusFilter;
  /** The status in words (an inherited control's says what its AWS half is). */
  statusText: string;
  freshness: Freshness;
  applies: boolean;
  /** Why it does not apply, or null. */
  applicability: string | null;
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
    statusText: statusLabel(row.state),
    freshness: row.freshness.overall,
    applies: row.state.applicability.applies,
    applicability: applicabilityText(row.state.applicability),
    satisfied: row.state.satisfied,
    rationale,
  };
}

/**
 * Mappings as they count: a baseline (a resolved profile) also counts the mappings made to the
 * requirement with the same id in the org's OSCAL catalogs it was drawn from, so teams map once.
 */
export function effectiveMappings<M extends { requirementId: string }>(
  requirements: readonly { id: string; externalId: string; frameworkId: string }[],
  baselineIds: ReadonlySet<string>,
  catalogRequirementIds: ReadonlyMap<string, string[]>,
  mappings: M[],
): M[] {
  const byRequirement = new Map<string, M[]>();
  for (const m of mappings) (byRequirement.get(m.requirementId) ?? byRequirement.set(m.requirementId, []).get(m.requirementId)!).push(m);
  const out: M[] = [...mappings];
  for (const r of requirements) {
    if (!baselineIds.has(r.frameworkId)) continue;
    for (const source of catalogRequirementIds.get(r.externalId) ?? []) {
      for (const m of byRequirement.get(source) ?? []) out.push({ ...m, requirementId: r.id });
    }
  }
  return out;
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
  /** A baseline's tailoring marks. */
  tailoring?: string[];
  /** Where a withdrawn requirement went (requirement-content.ts's RequirementLink). */
  links?: { rel: string; externalId: string }[];
};

/** A withdrawn requirement's link, resolved to the requirement it names in the same framework when there is one. */
export type ResolvedLink = { rel: string; externalId: string; id: string | null; label: string };

export const LINK_WORDS: Record<string, string> = { 'incorporated-into': 'Incorporated into', 'moved-to': 'Moved to' };

export type RequirementRow = Omit<RequirementSummary, 'links'> & {
  depth: number;
  links: ResolvedLink[];
  controls: MappedControl[];
  /** Null for groups and withdrawn requirements, which are neither counted nor covered. */
  coverage: CoverageState | null;
  mix: ResponsibilityMix;
};

/** The coverage of one requirement from its mapped controls. */
export function requirementCoverage(requirement: { kind: string; withdrawn: boolean }, controls: MappedControl[]): CoverageState | null {
  return isApplicable(requirement) ? coverageOf(controls) : null;
}

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
    const list = controlsOf.get(m.requirementId) ?? controlsOf.set(m.requirementId, []).get(m.requirementId)!;
    // A control mapped both directly and through its catalog counts once.
    if (row && !list.some((c) => c.id === row.id)) list.push(mappedControl(row, m.rationale));
  }
  const parentOf = new Map(requirements.map((r) => [r.id, r.parentId]));
  const depthOf = (id: string) => {
    let depth = 0;
    // Bounded: a parent chain never runs deeper than the list is long.
    for (let p = parentOf.get(id); p && depth < requirements.length; p = parentOf.get(p)) depth++;
    return depth;
  };
  const byExternalId = new Map(requirements.map((r) => [r.externalId, r]));
  const rows: RequirementRow[] = requirements.map((r) => {
    const depth = depthOf(r.id);
    const links = (r.links ?? []).map((l) => {
      const target = byExternalId.get(l.externalId);
      return { ...l, id: target?.id ?? null, label: target?.label ?? l.externalId.toUpperCase() };
    });
    const controls = (controlsOf.get(r.id) ?? []).sort((a, b) => byCode.compare(a.code, b.code));
    return {
      ...r,
      depth,
      links,
      controls,
      coverage: requirementCoverage(r, controls),
      mix: responsibilityMix(controls.filter((c) => c.applies).map((c) => c.type)),
    };
  });

  const applicable = rows.filter(isApplicable);
  const mappedControlIds = new Set(applicable.flatMap((r) => r.controls.filter((c) => c.applies).map((c) => c.id)));
  const states = countStates(applicable.map((r) => r.coverage!));
  const coverage = {
    requirements: applicable.length,
    states,
    mapped: applicable.length - states.UNMAPPED,
    withdrawn: rows.filter((r) => r.withdrawn).length,
    mix: responsibilityMix([...mappedControlIds].map((id) => register.get(id)!.effective.type)),
  };

  const q = filters.q?.toLowerCase();
  const matching = rows.filter((r) => {
    // A coverage filter lists only requirements that can be covered; a search finds any row.
    if (filters.coverage && r.coverage !== FILTER_STATE[filters.coverage]) return false;
    if (filters.tailoring && !r.tailoring?.includes(filters.tailoring)) return false;
    return !q || [r.externalId, r.label, r.title].some((field) => field.toLowerCase().includes(q));
  });
  const page = Math.min(filters.page, Math.max(1, Math.ceil(matching.length / FRAMEWORK_PAGE_SIZE)));
  return {
    coverage,
    /** The tailoring marks the framework's requirements carry, for the filter. */
    tailoringMarks: [...new Set(rows.flatMap((r) => r.tailoring ?? []))].sort(),
    total: matching.length,
    page,
    pageSize: FRAMEWORK_PAGE_SIZE,
    rows: matching.slice((page - 1) * FRAMEWORK_PAGE_SIZE, page * FRAMEWORK_PAGE_SIZE),
  };
}

/** Per framework: each applicable requirement's coverage state, counted. */
export function countCoverage(
  requirements: readonly { id: string; frameworkId: string }[],
  mappings: readonly { controlId: string; requirementId: string }[],
  register: Map<string, RegisterRow>,
): Map<string, CoverageCounts> {
  const controlsOf = new Map<string, Map<string, { applies: boolean; satisfied: boolean }>>();
  for (const m of mappings) {
    const row = register.get(m.controlId);
    if (!row) continue;
    const entry = controlsOf.get(m.requirementId) ?? controlsOf.set(m.requirementId, new Map()).get(m.requirementId)!;
    entry.set(row.id, { applies: row.state.applicability.applies, satisfied: row.state.satisfied });
  }
  const states = new Map<string, CoverageState[]>();
  for (const r of requirements) {
    const state = coverageOf([...(controlsOf.get(r.id)?.values() ?? [])]);
    (states.get(r.frameworkId) ?? states.set(r.frameworkId, []).get(r.frameworkId)!).push(state);
  }
  return new Map([...states].map(([id, list]) => [id, countStates(list)]));
}

export const sumStates = (counts: CoverageCounts) => COVERAGE_STATES.reduce((n, s) => n + counts[s], 0);

/** Covered over the requirements that can be covered (not applicable ones leave the denominator). */
export function coveredShare(counts: CoverageCounts): { covered: number; of: number } {
  return { covered: counts.COVERED, of: sumStates(counts) - counts.NOT_APPLICABLE };
}
