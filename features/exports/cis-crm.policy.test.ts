import { describe, expect, it } from 'vitest';
import type { RegisterRow } from '@/features/controls/register.policy';
import type { ServiceLine } from '@/features/controls/responsibility.policy';
import {
  SYSTEM_CONTROLS_COLUMNS,
  awsProvision,
  buildSystemControlsCsv,
  cisCrmCsv,
  cisCrmRow,
  exportFileName,
  systemControlsRow,
  type ControlStatements,
} from './cis-crm.policy';
import { CASES, stateOf, type StateCase } from './cis-crm.fixture';

const ec2Patching: ServiceLine = { serviceCode: 'ec2', type: 'SHARED', customerTask: 'you patch the guest OS', awsTask: '' };
const rdsPatching: ServiceLine = { serviceCode: 'rds', type: 'INHERITED', customerTask: '', awsTask: 'AWS patches the database engine' };

const statements = (over: Partial<ControlStatements> = {}): ControlStatements => ({
  nistIds: ['si-2', 'ia-2.1'],
  awsStatement: 'AWS patches its infrastructure.',
  customerStatement: 'The customer patches what it manages.',
  lines: [ec2Patching, rdsPatching],
  ...over,
});

/** A register row in the given standing, derived as the register derives it. */
function row(c: StateCase, over: Partial<RegisterRow> = {}): RegisterRow {
  const { state, freshness } = stateOf(c);
  return {
    id: 'c',
    code: 'AWS-SI-01',
    title: 'Patch management',
    family: 'System and information integrity',
    defaultType: c.type,
    cadence: 'ANNUAL',
    appliesTo: c.appliesTo ?? [],
    effective: { type: c.type, because: [] },
    freshness,
    state,
    implementation: c.status
      ? {
          id: 'i',
          status: c.status,
          justification: c.justification ?? '',
          ownerId: 'u',
          ownerName: 'Olga Owner',
          nextReviewAt: new Date('2026-11-01T00:00:00Z'),
          version: 1,
        }
      : null,
    ...over,
  };
}

const REPORT = 'SOC 2 Type 2, report-A1b2C3d4E5f6G7h8';

describe('CIS/CRM worksheet rows', () => {
  it('maps the effective type to control origination and "can be inherited"', () => {
    const pick = (type: RegisterRow['effective']['type']) => {
      const r = cisCrmRow(row({ type }), statements());
      return [r['Control origination'], r['Can be inherited']];
    };
    expect(pick('INHERITED')).toEqual(['Inherited', 'Yes']);
    expect(pick('SHARED')).toEqual(['Shared', 'Partial']);
    expect(pick('CUSTOMER')).toEqual(['Service Provider System Specific', 'No']);
  });

  it('names the control by its NIST ids, else by its Demarc code', () => {
    expect(cisCrmRow(row({ type: 'SHARED' }), statements())['Control ID']).toBe('SI-2, IA-2(1)');
    expect(cisCrmRow(row({ type: 'SHARED' }), statements({ nistIds: [] }))['Control ID']).toBe('AWS-SI-01');
  });

  it('words each standing from the derived state: FedRAMP’s status, both halves, and why a control does not apply', () => {
    const words = (c: StateCase) => {
      const r = cisCrmRow(row(c), statements());
      return [r['Implementation status'], r['AWS half'], r['Customer half'], r.Remarks];
    };
    expect(words(CASES.inheritedCurrent)).toEqual(['Implemented', `Implemented by AWS — ${REPORT}, covered until 2027-01-29`, '', '']);
    expect(words(CASES.inheritedExpired)).toEqual([
      'AWS half: report expired',
      `AWS half: report expired — ${REPORT}, coverage ended 2026-03-31`,
      '',
      '',
    ]);
    expect(words(CASES.inheritedNoReport)).toEqual(['AWS half: no report on file', 'AWS half: no report on file', '', '']);
    expect(words(CASES.sharedCustomerNotStarted)).toEqual([
      'Not started',
      `Implemented by AWS — ${REPORT}, covered until 2027-01-29`,
      'Not started',
      '',
    ]);
    expect(words(CASES.sharedNoReport)).toEqual(['Not started', 'AWS half: no report on file', 'Implemented', '']);
    expect(words(CASES.sharedPartial)).toEqual([
      'Partially Implemented',
      `Implemented by AWS — ${REPORT}, covered until 2027-01-29`,
      'Partially implemented',
      '',
    ]);
    expect(words(CASES.serviceBound)).toEqual(['Not Applicable', '', '', 'Not applicable — this system uses no Amazon S3']);
    expect(words(CASES.markedNotApplicable)).toEqual([
      'Not Applicable',
      '',
      '',
      'Not applicable — Our functions use AWS-provided runtimes only.',
    ]);
    expect(words(CASES.notStarted)).toEqual(['Not started', '', 'Not started', '']);
    expect(words(CASES.planned)).toEqual(['Planned', '', 'Planned', '']);
    expect(words(CASES.implemented)).toEqual(['Implemented', '', 'Implemented', '']);
  });

  it('never turns a control nobody has begun into a planned one', () => {
    // No record at all, and a record that says not started: both read as not started.
    expect(cisCrmRow(row({ type: 'CUSTOMER' }), statements())['Implementation status']).toBe('Not started');
    expect(cisCrmRow(row(CASES.notStarted), statements())['Implementation status']).toBe('Not started');
  });

  it('gives each side its statement and the tasks the system’s services create', () => {
    expect(cisCrmRow(row({ type: 'SHARED' }), statements())['Customer responsibility']).toBe(
      'The customer patches what it manages.\nAmazon EC2: you patch the guest OS',
    );
    expect(awsProvision(statements())).toEqual(['AWS patches its infrastructure.', 'Amazon RDS: AWS patches the database engine']);
    expect(cisCrmRow(row({ type: 'CUSTOMER' }), statements({ customerStatement: '', lines: [] }))['Customer responsibility']).toBe('');
  });

  it('writes a header and escapes cells a spreadsheet would run as formulas', () => {
    const csv = cisCrmCsv([cisCrmRow(row(CASES.planned, { title: '=HYPERLINK("x")' }), statements({ lines: [] }))]);
    expect(csv).toBe(
      '\uFEFFControl ID,Demarc code,Title,Implementation status,Control origination,Can be inherited,AWS half,Customer half,Customer responsibility,Remarks\r\n' +
        `"SI-2, IA-2(1)",AWS-SI-01,"'=HYPERLINK(""x"")",Planned,Service Provider System Specific,No,,Planned,The customer patches what it manages.,\r\n`,
    );
  });

  it('makes an ASCII file name from the system name', () => {
    const now = new Date('2026-05-01T10:00:00Z');
    expect(exportFileName('Paiements — prod "EU"', 'ssp', 'json', now)).toBe('paiements-prod-eu-ssp-2026-05-01.json');
    expect(exportFileName('日本', 'cis-crm', 'csv', now)).toBe('system-cis-crm-2026-05-01.csv');
  });
});

describe('the system’s controls CSV', () => {
  const control = (c: StateCase, over: Partial<RegisterRow> = {}) =>
    systemControlsRow({ row: row(c, over), statements: statements(), narrative: '', ownerEmail: 'olga@example.test' });

  it('writes every column in words: type and why, applicability, both halves, status, validity per half, next review', () => {
    const shared = control(
      { ...CASES.sharedPartial, evidenceAt: new Date('2026-02-10T00:00:00Z') },
      { effective: { type: 'SHARED', because: [ec2Patching] } },
    );
    expect(shared).toEqual({
      Code: 'AWS-SI-01',
      Title: 'Patch management',
      'NIST SP 800-53': 'SI-2, IA-2(1)',
      Owner: 'Olga Owner',
      'Owner email': 'olga@example.test',
      Responsibility: 'Shared',
      'Why this responsibility': 'Shared — this system uses Amazon EC2: you patch the guest OS',
      Applicability: 'Applies',
      'AWS half': `Implemented by AWS — ${REPORT}, covered until 2027-01-29`,
      'Customer half': 'Partially implemented',
      Status: 'Partially implemented',
      Evidence: 'Current',
      'AWS half valid until': '2027-01-29',
      'Customer half valid until': '2027-02-10',
      'Next review': '2026-11-01',
    });
    expect(control(CASES.inheritedNoReport)).toMatchObject({
      Responsibility: 'Inherited',
      'AWS half': 'AWS half: no report on file',
      'Customer half': '',
      Status: 'AWS half: no report on file',
      Evidence: 'Missing',
      'AWS half valid until': '',
    });
    expect(control(CASES.inheritedCurrent)).toMatchObject({ Status: 'Implemented by AWS', Evidence: 'Current' });
    expect(control(CASES.notStarted)).toMatchObject({ 'Customer half': 'Not started', Status: 'Not started' });
  });

  it('leaves halves and evidence empty where the control does not apply, and says why', () => {
    for (const [c, why] of [
      [CASES.serviceBound, 'Not applicable — this system uses no Amazon S3'],
      [CASES.markedNotApplicable, 'Not applicable — Our functions use AWS-provided runtimes only.'],
    ] as const) {
      expect(control(c)).toMatchObject({
        Applicability: why,
        'AWS half': '',
        'Customer half': '',
        Status: 'Not applicable',
        Evidence: '',
        'AWS half valid until': '',
        'Customer half valid until': '',
      });
    }
  });

  it('has a header in words and escapes formulas', () => {
    const csv = buildSystemControlsCsv([control(CASES.planned, { title: '@SUM(A1)' })]);
    const [header, first] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe(SYSTEM_CONTROLS_COLUMNS.join(','));
    expect(header).toBe(
      'Code,Title,NIST SP 800-53,Owner,Owner email,Responsibility,Why this responsibility,Applicability,AWS half,Customer half,Status,Evidence,AWS half valid until,Customer half valid until,Next review',
    );
    expect(first).toContain(`,'@SUM(A1),`);
    expect(csv).not.toMatch(/NOT_STARTED|PLANNED|CUSTOMER|MISSING/);
  });
});
