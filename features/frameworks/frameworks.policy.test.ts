import { describe, expect, it } from 'vitest';
import type { RegisterRow } from '@/features/controls/register.policy';
import type { ResponsibilityType } from '@/features/controls/responsibility.policy';
import { deriveControlState } from '@/features/controls/status.policy';
import type { ControlFreshness, Freshness } from '@/features/evidence/evidence.policy';
import {
  buildFrameworkView,
  countCoverage,
  coverageOf,
  coveredShare,
  effectiveMappings,
  kindUnder,
  parseFrameworkFilters,
  type RequirementSummary,
} from './frameworks.policy';
import { parseRequirementsCsv } from './requirements-csv';

/** A register row whose state comes from the real derivation. */
function control(
  id: string,
  type: ResponsibilityType,
  status: 'IMPLEMENTED' | 'PLANNED' | 'NOT_APPLICABLE' | null,
  evidence: Freshness,
  appliesTo: string[] = [],
): RegisterRow {
  const half = { state: evidence, validUntil: evidence === 'MISSING' ? null : new Date('2027-01-01') };
  const freshness: ControlFreshness = {
    aws: type === 'CUSTOMER' ? null : half,
    customer: type === 'INHERITED' ? null : half,
    overall: evidence,
  };
  const implementation = status
    ? {
        id: `impl-${id}`,
        status,
        justification: status === 'NOT_APPLICABLE' ? 'No cardholder data here' : '',
        ownerId: 'u1',
        ownerName: 'Uma',
        nextReviewAt: null,
        version: 1,
      }
    : null;
  const state = deriveControlState({ type, appliesTo, systemServices: new Set(['ec2']), implementation, freshness, report: null });
  return {
    id,
    code: id.toUpperCase(),
    title: `Control ${id}`,
    family: 'Access control',
    defaultType: type,
    cadence: 'ANNUAL',
    appliesTo,
    effective: { type, because: [] },
    freshness,
    state,
    implementation,
  };
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
  it('is covered only when every applicable mapped control is satisfied', () => {
    const done = { applies: true, satisfied: true };
    const open = { applies: true, satisfied: false };
    const away = { applies: false, satisfied: false };
    expect(coverageOf([])).toBe('UNMAPPED');
    expect(coverageOf([done, done, away])).toBe('COVERED');
    // AC-6 mapped to five controls, one done: partly covered, never covered.
    expect(coverageOf([done, open, open, open, open])).toBe('PARTIAL');
    expect(coverageOf([open, away])).toBe('NOT_COVERED');
    expect(coverageOf([away, away])).toBe('NOT_APPLICABLE');
    expect(coveredShare({ COVERED: 2, PARTIAL: 1, NOT_COVERED: 1, NOT_APPLICABLE: 3, UNMAPPED: 1 })).toEqual({ covered: 2, of: 5 });
  });

  it('counts a control as proof when implemented, both halves, with current or expiring evidence', () => {
    expect(control('a', 'CUSTOMER', 'IMPLEMENTED', 'CURRENT').state.satisfied).toBe(true);
    expect(control('a', 'CUSTOMER', 'IMPLEMENTED', 'EXPIRING').state.satisfied).toBe(true);
    expect(control('a', 'CUSTOMER', 'IMPLEMENTED', 'EXPIRED').state.satisfied).toBe(false);
    expect(control('a', 'CUSTOMER', 'PLANNED', 'CURRENT').state.satisfied).toBe(false);
    // An inherited control needs no record: a current report implements it.
    expect(control('a', 'INHERITED', null, 'CURRENT').state.satisfied).toBe(true);
    expect(control('a', 'INHERITED', null, 'MISSING').state.satisfied).toBe(false);
  });

  const requirements = [
    requirement('ac', null, 'group'),
    requirement('ac-1', 'ac', 'control'),
    requirement('ac-1.1', 'ac-1', 'enhancement'),
    requirement('ac-1.2', 'ac-1', 'enhancement', true),
    requirement('ac-2', 'ac', 'control'),
    requirement('ac-3', 'ac', 'control'),
  ];
  const register = new Map(
    [
      control('ok', 'CUSTOMER', 'IMPLEMENTED', 'CURRENT'),
      control('aws', 'INHERITED', null, 'CURRENT'),
      control('late', 'SHARED', 'IMPLEMENTED', 'EXPIRED'),
      control('s3only', 'CUSTOMER', null, 'MISSING', ['s3']),
    ].map((r) => [r.id, r]),
  );
  const mappings = [
    { requirementId: 'ac-1', controlId: 'ok', rationale: '' },
    { requirementId: 'ac-1', controlId: 'aws', rationale: 'AWS runs it' },
    { requirementId: 'ac-1.1', controlId: 'late', rationale: '' },
    { requirementId: 'ac-1.1', controlId: 'ok', rationale: '' },
    { requirementId: 'ac-3', controlId: 's3only', rationale: '' },
    // An archived control is not in the register: it proves nothing.
    { requirementId: 'ac-2', controlId: 'archived', rationale: '' },
  ];

  it('builds rows with depth, mapped controls, coverage state and the responsibility mix', () => {
    const view = buildFrameworkView(requirements, mappings, register, parseFrameworkFilters({}));
    expect(view.coverage).toEqual({
      requirements: 4,
      states: { COVERED: 1, PARTIAL: 1, NOT_COVERED: 0, NOT_APPLICABLE: 1, UNMAPPED: 1 },
      mapped: 3,
      withdrawn: 1,
      mix: { INHERITED: 1, SHARED: 1, CUSTOMER: 1 },
    });
    expect(view.rows.map((r) => [r.externalId, r.depth, r.coverage, r.controls.map((c) => c.code)])).toEqual([
      ['ac', 0, null, []],
      ['ac-1', 1, 'COVERED', ['AWS', 'OK']],
      ['ac-1.1', 2, 'PARTIAL', ['LATE', 'OK']],
      ['ac-1.2', 2, null, []],
      ['ac-2', 1, 'UNMAPPED', []],
      ['ac-3', 1, 'NOT_APPLICABLE', ['S3ONLY']],
    ]);
    expect(view.rows[1]!.mix).toEqual({ INHERITED: 1, SHARED: 0, CUSTOMER: 1 });
    expect(view.rows[1]!.controls[0]).toMatchObject({
      status: 'IMPLEMENTED',
      statusText: 'Implemented by AWS',
      rationale: 'AWS runs it',
      satisfied: true,
    });
    expect(view.rows[5]!.controls[0]).toMatchObject({ applies: false, applicability: 'Not applicable — this system uses no Amazon S3' });
  });

  it('filters by coverage state (requirements only) and searches every row', () => {
    const ids = (query: Record<string, string>) =>
      buildFrameworkView(requirements, mappings, register, parseFrameworkFilters(query)).rows.map((r) => r.externalId);
    expect(ids({ coverage: 'covered' })).toEqual(['ac-1']);
    expect(ids({ coverage: 'partial' })).toEqual(['ac-1.1']);
    expect(ids({ coverage: 'uncovered' })).toEqual([]);
    expect(ids({ coverage: 'not-applicable' })).toEqual(['ac-3']);
    expect(ids({ coverage: 'unmapped' })).toEqual(['ac-2']);
    expect(ids({ q: 'AC-1.' })).toEqual(['ac-1.1', 'ac-1.2']);
    expect(ids({ q: 'ac-1', coverage: 'partial' })).toEqual(['ac-1.1']);
    expect(ids({ coverage: 'bogus', page: '-3' })).toHaveLength(6);
  });

  it('pages by 100 and clamps the page number', () => {
    const many = Array.from({ length: 250 }, (_, i) => requirement(`r-${i}`, null, 'control'));
    const view = buildFrameworkView(many, [], register, parseFrameworkFilters({ page: '9' }));
    expect(view).toMatchObject({ page: 3, total: 250, pageSize: 100 });
    expect(view.rows).toHaveLength(50);
  });

  it('counts each requirement of each framework in its coverage state', () => {
    const counts = countCoverage(
      [
        { id: 'ac-1', frameworkId: 'nist' },
        { id: 'ac-2', frameworkId: 'nist' },
        { id: 'ac-3', frameworkId: 'nist' },
        { id: 'cc6.1', frameworkId: 'soc2' },
      ],
      [
        { requirementId: 'ac-1', controlId: 'ok' },
        { requirementId: 'ac-1', controlId: 'aws' },
        { requirementId: 'ac-2', controlId: 'late' },
        { requirementId: 'ac-3', controlId: 's3only' },
        { requirementId: 'cc6.1', controlId: 'archived' },
      ],
      register,
    );
    expect(counts.get('nist')).toEqual({ COVERED: 1, PARTIAL: 0, NOT_COVERED: 1, NOT_APPLICABLE: 1, UNMAPPED: 0 });
    expect(counts.get('soc2')).toEqual({ COVERED: 0, PARTIAL: 0, NOT_COVERED: 0, NOT_APPLICABLE: 0, UNMAPPED: 1 });
  });

  it('counts a mapping to a catalog requirement for the same id in every baseline', () => {
    const requirements = [
      { id: 'cat-ac-2', externalId: 'ac-2', frameworkId: 'catalog' },
      { id: 'mod-ac-2', externalId: 'ac-2', frameworkId: 'moderate' },
      { id: 'soc-ac-2', externalId: 'ac-2', frameworkId: 'custom' },
    ];
    const counted = effectiveMappings(requirements, new Set(['moderate']), new Map([['ac-2', ['cat-ac-2']]]), [
      { requirementId: 'cat-ac-2', controlId: 'ok' },
    ]);
    expect(counted).toEqual([
      { requirementId: 'cat-ac-2', controlId: 'ok' },
      { requirementId: 'mod-ac-2', controlId: 'ok' },
    ]);
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
