import { describe, expect, it } from 'vitest';
import type { RegisterRow } from '@/features/controls/register.policy';
import type { ResponsibilityType } from '@/features/controls/responsibility.policy';
import type { Freshness } from '@/features/evidence/evidence.policy';
import {
  buildFrameworkView,
  countCoverage,
  isControlSatisfied,
  kindUnder,
  parseFrameworkFilters,
  type RequirementSummary,
} from './frameworks.policy';
import { parseRequirementsCsv } from './requirements-csv';

function control(id: string, type: ResponsibilityType, status: 'IMPLEMENTED' | 'PLANNED' | null, freshness: Freshness): RegisterRow {
  return {
    id,
    code: id.toUpperCase(),
    title: `Control ${id}`,
    family: 'Access control',
    defaultType: type,
    cadence: 'ANNUAL',
    effective: { type, because: [] },
    freshness: { aws: null, customer: null, overall: freshness },
    implementation: status ? { id: `impl-${id}`, status, ownerId: 'u1', ownerName: 'Uma', nextReviewAt: null, version: 1 } : null,
  } as RegisterRow;
}

const requirement = (id: string, parentId: string | null, kind: string, withdrawn = false): RequirementSummary => ({
  id,
  parentId,
  externalId: id,
  label: id.toUpperCase(),
  title: `Requirement ${id}`,
  kind,
  withdrawn,
});

describe('coverage', () => {
  it('counts a control as proof when implemented with current or expiring evidence', () => {
    expect(isControlSatisfied(control('a', 'CUSTOMER', 'IMPLEMENTED', 'CURRENT'))).toBe(true);
    expect(isControlSatisfied(control('a', 'CUSTOMER', 'IMPLEMENTED', 'EXPIRING'))).toBe(true);
    expect(isControlSatisfied(control('a', 'CUSTOMER', 'IMPLEMENTED', 'EXPIRED'))).toBe(false);
    expect(isControlSatisfied(control('a', 'CUSTOMER', 'PLANNED', 'CURRENT'))).toBe(false);
    expect(isControlSatisfied(control('a', 'INHERITED', null, 'CURRENT'))).toBe(false);
  });

  const requirements = [
    requirement('ac', null, 'group'),
    requirement('ac-1', 'ac', 'control'),
    requirement('ac-1.1', 'ac-1', 'enhancement'),
    requirement('ac-1.2', 'ac-1', 'enhancement', true),
    requirement('ac-2', 'ac', 'control'),
  ];
  const register = new Map(
    [
      control('ok', 'CUSTOMER', 'IMPLEMENTED', 'CURRENT'),
      control('aws', 'INHERITED', null, 'CURRENT'),
      control('late', 'SHARED', 'IMPLEMENTED', 'EXPIRED'),
    ].map((r) => [r.id, r]),
  );
  const mappings = [
    { requirementId: 'ac-1', controlId: 'ok', rationale: '' },
    { requirementId: 'ac-1', controlId: 'aws', rationale: 'AWS runs it' },
    { requirementId: 'ac-1.1', controlId: 'late', rationale: '' },
    // An archived control is not in the register: it proves nothing.
    { requirementId: 'ac-2', controlId: 'archived', rationale: '' },
  ];

  it('builds rows with depth, mapped controls, coverage and the responsibility mix', () => {
    const view = buildFrameworkView(requirements, mappings, register, parseFrameworkFilters({}));
    expect(view.coverage).toEqual({ applicable: 3, covered: 1, mapped: 2, withdrawn: 1, mix: { INHERITED: 1, SHARED: 1, CUSTOMER: 1 } });
    expect(view.rows.map((r) => [r.externalId, r.depth, r.covered, r.controls.map((c) => c.code)])).toEqual([
      ['ac', 0, false, []],
      ['ac-1', 1, true, ['AWS', 'OK']],
      ['ac-1.1', 2, false, ['LATE']],
      ['ac-1.2', 2, false, []],
      ['ac-2', 1, false, []],
    ]);
    expect(view.rows[1]!.mix).toEqual({ INHERITED: 1, SHARED: 0, CUSTOMER: 1 });
    expect(view.rows[1]!.controls[0]).toMatchObject({ status: 'NOT_STARTED', rationale: 'AWS runs it', satisfied: false });
  });

  it('filters by coverage (requirements only) and searches every row', () => {
    const ids = (query: Record<string, string>) =>
      buildFrameworkView(requirements, mappings, register, parseFrameworkFilters(query)).rows.map((r) => r.externalId);
    expect(ids({ coverage: 'covered' })).toEqual(['ac-1']);
    expect(ids({ coverage: 'uncovered' })).toEqual(['ac-1.1', 'ac-2']);
    expect(ids({ coverage: 'unmapped' })).toEqual(['ac-2']);
    expect(ids({ q: 'AC-1.' })).toEqual(['ac-1.1', 'ac-1.2']);
    expect(ids({ q: 'ac-1', coverage: 'uncovered' })).toEqual(['ac-1.1']);
    expect(ids({ coverage: 'bogus', page: '-3' })).toHaveLength(5);
  });

  it('pages by 100 and clamps the page number', () => {
    const many = Array.from({ length: 250 }, (_, i) => requirement(`r-${i}`, null, 'control'));
    const view = buildFrameworkView(many, [], register, parseFrameworkFilters({ page: '9' }));
    expect(view).toMatchObject({ page: 3, total: 250, pageSize: 100 });
    expect(view.rows).toHaveLength(50);
  });

  it('counts mapped and covered requirements per framework', () => {
    const counts = countCoverage(
      [
        { frameworkId: 'nist', requirementId: 'ac-1', controlId: 'ok' },
        { frameworkId: 'nist', requirementId: 'ac-1', controlId: 'aws' },
        { frameworkId: 'nist', requirementId: 'ac-2', controlId: 'late' },
        { frameworkId: 'soc2', requirementId: 'cc6.1', controlId: 'archived' },
      ],
      register,
    );
    expect([...counts]).toEqual([['nist', { mapped: 2, covered: 1 }]]);
  });
});

describe('custom requirements', () => {
  it('are controls at the top or under a group, enhancements under a requirement', () => {
    expect(kindUnder(null, false)).toBe('control');
    expect(kindUnder({ kind: 'group' }, false)).toBe('control');
    expect(kindUnder({ kind: 'control' }, false)).toBe('enhancement');
    expect(kindUnder({ kind: 'control' }, true)).toBe('group');
  });

  it('read from CSV with problems naming the row and column', () => {
    expect(
      parseRequirementsCsv(
        'id,title,statement,parent_id,kind\nA.5,Organizational controls,,,group\nA.5.1,Policies,Define policies.,A.5,',
        new Set(),
      ),
    ).toEqual([
      { row: 2, externalId: 'A.5', title: 'Organizational controls', statement: '', parentExternalId: '', group: true },
      { row: 3, externalId: 'A.5.1', title: 'Policies', statement: 'Define policies.', parentExternalId: 'A.5', group: false },
    ]);
    expect(() => parseRequirementsCsv('id,name\nA,B', new Set())).toThrow(
      expect.objectContaining({
        fieldErrors: {
          csv: [
            'Row 1, column “name”: Unknown column. Use id, title, statement, description, parent_id, kind.',
            'Row 1, column “title”: This column is required.',
          ],
        },
      }),
    );
    expect(() => parseRequirementsCsv('id,title,kind\nA 1,T,heading\nB,T,', new Set())).toThrow(
      expect.objectContaining({
        fieldErrors: {
          csv: [
            'Row 2, column “kind”: Write “group” for a heading, or leave it empty (or “requirement”).',
            'Row 2, column “id”: Use letters, digits, dots, dashes, colons, slashes and parentheses, no spaces.',
          ],
        },
      }),
    );
  });
});
