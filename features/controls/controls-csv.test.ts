import { describe, expect, it } from 'vitest';
import { controlFreshness } from '@/features/evidence/evidence.policy';
import type { ImplementationStatus } from '@/lib/generated/prisma/enums.ts';
import { buildControlsCsv, escapeCell, parseAppliesTo, parseControlsCsv, readCsv, unescapeCell } from './controls-csv';
import type { ResponsibilityType } from './responsibility.policy';
import { deriveControlState } from './status.policy';

/** A customer control's state in a system using the given services, as the register derives it. */
function stateIn(services: string[], status: ImplementationStatus | null, appliesTo: string[] = []) {
  const type: ResponsibilityType = 'CUSTOMER';
  const freshness = controlFreshness({ type, cadence: 'ANNUAL', latestEffectiveAt: null, latestReportPeriodEnd: null }, new Date());
  return deriveControlState({
    type,
    appliesTo,
    systemServices: new Set(services),
    implementation: status ? { status, justification: '' } : null,
    freshness,
    report: null,
  });
}

const PROBLEMS = (csv: string) => {
  try {
    parseControlsCsv(csv);
    return [];
  } catch (error) {
    return (error as { fieldErrors: { csv: string[] } }).fieldErrors.csv;
  }
};

describe('controls CSV', () => {
  it('escapes cells a spreadsheet would run as formulas, and undoes it', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
      expect(escapeCell(cell)).toBe(`'${cell}`);
      expect(unescapeCell(escapeCell(cell))).toBe(cell);
    }
    for (const cell of ['AC-1', 'a=b', "'quoted", '']) expect(escapeCell(cell)).toBe(cell);
    expect(unescapeCell("'plain")).toBe("'plain");
  });

  it('writes one row per control in words, one line per mapping, three columns per system', () => {
    const csv = buildControlsCsv(
      ['Events', 'Ledger', 'Payments'],
      [
        {
          fields: {
            code: 'AC-1',
            title: 'Accounts',
            description: '=cmd',
            family: 'Access control',
            defaultType: 'SHARED',
            awsStatement: '',
            customerStatement: '',
            cadence: 'ANNUAL',
            nistIds: ['ac-2', 'ia-2.1'],
          },
          appliesTo: ['s3', 'rds'],
          mappings: [
            { framework: 'NIST', requirementId: 'ac-2' },
            { framework: 'SOC 2', requirementId: 'CC6.1' },
          ],
          systems: new Map([
            ['Events', { ownerEmail: '', type: 'CUSTOMER', state: stateIn(['lambda'], null, ['s3', 'rds']) }],
            ['Ledger', { ownerEmail: '', type: 'CUSTOMER', state: stateIn(['rds'], 'NOT_STARTED', ['s3', 'rds']) }],
            ['Payments', { ownerEmail: 'o@example.test', type: 'SHARED', state: stateIn(['s3'], 'PLANNED', ['s3', 'rds']) }],
          ]),
        },
      ],
    );
    expect(csv).toBe(
      '\uFEFFcode,title,description,family,default_type,aws_statement,customer_statement,cadence,nist_ids,applies_to,mappings,' +
        'owner:Events,type:Events,status:Events,owner:Ledger,type:Ledger,status:Ledger,owner:Payments,type:Payments,status:Payments\r\n' +
        `AC-1,Accounts,'=cmd,Access control,Shared,,,Annual,"AC-2, IA-2(1)",s3;rds,"NIST|ac-2\nSOC 2|CC6.1",` +
        ',Customer,Not applicable — this system uses no Amazon S3 or Amazon RDS,,Customer,Not started,o@example.test,Shared,Planned\r\n',
    );
    expect(csv).not.toMatch(/NOT_STARTED|PLANNED|SHARED|ANNUAL/);
    const { rows, systemNames } = parseControlsCsv(csv);
    expect(systemNames).toEqual(['Events', 'Ledger', 'Payments']);
    expect(rows[0]).toMatchObject({
      row: 2,
      fields: { description: '=cmd', defaultType: 'SHARED', cadence: 'ANNUAL', nistIds: ['ac-2', 'ia-2.1'] },
      appliesTo: ['rds', 's3'],
      mappings: [
        { framework: 'NIST', requirementId: 'ac-2' },
        { framework: 'SOC 2', requirementId: 'CC6.1' },
      ],
      owners: new Map([['Payments', 'o@example.test']]),
    });
  });

  it('reads applies_to as catalog service codes, and leaves it alone when the column is absent', () => {
    expect(parseAppliesTo('S3; rds,ec2  s3')).toEqual({ codes: ['ec2', 'rds', 's3'], unknown: [] });
    expect(parseAppliesTo('')).toEqual({ codes: [], unknown: [] });
    expect(parseAppliesTo('s3;Amazon S3;bucket')).toEqual({ codes: ['s3'], unknown: ['amazon', 'bucket'] });
    const read = (csv: string) => parseControlsCsv(csv).rows.map((r) => r.appliesTo);
    expect(read('code,title,family,default_type,cadence,applies_to\nA,T,F,Shared,Annual,s3;rds\nB,T,F,Shared,Annual,')).toEqual([
      ['rds', 's3'],
      [],
    ]);
    expect(read('code,title,family,default_type,cadence\nA,T,F,Shared,Annual')).toEqual([null]);
    expect(PROBLEMS('code,title,family,default_type,cadence,applies_to\nA,T,F,Shared,Annual,s3;dynamo')).toEqual([
      'Row 2, column “applies_to”: “dynamo” is not a service in the catalog. Write service codes such as s3 or rds, separated by semicolons.',
    ]);
  });

  it('ignores the per-system type and status columns on import, whatever words they hold', () => {
    const csv = 'code,title,family,default_type,cadence,type:Payments,status:Payments\nA,T,F,Shared,Annual,Shared,Not started';
    expect(PROBLEMS(csv)).toEqual([]);
    expect(parseControlsCsv(csv).systemNames).toEqual([]);
  });

  it('names the row and the column of every problem', () => {
    const problems = PROBLEMS;
    expect(problems('code,title,family,default_type,cadence,colour\nA,B,C,SHARED,ANNUAL,red')).toEqual([
      'Row 1, column “colour”: Unknown column. Use code, title, description, family, default_type, aws_statement, customer_statement, cadence, nist_ids, applies_to, mappings, or owner:<system name>.',
    ]);
    expect(problems('code,title,family,default_type,cadence,nist_ids,mappings\nA B,T,F,SHARED,WEEKLY,XX,nopipe')).toEqual([
      'Row 2, column “code”: Use letters, digits, dots, dashes, slashes and parentheses, no spaces.',
      'Row 2, column “cadence”: Choose how often evidence is renewed.',
      'Row 2, column “nist_ids”: Write NIST SP 800-53 ids like SI-2 or IA-2(1), separated by commas.',
    ]);
    expect(problems('code,title,family,default_type,cadence,mappings\nA,T,F,SHARED,ANNUAL,nopipe\nB,T,F,SHARED,ANNUAL,,extra')).toEqual([
      'Row 3, column “#7”: This row has more cells than the header has columns.',
    ]);
    expect(problems('code,title,family,default_type,cadence,mappings\nA,T,F,SHARED,ANNUAL,nopipe')).toEqual([
      'Row 2, column “mappings”: “nopipe”: write each mapping on its own line as framework name|requirement id.',
    ]);
    expect(() => readCsv('a,"b\n')).toThrow(/^The file is not valid CSV: /);
    expect(() => readCsv('')).toThrow('The file is empty: the first row must name the columns.');
  });
});
