import type { EvidenceCadence, ImplementationStatus } from '@/lib/generated/prisma/enums.ts';
import type { ControlFreshness, Freshness } from '@/features/evidence/evidence.policy';
import { RESPONSIBILITY_TYPES, type EffectiveResponsibility, type ResponsibilityType } from './responsibility.policy';
import { CONTROL_STATUSES, hasCustomerHalf as stateHasCustomerHalf, type ControlState, type ControlStatus } from './status.policy';

/** One control as seen from one system. */
export type RegisterRow = {
  id: string;
  code: string;
  title: string;
  family: string;
  defaultType: ResponsibilityType;
  cadence: EvidenceCadence;
  /** Service codes the control is bound to (empty: every system). */
  appliesTo: string[];
  effective: EffectiveResponsibility;
  freshness: ControlFreshness;
  /** Applicability, both halves, the overall status: see status.policy.ts. */
  state: ControlState;
  implementation: {
    id: string;
    status: ImplementationStatus;
    justification: string;
    ownerId: string | null;
    ownerName: string | null;
    nextReviewAt: Date | null;
    version: number;
    /** The team's own customers' part (what they must do; whether they can inherit the control). */
    customersResponsibility?: string;
    customersInherit?: 'YES' | 'PARTIAL' | 'NO' | null;
  } | null;
};

export const STATUS_FILTERS = CONTROL_STATUSES;
export type StatusFilter = ControlStatus;
export const FRESHNESS_FILTERS = ['MISSING', 'CURRENT', 'EXPIRING', 'EXPIRED'] as const satisfies readonly Freshness[];
export const SORT_KEYS = ['code', 'title', 'family', 'type', 'status', 'owner', 'evidence'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export type RegisterFilters = {
  /** A system id, 'none' for default types only, or undefined for the first system. */
  systemId?: string;
  type?: ResponsibilityType;
  family?: string;
  /** A user id, or 'none' for customer halves without an owner. */
  owner?: string;
  status?: StatusFilter;
  evidence?: Freshness;
  q?: string;
  archived?: boolean;
  /** Only controls with failing resources (ControlState.failing > 0). */
  failing?: boolean;
  sort: SortKey;
  dir: 'asc' | 'desc';
  page: number;
};

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
const oneOf = <T extends string>(allowed: readonly T[], value: string | undefined) =>
  allowed.includes(value as T) ? (value as T) : undefined;

/** The register's query string, read leniently: anything unknown is ignored. */
export function parseRegisterFilters(params: Record<string, string | string[] | undefined>): RegisterFilters {
  const page = Number(one(params.page));
  return {
    systemId: one(params.system),
    type: oneOf(RESPONSIBILITY_TYPES, one(params.type)),
    family: one(params.family),
    owner: one(params.owner),
    status: oneOf(STATUS_FILTERS, one(params.status)),
    evidence: oneOf(FRESHNESS_FILTERS, one(params.evidence)),
    q: one(params.q)?.trim().slice(0, 100) || undefined,
    archived: one(params.archived) === '1',
    failing: one(params.failing) === '1',
    sort: oneOf(SORT_KEYS, one(params.sort)) ?? 'code',
    dir: one(params.dir) === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/**
 * The register's query string for these filters with some changed (undefined removes one): what
 * the filters, sort links and pages link to, so a view can be shared and back/forward work. The
 * owner, status and failing-checks filters need a system; without one they are left out.
 */
export function registerQuery(filters: RegisterFilters, systemId: string | null, changes: Record<string, string | undefined> = {}): string {
  const values: Record<string, string | undefined> = {
    system: systemId ?? 'none',
    type: filters.type,
    family: filters.family,
    owner: filters.owner,
    status: filters.status,
    evidence: filters.evidence,
    q: filters.q,
    archived: filters.archived ? '1' : undefined,
    failing: filters.failing ? '1' : undefined,
    sort: filters.sort,
    dir: filters.dir,
    ...changes,
  };
  if (values.system === 'none') values.owner = values.status = values.failing = undefined;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  return params.toString();
}

/** A customer half exists when the control applies and is shared or the customer's for this system. */
export function hasCustomerHalf(row: Pick<RegisterRow, 'state'>): boolean {
  return stateHasCustomerHalf(row.state);
}

export function statusOf(row: Pick<RegisterRow, 'state'>): StatusFilter {
  return row.state.status;
}

export const appliesHere = (row: Pick<RegisterRow, 'state'>) => row.state.applicability.applies;

export function filterRegister(rows: RegisterRow[], f: RegisterFilters): RegisterRow[] {
  const q = f.q?.toLowerCase();
  return rows.filter(
    (row) =>
      (!f.type || (row.effective.type === f.type && appliesHere(row))) &&
      (!f.family || row.family === f.family) &&
      (!f.status || statusOf(row) === f.status) &&
      (!f.evidence || (row.freshness.overall === f.evidence && appliesHere(row))) &&
      (!f.failing || row.state.failing > 0) &&
      (!f.owner || (f.owner === 'none' ? hasCustomerHalf(row) && !row.implementation?.ownerId : row.implementation?.ownerId === f.owner)) &&
      (!q || row.code.toLowerCase().includes(q) || row.title.toLowerCase().includes(q)),
  );
}

const TYPE_ORDER: Record<ResponsibilityType, number> = { INHERITED: 0, SHARED: 1, CUSTOMER: 2 };
const FRESHNESS_ORDER: Record<Freshness, number> = { MISSING: 0, EXPIRED: 1, EXPIRING: 2, CURRENT: 3 };
const byCode = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function sortRegister(rows: RegisterRow[], sort: SortKey, dir: 'asc' | 'desc'): RegisterRow[] {
  const key: (r: RegisterRow) => string | number = {
    code: (r: RegisterRow) => r.code,
    title: (r: RegisterRow) => r.title,
    family: (r: RegisterRow) => r.family,
    type: (r: RegisterRow) => TYPE_ORDER[r.effective.type],
    status: (r: RegisterRow) => STATUS_FILTERS.indexOf(statusOf(r)),
    owner: (r: RegisterRow) => r.implementation?.ownerName ?? '\uffff',
    evidence: (r: RegisterRow) => FRESHNESS_ORDER[r.freshness.overall],
  }[sort];
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const primary = typeof ka === 'number' ? ka - (kb as number) : byCode.compare(ka, kb as string);
    return sign * primary || byCode.compare(a.code, b.code);
  });
}

/**
 * The system dashboard's figures, each of which the register can filter back to. Controls that
 * do not apply leave every denominator: they are counted once, as not applicable.
 */
export function summarizeRegister(rows: RegisterRow[]) {
  const byType = Object.fromEntries(RESPONSIBILITY_TYPES.map((t) => [t, 0])) as Record<ResponsibilityType, number>;
  const byStatus = Object.fromEntries(STATUS_FILTERS.map((s) => [s, 0])) as Record<StatusFilter, number>;
  const byFreshness = Object.fromEntries(FRESHNESS_FILTERS.map((s) => [s, 0])) as Record<Freshness, number>;
  let customerHalves = 0;
  let withoutOwner = 0;
  let applicable = 0;
  let failing = 0;
  for (const row of rows) {
    byStatus[statusOf(row)]++;
    if (!appliesHere(row)) continue;
    applicable++;
    if (row.state.failing > 0) failing++;
    byType[row.effective.type]++;
    byFreshness[row.freshness.overall]++;
    if (hasCustomerHalf(row)) {
      customerHalves++;
      if (!row.implementation?.ownerId) withoutOwner++;
    }
  }
  return {
    total: rows.length,
    applicable,
    notApplicable: rows.length - applicable,
    byType,
    byStatus,
    byFreshness,
    customerHalves,
    withoutOwner,
    /** Applicable controls with failing resources. */
    failing,
  };
}
