import { describe, expect, it } from 'vitest';
import { controlFreshness } from '@/features/evidence/evidence.policy';
import type { ImplementationStatus } from '@/lib/generated/prisma/enums.ts';
import {
  buildControlsCsv,
  escapeCell,
  formatConflict,
  MAX_PROBLEMS,
  parseAppliesTo,
  parseControlsCsv,
  readCsv,
  staleRows,
  unescapeCell,
} from './controls-csv';
import type { ResponsibilityType } from './responsibility.policy';
import { deriveControlState } from './status.policy';

/** A customer control's state in a system using the given services, as the register derives it. */
const none = { customersResponsibility: '', customersInherit: null };

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

const PROBLEMS = async (csv: string) => {
  try {
    await parseControlsCsv(csv);
    return [];
  } catch (error) {
    return (error as { fieldErrors: { csv: string[] } }).fieldErrors.csv;
  }
};

const HEADER = 'code,title,family,default_type,cadence';
/** A file of `n` valid rows. */
const rowsCsv = (n: number, header = HEADER, cells = (i: number) => `C-${i},Title ${i},Family,Shared,Annual`) =>
  [header, ...Array.from({ length: n }, (_, i) => cells(i))].join('\n');

/** Text as an upload delivers it: bytes in chunks of `size`, cut wherever they fall (inside a character too). */
async function* chunked(text: string, size: number) {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('controls CSV', () => {
  it('escapes cells a spreadsheet would run as formulas, and undoes it', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
      expect(escapeCell(cell)).toBe(`'${cell}`);
      expect(unescapeCell(escapeCell(cell))).toBe(cell);
    }
    for (const cell of ['AC-1', 'a=b', "'quoted", '']) expect(escapeCell(cell)).toBe(cell);
    expect(unescapeCell("'plain")).toBe("'plain");
  });

  it('writes one row per control in words, one line per mapping, three columns per system, and its version', async () => {
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
          version: 7,
          appliesTo: ['s3', 'rds'],
          mappings: [
            { framework: 'NIST', requirementId: 'ac-2' },
            { framework: 'SOC 2', requirementId: 'CC6.1' },
          ],
          systems: new Map([
            ['Events', { ...none, ownerEmail: '', type: 'CUSTOMER', state: stateIn(['lambda'], null, ['s3', 'rds']) }],
            ['Ledger', { ...none, ownerEmail: '', type: 'CUSTOMER', state: stateIn(['rds'], 'NOT_STARTED', ['s3', 'rds']) }],
            [
              'Payments',
              {
                ownerEmail: 'o@example.test',
                type: 'SHARED',
                state: stateIn(['s3'], 'PLANNED', ['s3', 'rds']),
                customersResponsibility: 'Review your tenant’s users.',
                customersInherit: 'PARTIAL',
              },
            ],
          ]),
        },
      ],
    );
    expect(csv).toBe(
      '\uFEFFcode,title,description,family,default_type,aws_statement,customer_statement,cadence,nist_ids,applies_to,mappings,version,' +
        'owner:Events,type:Events,status:Events,customers_responsibility:Events,customers_inherit:Events,' +
        'owner:Ledger,type:Ledger,status:Ledger,customers_responsibility:Ledger,customers_inherit:Ledger,' +
        'owner:Payments,type:Payments,status:Payments,customers_responsibility:Payments,customers_inherit:Payments\r\n' +
        `AC-1,Accounts,'=cmd,Access control,Shared,,,Annual,"AC-2, IA-2(1)",s3;rds,"NIST|ac-2\nSOC 2|CC6.1",7,` +
        ',Customer,Not applicable — this system uses no Amazon S3 or Amazon RDS,,Not said,,Customer,Not started,,Not said,' +
        'o@example.test,Shared,Planned,Review your tenant’s users.,Partial\r\n',
    );
    expect(csv).not.toMatch(/NOT_STARTED|PLANNED|SHARED|ANNUAL/);
    const { rows, systemNames } = await parseControlsCsv(csv);
    expect(systemNames).toEqual(['Events', 'Ledger', 'Payments']);
    expect(rows[0]).toMatchObject({
      row: 2,
      version: 7,
      fields: { description: '=cmd', defaultType: 'SHARED', cadence: 'ANNUAL', nistIds: ['ac-2', 'ia-2.1'] },
      appliesTo: ['rds', 's3'],
      mappings: [
        { framework: 'NIST', requirementId: 'ac-2' },
        { framework: 'SOC 2', requirementId: 'CC6.1' },
      ],
      owners: new Map([['Payments', 'o@example.test']]),
      customers: new Map([
        ['Events', { responsibility: '', inherit: null }],
        ['Ledger', { responsibility: '', inherit: null }],
        ['Payments', { responsibility: 'Review your tenant’s users.', inherit: 'PARTIAL' }],
      ]),
    });
  });

  it('reads the team’s customers’ part per system, in words or codes, and names a wrong cell', async () => {
    const csv = [
      'code,title,family,default_type,cadence,customers_inherit:Payments',
      'A,T,F,Shared,Annual,yes',
      'B,T,F,Shared,Annual,not said',
    ];
    const { rows, systemNames } = await parseControlsCsv(csv.join('\n'));
    expect(systemNames).toEqual(['Payments']);
    expect(rows.map((r) => r.customers.get('Payments'))).toEqual([{ inherit: 'YES' }, { inherit: null }]);
    expect(await PROBLEMS('code,title,family,default_type,cadence,customers_inherit:Payments\nA,T,F,Shared,Annual,maybe')).toEqual([
      'Row 2, column “customers_inherit:Payments”: Write Yes, Partial, No or Not said.',
    ]);
  });

  it('reads applies_to as catalog service codes, and leaves it alone when the column is absent', async () => {
    expect(parseAppliesTo('S3; rds,ec2  s3')).toEqual({ codes: ['ec2', 'rds', 's3'], unknown: [] });
    expect(parseAppliesTo('')).toEqual({ codes: [], unknown: [] });
    expect(parseAppliesTo('s3;Amazon S3;bucket')).toEqual({ codes: ['s3'], unknown: ['amazon', 'bucket'] });
    const read = async (csv: string) => (await parseControlsCsv(csv)).rows.map((r) => r.appliesTo);
    expect(await read('code,title,family,default_type,cadence,applies_to\nA,T,F,Shared,Annual,s3;rds\nB,T,F,Shared,Annual,')).toEqual([
      ['rds', 's3'],
      [],
    ]);
    expect(await read('code,title,family,default_type,cadence\nA,T,F,Shared,Annual')).toEqual([null]);
    expect(await PROBLEMS('code,title,family,default_type,cadence,applies_to\nA,T,F,Shared,Annual,s3;dynamo')).toEqual([
      'Row 2, column “applies_to”: “dynamo” is not a service in the catalog. Write service codes such as s3 or rds, separated by semicolons.',
    ]);
  });

  it('ignores the per-system type and status columns on import, whatever words they hold', async () => {
    const csv = 'code,title,family,default_type,cadence,type:Payments,status:Payments\nA,T,F,Shared,Annual,Shared,Not started';
    expect(await PROBLEMS(csv)).toEqual([]);
    expect((await parseControlsCsv(csv)).systemNames).toEqual([]);
  });

  it('names the row and the column of every problem', async () => {
    const problems = PROBLEMS;
    expect(await problems('code,title,family,default_type,cadence,colour\nA,B,C,SHARED,ANNUAL,red')).toEqual([
      'Row 1, column “colour”: Unknown column. Use code, title, description, family, default_type, aws_statement, customer_statement, cadence, nist_ids, applies_to, mappings, version, or owner:<system name> (also customers_responsibility: and customers_inherit:).',
    ]);
    expect(await problems('code,title,family,default_type,cadence,nist_ids,mappings\nA B,T,F,SHARED,WEEKLY,XX,nopipe')).toEqual([
      'Row 2, column “code”: Use letters, digits, dots, dashes, slashes and parentheses, no spaces.',
      'Row 2, column “cadence”: Choose how often evidence is renewed.',
      'Row 2, column “nist_ids”: Write NIST SP 800-53 ids like SI-2 or IA-2(1), separated by commas.',
    ]);
    expect(
      await problems('code,title,family,default_type,cadence,mappings\nA,T,F,SHARED,ANNUAL,nopipe\nB,T,F,SHARED,ANNUAL,,extra'),
    ).toEqual([
      'Row 2, column “mappings”: “nopipe”: write each mapping on its own line as framework name|requirement id.',
      'Row 3, column “#7”: This row has more cells than the header has columns.',
    ]);
    expect(await problems('code,title,family,default_type,cadence,mappings\nA,T,F,SHARED,ANNUAL,nopipe')).toEqual([
      'Row 2, column “mappings”: “nopipe”: write each mapping on its own line as framework name|requirement id.',
    ]);
    expect(await problems('code,title,family,default_type,cadence,version\nA,T,F,SHARED,ANNUAL,3\nB,T,F,SHARED,ANNUAL,v2')).toEqual([
      'Row 3, column “version”: Leave the version as the export wrote it (a whole number), or empty for a new control.',
    ]);
    expect(() => readCsv('a,"b\n')).toThrow(/^The file is not valid CSV: /);
    expect(() => readCsv('')).toThrow('The file is empty: the first row must name the columns.');
    await expect(parseControlsCsv('a,"b\n')).rejects.toThrow(/^The file is not valid CSV: /);
    await expect(parseControlsCsv('')).rejects.toThrow('The file is empty: the first row must name the columns.');
  });

  it('reads a file streamed in chunks, characters cut between them, as it reads the whole text', async () => {
    const csv = rowsCsv(300, `${HEADER},description`, (i) => `C-${i},Contrôle ${i} — “quoted”,Family,Shared,Annual,"ligne 1\nligne 2 ✓"`);
    const whole = await parseControlsCsv(csv);
    const streamed = await parseControlsCsv(chunked(csv, 7));
    expect(streamed).toEqual(whole);
    expect(whole.rows).toHaveLength(300);
    expect(whole.rows[299]!.fields).toMatchObject({ title: 'Contrôle 299 — “quoted”', description: 'ligne 1\nligne 2 ✓' });
    // Text is read in slices of 65,536 characters: an emoji across the first boundary stays whole.
    const rows = rowsCsv(2_450, `${HEADER},description`, (i) => `C-${i},T,F,Shared,Annual,`);
    const start = `${rows}\nE-1,Emoji,Family,Shared,Annual,`;
    const padded = `${start}${'x'.repeat(65_535 - start.length)}😀 end`;
    expect(padded.charCodeAt(65_535)).toBe(0xd83d);
    expect((await parseControlsCsv(padded)).rows.at(-1)!.fields.description).toMatch(/^x+😀 end$/);
  });

  it('refuses a file with more rows than allowed before validating on, whatever else is wrong with it', async () => {
    expect((await parseControlsCsv(rowsCsv(3), { maxRows: 3 })).rows).toHaveLength(3);
    // Blank lines are not rows.
    expect((await parseControlsCsv(`${rowsCsv(3)}\n\n\n`, { maxRows: 3 })).rows).toHaveLength(3);
    const tooMany = 'This file has more than 3 rows; nothing was imported. Split it into files of at most 3 rows each.';
    await expect(parseControlsCsv(rowsCsv(4), { maxRows: 3 })).rejects.toMatchObject({ code: 'VALIDATION', message: tooMany });
    await expect(
      parseControlsCsv(
        rowsCsv(4, HEADER, () => 'bad row,,,,'),
        { maxRows: 3 },
      ),
    ).rejects.toThrow(tooMany);
    await expect(parseControlsCsv(chunked(rowsCsv(50_000), 4096), { maxRows: 3 })).rejects.toThrow(tooMany);
    await expect(parseControlsCsv(rowsCsv(10_001))).rejects.toThrow(
      'This file has more than 10,000 rows; nothing was imported. Split it into files of at most 10,000 rows each.',
    );
  });

  it('lists at most a thousand problems', async () => {
    const error = await parseControlsCsv(rowsCsv(2_000, HEADER, () => ',,,,')).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'The file has at least 1,000 problems; nothing was imported. The first 1,000 are listed.' });
    expect((error as { problems: unknown[] }).problems).toHaveLength(MAX_PROBLEMS);
  });

  it('finds the rows exported before their control’s latest change', async () => {
    const { rows } = await parseControlsCsv(
      'code,title,family,default_type,cadence,version\nA,T,F,Shared,Annual,3\nB,T,F,Shared,Annual,5\nC,T,F,Shared,Annual,\nD,T,F,Shared,Annual,9\nE,T,F,Shared,Annual,1',
    );
    const versions = new Map([
      ['A', 5],
      ['B', 5],
      ['C', 8],
      ['D', 2],
    ]);
    // A is older than the database; B is current; C has no version; D is newer (another organization's export); E is new here.
    const stale = staleRows(rows, (code) => versions.get(code));
    expect(stale).toEqual([{ row: 2, code: 'A', version: 5, fileVersion: 3 }]);
    expect(stale.map(formatConflict)).toEqual(['Row 2 (A): changed in Demarc since this file was exported (version 5, file has 3)']);
  });
});
