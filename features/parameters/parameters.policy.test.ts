import { describe, expect, it } from 'vitest';
import type { RequirementParam } from '@/features/frameworks/requirement-content';
import { baselineDefault, groupByControl, isFillable, matchesSearch, type ParameterRow } from './parameters.policy';

const param = (fields: Partial<RequirementParam>): RequirementParam => ({
  id: 'au-11_odp',
  label: '[Assignment: organization-defined time period]',
  values: [],
  constraints: [],
  choices: null,
  howMany: null,
  aggregates: [],
  ...fields,
});
const row = (controlId: string, fields: Partial<RequirementParam> = {}, own: ParameterRow['own'] = null): ParameterRow => ({
  controlId,
  controlLabel: controlId.toUpperCase(),
  controlTitle: 'Audit Record Retention',
  param: param(fields),
  baseline: baselineDefault(param(fields)),
  own,
});

describe('parameter values', () => {
  it('defaults to the baseline’s values, else its constraints', () => {
    expect(baselineDefault(param({ values: ['90 days'], constraints: ['at least 90 days'] }))).toEqual(['90 days']);
    expect(baselineDefault(param({ constraints: ['a time period in compliance with M-21-31'] }))).toEqual([
      'a time period in compliance with M-21-31',
    ]);
    expect(baselineDefault(param({}))).toEqual([]);
  });

  it('leaves out an aggregate parameter whose gathered parameters are listed', () => {
    const aggregate = param({ id: 'ac-1_prm_1', aggregates: ['ac-01_odp.01', 'ac-01_odp.02'] });
    expect(isFillable(aggregate, new Set(['ac-01_odp.01', 'ac-01_odp.02']))).toBe(false);
    expect(isFillable(aggregate, new Set(['ac-01_odp.01']))).toBe(true);
    expect(isFillable(param({}), new Set())).toBe(true);
  });

  it('searches control, parameter and values, and groups a page by control in order', () => {
    const rows = [
      row('au-11', { constraints: ['a time period in compliance with M-21-31'] }),
      row('au-11', { id: 'au-11_odp.2' }, { values: ['seven years'], version: 1 }),
      row('ac-1', { id: 'ac-01_odp.05' }),
    ];
    expect(rows.filter((r) => matchesSearch(r, 'm-21-31')).map((r) => r.param.id)).toEqual(['au-11_odp']);
    expect(rows.filter((r) => matchesSearch(r, 'SEVEN')).map((r) => r.param.id)).toEqual(['au-11_odp.2']);
    expect(rows.filter((r) => matchesSearch(r, 'AC-1')).map((r) => r.param.id)).toEqual(['ac-01_odp.05']);
    expect(groupByControl(rows).map((g) => [g.controlId, g.rows.length])).toEqual([
      ['au-11', 2],
      ['ac-1', 1],
    ]);
  });
});
