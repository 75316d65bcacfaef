import { describe, expect, it } from 'vitest';
import { buildControlsCsv, escapeCell, parseControlsCsv, readCsv, unescapeCell } from './controls-csv';

describe('controls CSV', () => {
  it('escapes cells a spreadsheet would run as formulas, and undoes it', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
      expect(escapeCell(cell)).toBe(`'${cell}`);
      expect(unescapeCell(escapeCell(cell))).toBe(cell);
    }
    for (const cell of ['AC-1', 'a=b', "'quoted", '']) expect(escapeCell(cell)).toBe(cell);
    expect(unescapeCell("'plain")).toBe("'plain");
  });

  it('writes one row per control, one line per mapping, three columns per system', () => {
    const csv = buildControlsCsv(
      ['Payments'],
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
          mappings: [
            { framework: 'NIST', requirementId: 'ac-2' },
            { framework: 'SOC 2', requirementId: 'CC6.1' },
          ],
          systems: new Map([['Payments', { ownerEmail: 'o@example.test', type: 'SHARED', status: 'PLANNED' }]]),
        },
      ],
    );
    expect(csv).toBe(
      '\uFEFFcode,title,description,family,default_type,aws_statement,customer_statement,cadence,nist_ids,mappings,owner:Payments,type:Payments,status:Payments\r\n' +
        `AC-1,Accounts,'=cmd,Access control,SHARED,,,ANNUAL,"AC-2, IA-2(1)","NIST|ac-2\nSOC 2|CC6.1",o@example.test,SHARED,PLANNED\r\n`,
    );
    const { rows, systemNames } = parseControlsCsv(csv);
    expect(systemNames).toEqual(['Payments']);
    expect(rows[0]).toMatchObject({
      row: 2,
      fields: { description: '=cmd', nistIds: ['ac-2', 'ia-2.1'] },
      mappings: [
        { framework: 'NIST', requirementId: 'ac-2' },
        { framework: 'SOC 2', requirementId: 'CC6.1' },
      ],
      owners: new Map([['Payments', 'o@example.test']]),
    });
  });

  it('names the row and the column of every problem', () => {
    const problems = (csv: string) => {
      try {
        parseControlsCsv(csv);
        return [];
      } catch (error) {
        return (error as { fieldErrors: { csv: string[] } }).fieldErrors.csv;
      }
    };
    expect(problems('code,title,family,default_type,cadence,colour\nA,B,C,SHARED,ANNUAL,red')).toEqual([
      'Row 1, column “colour”: Unknown column. Use code, title, description, family, default_type, aws_statement, customer_statement, cadence, nist_ids, mappings, or owner:<system name>.',
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
