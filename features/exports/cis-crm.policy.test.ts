import { describe, expect, it } from 'vitest';
import type { RegisterRow } from '@/features/controls/register.policy';
import type { ServiceLine } from '@/features/controls/responsibility.policy';
import { implementingControls } from './baseline.policy';
import {
  CIS_COLUMNS,
  CRM_COLUMNS,
  NO_BASELINE_NOTE,
  NO_CONTROL_MAPPED,
  ORIGINATION_COLUMN,
  STATUS_COLUMN,
  SYSTEM_CONTROLS_COLUMNS,
  aboutRows,
  awsProvision,
  baselineEntries,
  buildSystemControlsCsv,
  cisCrmSheets,
  cisCrmXlsx,
  cisCsv,
  cisRow,
  crmCsv,
  crmRow,
  customerResponsibility,
  customersCanInherit,
  exportFileName,
  nistIdEntries,
  nistLabel,
  systemControlsRow,
  type CisControl,
  type CisEntry,
  type CisRow,
  type ControlStatements,
} from './cis-crm.policy';
import { CASES, TODAY, stateOf, type StateCase } from './cis-crm.fixture';
import { FEDRAMP_STATUS_WORDS, SHARED_WORDS, originationWords } from './fedramp.policy';

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

const leveraged = { name: 'Amazon Web Services (FedRAMP Partner Package)', dateAuthorized: null };
const INHERITED_WORDS =
  'Inherited from pre-existing FedRAMP Authorization for Amazon Web Services (FedRAMP Partner Package), date of authorization not recorded';

/** A Demarc control behind a CIS row, in the given standing. */
function cisControl(code: string, c: StateCase, over: Partial<CisControl> = {}): CisControl {
  return {
    id: code,
    code,
    nistIds: ['ac-2'],
    type: c.type,
    state: stateOf(c).state,
    customers: { responsibility: '', inherit: null },
    ...over,
  };
}

const entry = (...controls: CisControl[]): CisEntry => ({ nistId: 'ac-2.1', title: 'Automated System Account Management', controls });
const marked = (r: CisRow) => CIS_COLUMNS.filter((c) => r[c] === 'X');

describe('the CIS sheet', () => {
  it('uses FedRAMP’s status and origination words as its X columns', () => {
    expect(Object.values(STATUS_COLUMN)).toEqual(Object.values(FEDRAMP_STATUS_WORDS));
    for (const token of ['sp-corporate', 'sp-system', 'customer-configured', 'customer-provided'] as const) {
      expect(ORIGINATION_COLUMN[token]).toBe(originationWords(token, leveraged));
    }
    expect(originationWords('inherited', leveraged).startsWith(ORIGINATION_COLUMN.inherited)).toBe(true);
    expect(CIS_COLUMNS).toContain(SHARED_WORDS);
  });

  it('marks one status and every origination of one control, labelled as people write it', () => {
    const r = cisRow(entry(cisControl('AWS-SI-01', CASES.sharedPartial)), leveraged);
    expect(r['Control ID']).toBe('AC-2(1)');
    expect(r['Control name']).toBe('Automated System Account Management');
    expect(marked(r)).toEqual([
      'Partially Implemented',
      'Service Provider System Specific',
      'Inherited from pre-existing FedRAMP Authorization',
    ]);
    expect(r['Implementation status']).toBe('Partially Implemented');
    expect(r['Control origination']).toBe(`Service Provider System Specific\n${INHERITED_WORDS}`);
    expect(r['Demarc controls']).toBe('AWS-SI-01');
    expect(r.Remarks).toBe(
      `AWS-SI-01: Implemented by AWS — ${REPORT}, covered until 2027-01-29; service provider part: Partially implemented`,
    );
  });

  it('is "Shared" only when the team and its own customers both have a part, never for AWS and the team', () => {
    const awsAndTeam = cisRow(entry(cisControl('A', CASES.implemented, { type: 'SHARED' })), leveraged);
    expect(awsAndTeam[SHARED_WORDS]).toBe('');
    const withCustomers = cisRow(
      entry(cisControl('A', CASES.implemented, { customers: { responsibility: 'Customers enable MFA for their users.', inherit: null } })),
      leveraged,
    );
    expect(marked(withCustomers)).toEqual([
      'Implemented',
      'Service Provider System Specific',
      'Configured by Customer (Customer System Specific)',
      SHARED_WORDS,
    ]);
    expect(withCustomers['Control origination'].split('\n')[0]).toBe(SHARED_WORDS);
    const provided = cisRow(entry(cisControl('A', CASES.implemented, { customers: { responsibility: '', inherit: 'NO' } })), leveraged);
    expect(marked(provided)).toContain('Provided by Customer (Customer System Specific)');
  });

  it('combines several controls behind one NIST id into one row: least implemented of those that apply, every origination', () => {
    const r = cisRow(
      entry(
        cisControl('AWS-PE-01', CASES.inheritedCurrent),
        cisControl('AWS-AC-01', CASES.planned),
        cisControl('AWS-SI-02', CASES.markedNotApplicable, { customers: { responsibility: 'ignored: does not apply', inherit: 'NO' } }),
      ),
      leveraged,
    );
    expect(r['Implementation status']).toBe('Planned');
    expect(marked(r)).toEqual(['Planned', 'Service Provider System Specific', 'Inherited from pre-existing FedRAMP Authorization']);
    expect(r['Demarc controls']).toBe('AWS-PE-01, AWS-AC-01, AWS-SI-02');
    expect(r.Remarks.split('\n')).toEqual([
      `AWS-PE-01: Implemented by AWS — ${REPORT}, covered until 2027-01-29`,
      'AWS-AC-01: service provider part: Planned',
      'AWS-SI-02: Not applicable — Our functions use AWS-provided runtimes only.',
    ]);
    // Not applicable only when none applies; then its origination is still said.
    const none = cisRow(entry(cisControl('S3-01', CASES.serviceBound), cisControl('L-01', CASES.markedNotApplicable)), leveraged);
    expect(marked(none)).toEqual(['Not Applicable', 'Service Provider System Specific']);
  });

  it('never writes a control nobody has begun as anything but Planned, and says it has not started', () => {
    const r = cisRow(entry(cisControl('AWS-SC-03', CASES.notStarted)), leveraged);
    expect(r['Implementation status']).toBe('Planned');
    expect(r.Remarks).toBe('AWS-SC-03: service provider part: Not started');
    const noReport = cisRow(entry(cisControl('AWS-MP-01', CASES.inheritedNoReport)), leveraged);
    expect([noReport['Implementation status'], noReport.Remarks]).toEqual(['Planned', 'AWS-MP-01: AWS half: no report on file']);
  });

  it('gives a baseline control no Demarc control implements a Planned row that says so', () => {
    const r = cisRow(entry(), leveraged);
    expect(marked(r)).toEqual(['Planned']);
    expect([r['Control origination'], r['Demarc controls'], r.Remarks]).toEqual(['', '', NO_CONTROL_MAPPED]);
  });

  it('finds the controls behind each baseline requirement: counted mappings and named NIST ids, in baseline order', () => {
    const a = cisControl('A', CASES.implemented, { nistIds: ['ac-2'] });
    const b = cisControl('B', CASES.implemented, { nistIds: [] });
    const c = cisControl('C', CASES.implemented, { nistIds: ['ia-2.1'] });
    const requirements = [
      { id: 'r-ac-2', externalId: 'ac-2', title: 'Account Management' },
      { id: 'r-ac-2.1', externalId: 'ac-2.1', title: 'Automated' },
      { id: 'r-ia-2', externalId: 'ia-2', title: 'Identification' },
    ];
    const implementedBy = implementingControls(
      requirements,
      [
        { controlId: 'B', requirementId: 'r-ac-2' },
        { controlId: 'A', requirementId: 'r-ac-2' },
      ],
      [a, b, c],
    );
    const entries = baselineEntries(
      requirements.map((r) => ({ ...r, controlIds: implementedBy.get(r.id)! })),
      [a, b, c],
    );
    expect(entries.map((e) => [e.nistId, e.controls.map((x) => x.code)])).toEqual([
      ['ac-2', ['A', 'B']],
      ['ac-2.1', []],
      ['ia-2', []],
    ]);
  });

  it('without a baseline, lists each NIST id the controls name once, in NIST order, never comma-joined', () => {
    const entries = nistIdEntries([
      cisControl('A', CASES.implemented, { nistIds: ['ac-2', 'ac-6', 'ia-2', 'ia-2.1', 'ia-2.2'] }),
      cisControl('B', CASES.planned, { nistIds: ['ac-2.7', 'ac-6', 'ia-2.1', 'ac-10'] }),
    ]);
    expect(entries.map((e) => nistLabel(e.nistId))).toEqual(['AC-2', 'AC-2(7)', 'AC-6', 'AC-10', 'IA-2', 'IA-2(1)', 'IA-2(2)']);
    expect(entries.find((e) => e.nistId === 'ia-2.1')!.controls.map((c) => c.code)).toEqual(['A', 'B']);
    const { cis } = cisCrmSheets(entries, leveraged, false);
    expect(cis.every((r) => r.Remarks.startsWith(NO_BASELINE_NOTE))).toBe(true);
    expect(cis.find((r) => r['Control ID'] === 'IA-2(1)')!['Implementation status']).toBe('Planned');
  });

  it('names the leveraged AWS authorization in the About sheet', () => {
    expect(aboutRows({ systemName: 'S', baselineName: null, leveraged, generatedAt: TODAY })).toContainEqual([
      'Leveraged authorization',
      INHERITED_WORDS,
    ]);
  });

  it('writes a header and escapes cells a spreadsheet would run as formulas', () => {
    const csv = cisCsv([cisRow({ nistId: 'si-2', title: '=HYPERLINK("x")', controls: [] }, leveraged)]);
    const [header, first] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe(CIS_COLUMNS.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','));
    expect(first).toBe(`SI-2,"'=HYPERLINK(""x"")",,,X,,,,,,,,,,Planned,,,${NO_CONTROL_MAPPED}`);
  });

  it('makes an ASCII file name from the system name', () => {
    const now = new Date('2026-05-01T10:00:00Z');
    expect(exportFileName('Paiements — prod "EU"', 'ssp', 'json', now)).toBe('paiements-prod-eu-ssp-2026-05-01.json');
    expect(exportFileName('日本', 'cis-crm', 'csv', now)).toBe('system-cis-crm-2026-05-01.csv');
  });
});

describe('the CRM sheet', () => {
  const customers = (responsibility: string, inherit: CisControl['customers']['inherit']) => ({ customers: { responsibility, inherit } });

  it('lists what the team’s own customers must do, never what the team owes AWS', () => {
    // A shared control (AWS and the team) whose customers have nothing to do: no CRM row.
    expect(crmRow(entry(cisControl('AWS-SI-01', CASES.sharedPartial)))).toBeNull();
    expect(crmRow(entry(cisControl('A', CASES.implemented, customers('', 'YES'))))).toBeNull();
    expect(crmRow(entry(cisControl('A', CASES.implemented, customers('Customers enable MFA for their users.', null))))).toEqual({
      'Control ID': 'AC-2(1)',
      'Can be inherited by customers': 'Partial',
      'Specific customer responsibility': 'Customers enable MFA for their users.',
      'Demarc controls': 'A',
    });
    expect(crmRow(entry(cisControl('A', CASES.implemented, customers('', 'NO'))))).toMatchObject({
      'Can be inherited by customers': 'No',
      'Specific customer responsibility': 'Not written yet: say what customers must do on the control’s customer half.',
    });
  });

  it('combines the controls behind one NIST id: the least inheritable, each responsibility with its code; skips controls that do not apply', () => {
    const r = crmRow(
      entry(
        cisControl('A', CASES.implemented, customers('Customers manage their users.', 'PARTIAL')),
        cisControl('B', CASES.implemented, customers('Customers review access yearly.', 'YES')),
        cisControl('C', CASES.serviceBound, customers('Never shown.', 'NO')),
      ),
    );
    expect(r).toEqual({
      'Control ID': 'AC-2(1)',
      'Can be inherited by customers': 'Partial',
      'Specific customer responsibility': 'A: Customers manage their users.\nB: Customers review access yearly.',
      'Demarc controls': 'A, B',
    });
    expect(customersCanInherit([{ responsibility: 'x', inherit: 'YES' }])).toBe('YES');
    expect(
      customersCanInherit([
        { responsibility: 'x', inherit: 'YES' },
        { responsibility: '', inherit: 'NO' },
      ]),
    ).toBe('NO');
    const csv = crmCsv([r!]);
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(CRM_COLUMNS.join(','));
  });
});

describe('each side’s text (the SSP reads it)', () => {
  it('gives each side its statement and the tasks the system’s services create', () => {
    expect(customerResponsibility(statements())).toEqual(['The customer patches what it manages.', 'Amazon EC2: you patch the guest OS']);
    expect(awsProvision(statements())).toEqual(['AWS patches its infrastructure.', 'Amazon RDS: AWS patches the database engine']);
    expect(customerResponsibility(statements({ customerStatement: '', lines: [] }))).toEqual([]);
  });
});

describe('the XLSX workbook', () => {
  it('writes every sheet with a frozen, bold header and a cell starting with "=" as text, never a formula', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const sheets = cisCrmSheets(
      [entry(cisControl('A', CASES.markedNotApplicable, { nistIds: ['ac-2.1'], code: '=1+1' }))],
      leveraged,
      true,
    );
    const buffer = await cisCrmXlsx(sheets, [['System', '=cmd|"/c calc"!A1']]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['CIS', 'CRM', 'About']);
    const cis = workbook.getWorksheet('CIS')!;
    expect(cis.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(cis.getRow(1).font?.bold).toBe(true);
    expect(cis.getCell('A1').value).toBe('Control ID');
    const codes = cis.getCell(2, CIS_COLUMNS.indexOf('Demarc controls') + 1);
    expect([codes.value, codes.type, codes.formula]).toEqual(['=1+1', ExcelJS.ValueType.String, undefined]);
    expect(cis.getCell('B2').alignment?.wrapText).toBe(true);
    expect(workbook.getWorksheet('About')!.getCell('B2').value).toBe('=cmd|"/c calc"!A1');
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
      'Failing checks': '',
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
      'Code,Title,NIST SP 800-53,Owner,Owner email,Responsibility,Why this responsibility,Applicability,AWS half,Customer half,Status,Failing checks,Evidence,AWS half valid until,Customer half valid until,Next review',
    );
    expect(first).toContain(`,'@SUM(A1),`);
    expect(csv).not.toMatch(/NOT_STARTED|PLANNED|CUSTOMER|MISSING/);
  });
});
