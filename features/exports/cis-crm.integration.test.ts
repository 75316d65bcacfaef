import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { unescapeCell } from '@/features/controls/controls-csv';
import { loadRegister } from '@/features/controls/controls.data';
import { importOscalText } from '@/features/frameworks/frameworks-import.data';
import { mapControl } from '@/features/frameworks/frameworks.data';
import { loadStarterLibrary } from '@/features/library/library.data';
import { saveImplementation } from '@/features/owners/owners.data';
import { createProviderReport } from '@/features/reports/reports.data';
import type { OrgContext } from '@/lib/auth/permissions';
import { prisma } from '@/lib/db';
import { CIS_COLUMNS, CRM_COLUMNS, NO_BASELINE_NOTE, NO_CONTROL_MAPPED } from './cis-crm.policy';
import { cisCrmWorkbook, cisCrmWorksheet, cisCrmXlsxFile, crmWorksheet, systemExports } from './cis-crm.data';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const LI_SAAS = readFileSync(path.join(DATA, 'fedramp/FedRAMP_rev5_LI-SaaS-baseline-resolved-profile_catalog.json'), 'utf8');
const NOW = new Date('2026-05-04T09:30:00Z');
const base = { narrative: '', justification: '', nextReviewAt: '' };
const INHERITED = 'Inherited from pre-existing FedRAMP Authorization for Amazon Web Services (AWS FedRAMP Partner Package), 2016-06-21';

type OscalControl = { id: string; title: string; props?: { name: string; value: string }[]; controls?: OscalControl[] };
type OscalGroup = { controls?: OscalControl[]; groups?: OscalGroup[] };

/** The baseline's controls and enhancements, not withdrawn, in the file's order, counted from the file itself. */
function baselineControls(): { id: string; title: string }[] {
  const catalog = (JSON.parse(LI_SAAS) as { catalog: OscalGroup }).catalog;
  const out: { id: string; title: string }[] = [];
  const walk = (controls: OscalControl[] = []) => {
    for (const c of controls) {
      if (!c.props?.some((p) => p.name === 'status' && p.value.toLowerCase() === 'withdrawn')) out.push({ id: c.id, title: c.title });
      walk(c.controls);
    }
  };
  const groups = (g: OscalGroup) => {
    walk(g.controls);
    for (const inner of g.groups ?? []) groups(inner);
  };
  groups(catalog);
  return out;
}

const label = (id: string) => id.toUpperCase().replace(/\.(\d+)$/, '($1)');
const rowsOf = (csv: string) => parse(csv, { bom: true, columns: true }) as Record<string, string>[];

let ctx: OrgContext;
let systemId: string;
let baselineId: string;
let ids: Map<string, string>;

beforeAll(async () => {
  ({ ctx } = await createOrganization('Acme Payments'));
  await loadStarterLibrary(ctx);
  const system = await createTestSystem(ctx, ['ec2', 's3', 'lambda', 'rds', 'iam', 'vpc'], 'Payments platform (prod)');
  systemId = system.id;
  ids = new Map((await loadRegister(ctx, system)).map((r) => [r.code, r.id]));
  const id = (code: string) => ids.get(code)!;

  // The file does not mark itself as a resolved profile: it is imported as a baseline on purpose, as the upload form allows.
  const { framework } = await importOscalText(ctx, LI_SAAS, { via: 'upload', schemaDir: path.join(DATA, 'oscal'), baseline: true });
  baselineId = framework.id;
  await prisma.system.update({ where: { id: systemId }, data: { baselineFrameworkId: baselineId } });

  // IA-2(1) is named by two controls: AWS-AC-01 (partially implemented) and AWS-IA-01 (implemented).
  await saveImplementation(ctx, {
    ...base,
    ownerId: ctx.userId,
    status: 'PARTIALLY_IMPLEMENTED',
    controlId: id('AWS-AC-01'),
    systemId,
    version: 0,
  });
  await saveImplementation(ctx, { ...base, ownerId: ctx.userId, status: 'IMPLEMENTED', controlId: id('AWS-IA-01'), systemId, version: 0 });
  await saveImplementation(ctx, {
    ...base,
    ownerId: '',
    status: 'NOT_APPLICABLE',
    justification: '=Our functions use AWS-provided runtimes only.',
    controlId: id('AWS-SI-02'),
    systemId,
    version: 0,
  });
  // The team's own customers' part, on the customer half.
  await prisma.controlImplementation.updateMany({
    where: { orgId: ctx.orgId, systemId, controlId: id('AWS-AC-01') },
    data: { customersResponsibility: '=Customers manage the accounts of their own users.', customersInherit: 'PARTIAL' },
  });
  await prisma.controlImplementation.updateMany({
    where: { orgId: ctx.orgId, systemId, controlId: id('AWS-IA-01') },
    data: { customersResponsibility: 'Customers turn on MFA for their administrators.', customersInherit: 'NO' },
  });

  // A control that names no NIST id, mapped by hand to AT-1.
  const policy = await createTestControl(ctx, { code: 'POL-01', title: 'Security awareness policy', defaultType: 'CUSTOMER' });
  const at1 = await prisma.requirement.findFirstOrThrow({ where: { orgId: ctx.orgId, frameworkId: baselineId, externalId: 'at-1' } });
  await mapControl(ctx, { controlId: policy.id, requirementId: at1.id, rationale: 'Our awareness policy.' });

  // A catalog the baseline was drawn from: a mapping made there counts for the baseline's CA-6 too.
  const catalog = {
    catalog: {
      uuid: '5b0a5a4e-1c2d-4e8f-9a0b-1c2d3e4f5a6b',
      metadata: { title: 'Acme catalog excerpt', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.1.2' },
      groups: [{ id: 'ca', class: 'family', title: 'Assessment', controls: [{ id: 'ca-6', class: 'SP800-53', title: 'Authorization' }] }],
    },
  };
  const { framework: source } = await importOscalText(ctx, JSON.stringify(catalog), { via: 'upload', schemaDir: path.join(DATA, 'oscal') });
  const authorization = await createTestControl(ctx, { code: 'AUTH-01', title: 'Authorization to operate', defaultType: 'CUSTOMER' });
  const ca6 = await prisma.requirement.findFirstOrThrow({ where: { orgId: ctx.orgId, frameworkId: source.id, externalId: 'ca-6' } });
  await mapControl(ctx, { controlId: authorization.id, requirementId: ca6.id, rationale: 'Our ATO process.' });

  const report = {
    reportVersion: '2026-1',
    category: 'Certifications and attestations',
    retrievedAt: '2026-05-02',
    termsAcceptedAt: '2026-05-02',
  };
  await createProviderReport(ctx, {
    ...report,
    title: 'SOC 2 Type 2',
    artifactReportId: 'report-A1b2C3d4E5f6G7h8',
    series: 'SOC',
    periodStart: '2025-10-01',
    periodEnd: '2026-03-31',
    controlIds: [id('AWS-PE-01')],
  });
  await createProviderReport(ctx, {
    ...report,
    title: 'AWS FedRAMP Partner Package',
    artifactReportId: 'report-F3dR4mP4ck4g3000',
    series: 'FedRAMP',
    periodStart: '2025-06-01',
    periodEnd: '2026-02-28',
    controlIds: [id('AWS-PE-01')],
  });
  // The package id and date are recorded by editing the report (the SSP names the same ones).
  await prisma.providerReport.updateMany({
    where: { orgId: ctx.orgId, artifactReportId: 'report-F3dR4mP4ck4g3000' },
    data: { fedrampPackageId: 'F1603047866', fedrampAuthorizedAt: new Date('2016-06-21') },
  });
});

describe('the CIS against the system’s baseline (FedRAMP LI-SaaS)', () => {
  it('has one row per control and enhancement of the baseline, in its order, labelled as people write them', async () => {
    const { csv, fileName } = await cisCrmWorksheet(ctx, systemId, NOW);
    expect(fileName).toBe('payments-platform-prod-cis-2026-05-04.csv');
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(CIS_COLUMNS.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','));
    const rows = rowsOf(csv);
    const expected = baselineControls();
    expect(expected.length).toBe(156);
    expect(rows.map((r) => [r['Control ID'], r['Control name']])).toEqual(expected.map((c) => [label(c.id), c.title]));
    const controlIds = rows.map((r) => r['Control ID']!);
    expect(new Set(controlIds).size).toBe(controlIds.length);
    expect(controlIds.filter((c) => c.includes(','))).toEqual([]);
    // Each row marks exactly one status.
    const statuses = ['Implemented', 'Partially Implemented', 'Planned', 'Alternative Implementation', 'Not Applicable'] as const;
    for (const row of rows)
      expect(
        statuses.filter((s) => row[s] === 'X'),
        row['Control ID'],
      ).toHaveLength(1);
    expect(csv).not.toMatch(/NOT_STARTED|PARTIALLY_IMPLEMENTED|sp-system|customer-configured/);
  });

  it('combines the two controls behind IA-2(1) into one row: the least implemented, every origination, both codes', async () => {
    const rows = rowsOf((await cisCrmWorksheet(ctx, systemId, NOW)).csv);
    expect(rows.find((r) => r['Control ID'] === 'IA-2(1)')).toMatchObject({
      'Control name': 'Multi-factor Authentication to Privileged Accounts',
      'Partially Implemented': 'X',
      Implemented: '',
      'Service Provider System Specific': 'X',
      'Configured by Customer (Customer System Specific)': 'X',
      'Provided by Customer (Customer System Specific)': 'X',
      'Shared (Service Provider and Customer Responsibility)': 'X',
      'Implementation status': 'Partially Implemented',
      'Control origination': [
        'Shared (Service Provider and Customer Responsibility)',
        'Service Provider System Specific',
        'Configured by Customer (Customer System Specific)',
        'Provided by Customer (Customer System Specific)',
      ].join('\n'),
      'Demarc controls': 'AWS-AC-01, AWS-IA-01',
      Remarks: 'AWS-AC-01: service provider part: Partially implemented\nAWS-IA-01: service provider part: Implemented',
    });
  });

  it('writes origination in FedRAMP’s words, naming the leveraged AWS package from the accepted reports', async () => {
    const rows = new Map(rowsOf((await cisCrmWorksheet(ctx, systemId, NOW)).csv).map((r) => [r['Control ID'], r]));
    // Physical access: inherited from AWS, a current report covers it.
    expect(rows.get('PE-3')).toMatchObject({
      Implemented: 'X',
      'Inherited from pre-existing FedRAMP Authorization': 'X',
      'Service Provider System Specific': '',
      'Shared (Service Provider and Customer Responsibility)': '',
      'Control origination': INHERITED,
      'Demarc controls': 'AWS-PE-01',
    });
    // AWS and the team splitting a control is not FedRAMP's "Shared".
    const si2 = rows.get('SI-2')!;
    expect(si2['Demarc controls']).toContain('AWS-SI-01');
    expect(si2['Control origination']!.split('\n')).toEqual(['Service Provider System Specific', INHERITED]);
    expect(si2['Shared (Service Provider and Customer Responsibility)']).toBe('');
    // Mapped by hand, no NIST id named: still behind AT-1. A control nobody implements says so.
    expect(rows.get('AT-1')).toMatchObject({
      Planned: 'X',
      'Demarc controls': 'POL-01',
      Remarks: 'POL-01: service provider part: Not started',
    });
    expect(rows.get('CA-6')).toMatchObject({ Planned: 'X', 'Demarc controls': 'AUTH-01' });
    const unmapped = [...rows.values()].filter((r) => r['Demarc controls'] === '');
    expect(unmapped.length).toBeGreaterThan(0);
    for (const r of unmapped) expect([r.Planned, r['Implementation status'], r.Remarks]).toEqual(['X', 'Planned', NO_CONTROL_MAPPED]);
  });
});

describe('the CRM', () => {
  it('lists what the team’s own customers must do, one row per NIST id, from the customers’ part', async () => {
    const { csv, fileName } = await crmWorksheet(ctx, systemId, NOW);
    expect(fileName).toBe('payments-platform-prod-crm-2026-05-04.csv');
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(CRM_COLUMNS.join(','));
    const rows = rowsOf(csv);
    // AWS-AC-01 names AC-2, AC-6, IA-2, IA-2(1), IA-2(2); AWS-IA-01 names IA-2(1) and IA-5, among others: only those in LI-SaaS.
    const inBaseline = new Set(baselineControls().map((c) => label(c.id)));
    const expected = ['AC-2', 'AC-6', 'IA-2', 'IA-2(1)', 'IA-2(2)', 'AC-2(7)', 'AC-6(2)', 'AC-6(5)', 'IA-5'].filter((c) =>
      inBaseline.has(c),
    );
    expect(rows.map((r) => r['Control ID']).sort()).toEqual(expected.sort());
    expect(rows.find((r) => r['Control ID'] === 'IA-2(1)')).toEqual({
      'Control ID': 'IA-2(1)',
      'Can be inherited by customers': 'No',
      'Specific customer responsibility':
        'AWS-AC-01: =Customers manage the accounts of their own users.\nAWS-IA-01: Customers turn on MFA for their administrators.',
      'Demarc controls': 'AWS-AC-01, AWS-IA-01',
    });
    expect(rows.find((r) => r['Control ID'] === 'AC-2')).toMatchObject({
      'Can be inherited by customers': 'Partial',
      'Specific customer responsibility': "'=Customers manage the accounts of their own users.",
    });
    // Nothing of what the team owes AWS: the controls' own customer statements are not the CRM.
    expect(csv).not.toMatch(/you patch|Amazon EC2:/);
  });
});

describe('the XLSX workbook', () => {
  it('opens with the CIS, CRM and About sheets, and its cells match the CSV downloads', async () => {
    const { fileName, body } = await cisCrmXlsxFile(ctx, systemId, NOW);
    expect(fileName).toBe('payments-platform-prod-cis-crm-2026-05-04.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['CIS', 'CRM', 'About']);
    const cells = (name: string, width: number) => {
      const sheet = workbook.getWorksheet(name)!;
      const rows: string[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row) => {
        rows.push(
          Array.from({ length: width }, (_, i) => {
            const cell = row.getCell(i + 1);
            expect(cell.formula, `${name}!${cell.address}`).toBeUndefined();
            return cell.value === null ? '' : String(cell.value);
          }),
        );
      });
      return rows;
    };
    const csvCells = (csv: string) => (parse(csv, { bom: true }) as string[][]).map((row) => row.map(unescapeCell));
    expect(cells('CIS', CIS_COLUMNS.length)).toEqual(csvCells((await cisCrmWorksheet(ctx, systemId, NOW)).csv));
    expect(cells('CRM', CRM_COLUMNS.length)).toEqual(csvCells((await crmWorksheet(ctx, systemId, NOW)).csv));
    // A cell that starts with "=" is text in the workbook (the CSV prefixes a quote).
    const crm = workbook.getWorksheet('CRM')!;
    const formulaLike = crm.getColumn(3).values.find((v) => typeof v === 'string' && v.startsWith('='));
    expect(formulaLike).toBe('=Customers manage the accounts of their own users.');
    const si2 = workbook
      .getWorksheet('CIS')!
      .getColumn(CIS_COLUMNS.indexOf('Remarks') + 1)
      .values.find((v) => String(v).includes('AWS-SI-02'));
    expect(String(si2)).toContain('AWS-SI-02: Not applicable — =Our functions use AWS-provided runtimes only.');
    const about = new Map(cells('About', 2).map(([k, v]) => [k, v]));
    expect(about.get('Baseline')).toBe(
      'FedRAMP Rev 5 Tailored Low Impact Software as a Service (LI-SaaS) Baseline (version fedramp2.1.0-oscal1.0.4)',
    );
    expect(about.get('Leveraged authorization')).toBe(INHERITED);
  });
});

describe('a system without a baseline', () => {
  it('lists each NIST id its controls name once, never comma-joined, and says a baseline should be set', async () => {
    await prisma.system.update({ where: { id: systemId }, data: { baselineFrameworkId: null } });
    try {
      const rows = rowsOf((await cisCrmWorksheet(ctx, systemId, NOW)).csv);
      const controlIds = rows.map((r) => r['Control ID']!);
      expect(new Set(controlIds).size).toBe(controlIds.length);
      expect(controlIds.filter((c) => c.includes(','))).toEqual([]);
      expect(controlIds).toContain('IA-2(1)');
      expect(controlIds).not.toContain('AT-1');
      for (const row of rows) expect(row.Remarks!.startsWith(NO_BASELINE_NOTE)).toBe(true);
      expect(rows.find((r) => r['Control ID'] === 'IA-2(1)')!['Demarc controls']).toBe('AWS-AC-01, AWS-IA-01');
      expect((await systemExports(ctx, systemId, NOW)).baselineName).toBeNull();
    } finally {
      await prisma.system.update({ where: { id: systemId }, data: { baselineFrameworkId: baselineId } });
    }
  });
});

describe('another organization', () => {
  it('cannot read the system’s workbook in any form', async () => {
    const { ctx: other } = await createOrganization();
    await loadStarterLibrary(other);
    for (const id of [systemId, 'not-a-uuid']) {
      for (const read of [cisCrmWorkbook, cisCrmWorksheet, crmWorksheet, cisCrmXlsxFile, systemExports]) {
        await expect(read(other, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
    }
  });
});
