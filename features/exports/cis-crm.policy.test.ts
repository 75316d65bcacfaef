import { describe, expect, it } from 'vitest';
import type { RegisterRow } from '@/features/controls/register.policy';
import type { ServiceLine } from '@/features/controls/responsibility.policy';
import { awsProvision, cisCrmCsv, cisCrmRow, exportFileName, type ControlStatements } from './cis-crm.policy';

const ec2Patching: ServiceLine = { serviceCode: 'ec2', type: 'SHARED', customerTask: 'you patch the guest OS', awsTask: '' };
const rdsPatching: ServiceLine = { serviceCode: 'rds', type: 'INHERITED', customerTask: '', awsTask: 'AWS patches the database engine' };

const statements = (over: Partial<ControlStatements> = {}): ControlStatements => ({
  nistIds: ['si-2', 'ia-2.1'],
  awsStatement: 'AWS patches its infrastructure.',
  customerStatement: 'The customer patches what it manages.',
  lines: [ec2Patching, rdsPatching],
  ...over,
});

const row = (type: RegisterRow['effective']['type'], status?: NonNullable<RegisterRow['implementation']>['status']) => ({
  code: 'AWS-SI-01',
  title: 'Patch management',
  effective: { type, because: [] },
  implementation: status ? { id: 'i', status, ownerId: null, ownerName: null, nextReviewAt: null, version: 1 } : null,
});

describe('CIS/CRM worksheet rows', () => {
  it('maps the effective type to control origination and "can be inherited"', () => {
    const pick = (type: RegisterRow['effective']['type']) => {
      const r = cisCrmRow(row(type), statements());
      return [r['Control origination'], r['Can be inherited']];
    };
    expect(pick('INHERITED')).toEqual(['Inherited', 'Yes']);
    expect(pick('SHARED')).toEqual(['Shared', 'Partial']);
    expect(pick('CUSTOMER')).toEqual(['Service Provider System Specific', 'No']);
  });

  it('names the control by its NIST ids, else by its Demarc code', () => {
    expect(cisCrmRow(row('SHARED'), statements())['Control ID']).toBe('SI-2, IA-2(1)');
    expect(cisCrmRow(row('SHARED'), statements({ nistIds: [] }))['Control ID']).toBe('AWS-SI-01');
  });

  it('maps statuses; a control with no record yet is planned', () => {
    const status = (s?: NonNullable<RegisterRow['implementation']>['status']) =>
      cisCrmRow(row('SHARED', s), statements())['Implementation status'];
    expect([status('IMPLEMENTED'), status('PARTIALLY_IMPLEMENTED'), status('PLANNED'), status('NOT_APPLICABLE'), status()]).toEqual([
      'Implemented',
      'Partially Implemented',
      'Planned',
      'Not Applicable',
      'Planned',
    ]);
  });

  it('gives each side its statement and the tasks the system’s services create', () => {
    expect(cisCrmRow(row('SHARED'), statements())['Customer responsibility']).toBe(
      'The customer patches what it manages.\nAmazon EC2: you patch the guest OS',
    );
    expect(awsProvision(statements())).toEqual(['AWS patches its infrastructure.', 'Amazon RDS: AWS patches the database engine']);
    expect(cisCrmRow(row('CUSTOMER'), statements({ customerStatement: '', lines: [] }))['Customer responsibility']).toBe('');
  });

  it('writes a header and escapes cells a spreadsheet would run as formulas', () => {
    const csv = cisCrmCsv([cisCrmRow({ ...row('CUSTOMER'), title: '=HYPERLINK("x")' }, statements({ lines: [] }))]);
    expect(csv).toBe(
      '\uFEFFControl ID,Demarc code,Title,Implementation status,Control origination,Can be inherited,Customer responsibility\r\n' +
        `"SI-2, IA-2(1)",AWS-SI-01,"'=HYPERLINK(""x"")",Planned,Service Provider System Specific,No,The customer patches what it manages.\r\n`,
    );
  });

  it('makes an ASCII file name from the system name', () => {
    const now = new Date('2026-05-01T10:00:00Z');
    expect(exportFileName('Paiements — prod "EU"', 'ssp', 'json', now)).toBe('paiements-prod-eu-ssp-2026-05-01.json');
    expect(exportFileName('日本', 'cis-crm', 'csv', now)).toBe('system-cis-crm-2026-05-01.csv');
  });
});
