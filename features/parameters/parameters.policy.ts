import type { RequirementParam } from '@/features/frameworks/requirement-content';

export const PARAMETERS_PAGE_SIZE = 50;

/** The baseline's default for a parameter: its assigned values, else its constraints (FedRAMP: "at least annually"). */
export function baselineDefault(param: Pick<RequirementParam, 'values' | 'constraints'>): string[] {
  return param.values.length ? param.values : param.constraints;
}

/**
 * A parameter a team fills in. An aggregate parameter (NIST 5.1.1) only gathers others, each of
 * which the team fills in on its own, so it is not listed when what it gathers is there.
 */
export function isFillable(param: RequirementParam, present: ReadonlySet<string>): boolean {
  return !(param.aggregates.length && param.aggregates.every((id) => present.has(id)));
}

export type ParameterRow = {
  controlId: string;
  controlLabel: string;
  controlTitle: string;
  param: RequirementParam;
  baseline: string[];
  /** The system's own value, with its version; null while the baseline's stands. */
  own: { values: string[]; version: number } | null;
};

/** Matches a search against the control, the parameter and the values. */
export function matchesSearch(row: ParameterRow, q: string | undefined): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  return [
    row.controlId,
    row.controlLabel,
    row.controlTitle,
    row.param.id,
    row.param.label,
    ...row.baseline,
    ...(row.own?.values ?? []),
  ].some((field) => field.toLowerCase().includes(needle));
}

/** One page of rows, grouped by control in the baseline's order. */
export function groupByControl(rows: ParameterRow[]) {
  const groups: { controlId: string; controlLabel: string; controlTitle: string; rows: ParameterRow[] }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last?.controlId === row.controlId) last.rows.push(row);
    else groups.push({ controlId: row.controlId, controlLabel: row.controlLabel, controlTitle: row.controlTitle, rows: [row] });
  }
  return groups;
}
