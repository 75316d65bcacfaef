import { describe, expect, it } from 'vitest';
import type { RegisterRow } from '@/features/controls/register.policy';
import type { ExportControl } from './cis-crm.policy';
import { CASES, TODAY, stateOf, type StateCase } from './cis-crm.fixture';
import { buildSspDocument, combinedState, oscalStatus } from './ssp';

const REPORT = 'SOC 2 Type 2, report-A1b2C3d4E5f6G7h8';

describe('OSCAL implementation status of one control', () => {
  const status = (c: StateCase) => oscalStatus(stateOf(c).state);

  it('reads the derived state: implemented by AWS while a report covers it, planned with the reason otherwise', () => {
    expect(status(CASES.inheritedCurrent)).toEqual({
      state: 'implemented',
      remarks: `Implemented by AWS — ${REPORT}, covered until 2027-01-29`,
    });
    expect(status(CASES.inheritedExpired)).toEqual({
      state: 'planned',
      remarks: `AWS half: report expired — ${REPORT}, coverage ended 2026-03-31`,
    });
    expect(status(CASES.inheritedNoReport)).toEqual({ state: 'planned', remarks: 'AWS half: no report on file' });
  });

  it('says both halves of a shared control', () => {
    expect(status(CASES.sharedCustomerNotStarted)).toEqual({
      state: 'planned',
      remarks: `Implemented by AWS — ${REPORT}, covered until 2027-01-29. Customer half: not started`,
    });
    expect(status(CASES.sharedNoReport)).toEqual({ state: 'planned', remarks: 'AWS half: no report on file. Customer half: implemented' });
    expect(status(CASES.sharedPartial)).toEqual({
      state: 'partial',
      remarks: `Implemented by AWS — ${REPORT}, covered until 2027-01-29. Customer half: partially implemented`,
    });
  });

  it('says why a control does not apply: the services it is bound to, or the owner’s justification', () => {
    expect(status(CASES.serviceBound)).toEqual({ state: 'not-applicable', remarks: 'Not applicable — this system uses no Amazon S3' });
    expect(status(CASES.markedNotApplicable)).toEqual({
      state: 'not-applicable',
      remarks: 'Not applicable — Our functions use AWS-provided runtimes only.',
    });
  });

  it('has no "not started" in OSCAL: planned, and the remarks say so', () => {
    expect(status(CASES.notStarted)).toEqual({ state: 'planned', remarks: 'Not started' });
    expect(status({ type: 'CUSTOMER' })).toEqual({ state: 'planned', remarks: 'Not started' });
    expect(status(CASES.planned)).toEqual({ state: 'planned', remarks: 'Planned' });
    expect(status(CASES.implemented)).toEqual({ state: 'implemented', remarks: null });
  });

  it('combines the Demarc controls that name one NIST control', () => {
    expect(combinedState(['implemented', 'not-applicable'])).toBe('implemented');
    expect(combinedState(['implemented', 'planned'])).toBe('partial');
    expect(combinedState(['planned', 'planned'])).toBe('planned');
    expect(combinedState(['not-applicable'])).toBe('not-applicable');
  });
});

describe('OSCAL SSP document', () => {
  const control = (code: string, nistId: string, c: StateCase): ExportControl => {
    const { state, freshness } = stateOf(c);
    const row: RegisterRow = {
      id: code,
      code,
      title: code,
      family: 'Family',
      defaultType: c.type,
      cadence: 'ANNUAL',
      appliesTo: c.appliesTo ?? [],
      effective: { type: c.type, because: [] },
      freshness,
      state,
      implementation: null,
    };
    return { row, statements: { nistIds: [nistId], awsStatement: '', customerStatement: '', lines: [] }, narrative: '', ownerEmail: null };
  };

  const plan = buildSspDocument({
    orgId: 'org',
    organizationName: 'Acme',
    system: { id: 'sys', name: 'Payments', description: '', regions: [], services: ['rds'], archivedAt: null },
    controls: [
      control('PE-A', 'pe-2', CASES.inheritedCurrent),
      control('PE-B', 'pe-3', CASES.inheritedNoReport),
      control('S3-A', 'sc-28', CASES.serviceBound),
      control('AC-A', 'ac-2', CASES.notStarted),
      control('AC-B', 'ac-2', CASES.markedNotApplicable),
      control('PE-C', 'pe-4', { type: 'INHERITED', status: 'NOT_APPLICABLE', justification: 'No cabling of our own.' }),
    ],
    owners: [],
    reports: [],
    now: TODAY,
  })['system-security-plan'];
  type SystemPart = { 'implementation-status': { state: string; remarks?: string }; inherited?: { description: string }[] };
  const systemPart = (nistId: string) =>
    plan['control-implementation']['implemented-requirements'].find((r) => r['control-id'] === nistId)!['by-components'][1] as SystemPart;
  const statusOf = (nistId: string) => systemPart(nistId)['implementation-status'];

  it('gives each requirement the state and the remarks of the controls that name it', () => {
    expect(statusOf('pe-2')).toEqual({
      state: 'implemented',
      remarks: `PE-A: Implemented by AWS — ${REPORT}, covered until 2027-01-29`,
    });
    expect(statusOf('pe-3')).toEqual({ state: 'planned', remarks: 'PE-B: AWS half: no report on file' });
    expect(statusOf('sc-28')).toEqual({ state: 'not-applicable', remarks: 'S3-A: Not applicable — this system uses no Amazon S3' });
    expect(statusOf('ac-2')).toEqual({
      state: 'planned',
      remarks: 'AC-A: Not started\n\nAC-B: Not applicable — Our functions use AWS-provided runtimes only.',
    });
  });

  it('says what AWS provides as far as a report proves it', () => {
    expect(systemPart('pe-2').inherited![0]!.description).toBe(
      `**PE-A — PE-A**\n\nInherited from AWS. Implemented by AWS — ${REPORT}, covered until 2027-01-29.`,
    );
    expect(systemPart('pe-3').inherited![0]!.description).toBe('**PE-B — PE-B**\n\nInherited from AWS. AWS half: no report on file.');
    expect(systemPart('pe-4').inherited![0]!.description).toBe(
      '**PE-C — PE-C**\n\nInherited from AWS. Not applicable — No cabling of our own.',
    );
  });
});
