import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { loadRegister } from '@/features/controls/controls.data';
import { importControlsCsv } from '@/features/controls/controls-csv.data';
import type { RegisterRow } from '@/features/controls/register.policy';
import { loadStarterLibrary } from '@/features/library/library.data';
import { bulkAssignOwner, saveImplementation } from '@/features/owners/owners.data';
import { createProviderReport } from '@/features/reports/reports.data';
import type { OrgContext } from '@/lib/auth/permissions';
import { CIS_COLUMNS, NO_BASELINE_NOTE, SYSTEM_CONTROLS_COLUMNS } from './cis-crm.policy';
import { cisCrmWorksheet, systemControlsCsv } from './cis-crm.data';
import { buildSsp } from './ssp.data';

const SSP_SCHEMA = path.resolve(import.meta.dirname, '../../../shared/data/oscal/oscal_ssp_schema.json');
const NOW = new Date('2026-05-04T09:30:00Z');
const base = { narrative: '', justification: '', ownerId: '', nextReviewAt: '' };

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type ByComponent = {
  'component-uuid': string;
  description: string;
  props?: { name: string; value: string }[];
  export?: {
    provided?: { uuid: string; description: string }[];
    responsibilities?: { uuid: string; 'provided-uuid'?: string; description: string }[];
  };
  inherited?: { 'provided-uuid': string; description: string }[];
  satisfied?: {
    'responsibility-uuid': string;
    description: string;
    'responsible-roles'?: { 'role-id': string; 'party-uuids': string[] }[];
  }[];
  'implementation-status': { state: string; remarks?: string };
};
type Requirement = {
  'control-id': string;
  props: { name: string; value: string; remarks?: string }[];
  'set-parameters'?: { 'param-id': string; values: string[] }[];
  statements: { 'statement-id': string }[];
  'responsible-roles'?: { 'role-id': string; 'party-uuids': string[] }[];
  'by-components': ByComponent[];
};

/** NIST's SSP schema's verdict on a document: its first errors, none when it is valid. */
function schemaErrors(ssp: unknown) {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SSP_SCHEMA, 'utf8')));
  return validate(ssp) ? [] : (validate.errors ?? []).slice(0, 5);
}

const REPORT = 'SOC 2 Type 2, report-A1b2C3d4E5f6G7h8';

/** Every value of a key anywhere in the document. */
function valuesOf(node: Json, key: string): Json[] {
  if (Array.isArray(node)) return node.flatMap((n) => valuesOf(n, key));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => (k === key ? [v] : []).concat(valuesOf(v, key)));
  return [];
}

let ctx: OrgContext;
let editor: OrgContext;
let editorEmail: string;
let systemId: string;
let register: Map<string, RegisterRow>;

beforeAll(async () => {
  ({ ctx } = await createOrganization('Acme Payments'));
  ({ ctx: editor, email: editorEmail } = await createMember(ctx, 'EDITOR'));
  await loadStarterLibrary(ctx);
  const system = await createTestSystem(ctx, ['ec2', 's3', 'lambda', 'rds', 'iam', 'vpc'], 'Payments platform (prod)');
  systemId = system.id;
  register = new Map((await loadRegister(ctx, system)).map((r) => [r.code, r]));
  const id = (code: string) => register.get(code)!.id;
  const save = (
    code: string,
    fields: Partial<typeof base> & { status: 'IMPLEMENTED' | 'PARTIALLY_IMPLEMENTED' | 'PLANNED' | 'NOT_APPLICABLE' },
  ) => saveImplementation(ctx, { ...base, ...fields, controlId: id(code), systemId, version: 0 });
  await save('AWS-SI-01', { status: 'IMPLEMENTED', ownerId: editor.userId, narrative: 'Patch Manager patches the EC2 fleet weekly.' });
  await save('AWS-AC-01', { status: 'PARTIALLY_IMPLEMENTED', ownerId: ctx.userId });
  await save('AWS-SI-02', { status: 'NOT_APPLICABLE', justification: 'Our functions use AWS-provided runtimes only.' });
  await bulkAssignOwner(ctx, { systemId, controlIds: ['AWS-SC-02', 'AWS-SC-03', 'AWS-SC-04'].map(id), ownerId: editor.userId });
  await createProviderReport(ctx, {
    title: 'SOC 2 Type 2',
    artifactReportId: 'report-A1b2C3d4E5f6G7h8',
    reportVersion: '2026-1',
    series: 'SOC',
    category: 'Certifications and attestations',
    periodStart: '2025-04-01',
    periodEnd: '2026-03-31',
    retrievedAt: '2026-05-02',
    termsAcceptedAt: '2026-05-02',
    controlIds: [id('AWS-PE-01'), id('AWS-SI-01')],
  });
});

describe('OSCAL SSP export', () => {
  it('validates against NIST’s SSP schema', async () => {
    const { ssp, fileName } = await buildSsp(ctx, systemId, NOW);
    expect(schemaErrors(ssp)).toEqual([]);
    expect(fileName).toBe('payments-platform-prod-ssp-2026-05-04.json');
  });

  it('is a leveraging plan: AWS inherited and satisfied on the AWS component, the team’s own part on this system, no export of AWS', async () => {
    const plan = (await buildSsp(ctx, systemId, NOW)).ssp['system-security-plan'];
    const requirements = plan['control-implementation']['implemented-requirements'] as Requirement[];
    const [thisSystem, aws] = plan['system-implementation'].components;
    const leveraged = plan['system-implementation']['leveraged-authorizations'][0]!;
    const parties = new Set(plan.metadata.parties.map((p) => p.uuid));
    const roles = new Set(plan.metadata.roles.map((r) => r.id));
    expect(aws!.props).toEqual([
      { name: 'implementation-point', value: 'external' },
      { name: 'leveraged-authorization-uuid', value: leveraged.uuid },
      { name: 'inherited-uuid', value: expect.any(String) },
    ]);

    // Every UUID is unique, and every party and role named is defined.
    const doc = plan as unknown as Json;
    const uuids = valuesOf(doc, 'uuid');
    expect(new Set(uuids).size).toBe(uuids.length);
    for (const party of [...valuesOf(doc, 'party-uuids').flat(), ...valuesOf(doc, 'party-uuid')]) expect(parties).toContain(party);
    for (const role of [...valuesOf(doc, 'role-id'), ...valuesOf(doc, 'role-ids').flat()]) expect(roles).toContain(role);
    for (const requirement of requirements) {
      const awsPart = requirement['by-components'].find((b) => b['component-uuid'] === aws!.uuid);
      const systemPart = requirement['by-components'].find((b) => b['component-uuid'] === thisSystem!.uuid)!;
      expect(awsPart?.export).toBeUndefined();
      expect(systemPart.inherited).toBeUndefined();
      expect(systemPart.satisfied).toBeUndefined();
      // Nothing was said about the team's customers here: nothing is exported.
      expect(systemPart.export).toBeUndefined();
    }

    const requirement = (controlId: string) => requirements.find((r) => r['control-id'] === controlId)!;
    const prop = (r: Requirement, name: string) => r.props.filter((p) => p.name === name).map((p) => p.value);
    const awsOf = (r: Requirement) => r['by-components'].find((b) => b['component-uuid'] === aws!.uuid);
    const systemOf = (r: Requirement) => r['by-components'].find((b) => b['component-uuid'] === thisSystem!.uuid)!;
    // SI-2: patch management is shared on EC2: AWS's part inherited, the AWS customer responsibility satisfied by the team.
    const si2 = requirement('si-2');
    expect(prop(si2, 'control-origination')).toEqual(['sp-system', 'inherited']);
    expect(prop(si2, 'implementation-status')).toEqual(['implemented']);
    expect(prop(si2, 'leveraged-authorization-uuid')).toEqual([leveraged.uuid]);
    expect(awsOf(si2)!.inherited![0]!.description).toContain(`Implemented by AWS — ${REPORT}, covered until 2026-06-29`);
    expect(awsOf(si2)!.satisfied![0]!.description).toContain('Patch Manager patches the EC2 fleet weekly.');
    const editorParty = plan.metadata.parties.find((p) => p.name === 'EDITOR member')!;
    expect(awsOf(si2)!.satisfied![0]!['responsible-roles']).toEqual([{ 'role-id': 'control-owner', 'party-uuids': [editorParty.uuid] }]);
    expect(systemOf(si2)['implementation-status']).toEqual({
      state: 'implemented',
      remarks: [
        `AWS-SI-01: Implemented by AWS — ${REPORT}, covered until 2026-06-29. Customer half: implemented`,
        'AWS-SI-02: Not applicable — Our functions use AWS-provided runtimes only.',
      ].join('\n\n'),
    });
    // PE-2: inherited whole, implemented by AWS while the recorded SOC 2 report covers it.
    const pe2 = requirement('pe-2');
    expect(prop(pe2, 'control-origination')).toEqual(['inherited']);
    expect(prop(pe2, 'implementation-status')).toEqual(['implemented']);
    expect(awsOf(pe2)!.satisfied).toBeUndefined();
    // MP-6: no report covers AWS-MP-01: planned, with the reason, and no completion date to give.
    const mp6 = requirement('mp-6');
    expect(mp6.props[0]).toMatchObject({ value: 'planned', remarks: expect.stringContaining('AWS-MP-01: AWS half: no report on file') });
    expect(prop(mp6, 'planned-completion-date')).toEqual([]);
    // SC-8: the team's alone; an owner assigned but nothing recorded: not started, which FedRAMP calls planned.
    const sc8 = requirement('sc-8');
    expect(prop(sc8, 'control-origination')).toEqual(['sp-system']);
    expect(awsOf(sc8)).toBeUndefined();
    expect(systemOf(sc8)['implementation-status']).toMatchObject({
      state: 'planned',
      remarks: expect.stringContaining('AWS-SC-03: Not started'),
    });
    // IA-2(2): only AWS-AC-01 names it, partially implemented: FedRAMP's partial with its plan. AC-2 is also named by a
    // control not started: the least implemented wins.
    expect(prop(requirement('ia-2.2'), 'implementation-status')).toEqual(['partial', 'planned']);
    expect(prop(requirement('ac-2'), 'implementation-status')).toEqual(['planned']);
    expect(leveraged.links).toEqual([expect.objectContaining({ rel: 'reference', text: 'SOC 2 Type 2' })]);
    expect(leveraged['date-authorized']).toBe('2026-03-31');
    expect(leveraged.remarks).toContain('The FedRAMP authorization date is not recorded');
    expect(plan['import-profile']).toMatchObject({ remarks: expect.stringContaining('No baseline is chosen') });
  });

  it('is stable: the same data gives the same document, UUIDs and version', async () => {
    const first = await buildSsp(ctx, systemId, NOW);
    expect((await buildSsp(ctx, systemId, NOW)).ssp).toEqual(first.ssp);
    const other = await createTestSystem(ctx, ['lambda']);
    const second = (await buildSsp(ctx, other.id, NOW)).ssp['system-security-plan'];
    expect(second.uuid).not.toBe(first.ssp['system-security-plan'].uuid);
    expect(second.metadata.version).not.toBe(first.ssp['system-security-plan'].metadata.version);
  });
});

describe('CIS/CRM worksheet', () => {
  it('escapes a title a spreadsheet would run as a formula; an SSP needs NIST ids', async () => {
    const { ctx: org } = await createOrganization();
    const system = await createTestSystem(org, ['ec2']);
    await createTestControl(org, { code: 'X-1', title: '=HYPERLINK("http://evil.test","open")', customerStatement: '@SUM(A1)' });
    // Without a baseline the CIS lists the NIST ids the controls name: none here, so no row (cis-crm.integration.test.ts escapes cells).
    const { csv } = await cisCrmWorksheet(org, system.id);
    expect(parse(csv, { bom: true })).toEqual([[...CIS_COLUMNS]]);
    await expect(buildSsp(org, system.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses another organization’s system, and ids that are not systems', async () => {
    const { ctx: other } = await createOrganization();
    await loadStarterLibrary(other);
    for (const id of [systemId, 'not-a-uuid']) {
      await expect(buildSsp(other, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(cisCrmWorksheet(other, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});

describe('controls CSV of a system', () => {
  it('lists every control in words, as the register derives it', async () => {
    const { csv } = await systemControlsCsv(ctx, systemId, NOW);
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(SYSTEM_CONTROLS_COLUMNS.join(','));
    const rows: Record<string, string>[] = parse(csv, { bom: true, columns: true });
    expect(rows).toHaveLength(register.size);
    const byCode = new Map(rows.map((r) => [r.Code, r]));
    expect(byCode.get('AWS-SI-01')).toEqual({
      Code: 'AWS-SI-01',
      Title: register.get('AWS-SI-01')!.title,
      'NIST SP 800-53': 'SI-2',
      Owner: 'EDITOR member',
      'Owner email': editorEmail,
      Responsibility: 'Shared',
      'Why this responsibility': expect.stringMatching(/^Shared — this system uses Amazon EC2: /),
      Applicability: 'Applies',
      'AWS half': `Implemented by AWS — ${REPORT}, covered until 2026-06-29`,
      'Customer half': 'Implemented',
      Status: 'Implemented',
      'Failing checks': '',
      Evidence: 'Missing',
      'AWS half valid until': '2026-06-29',
      'Customer half valid until': '',
      'Next review': '',
    });
    expect(byCode.get('AWS-PE-01')).toMatchObject({ Status: 'Implemented by AWS', Evidence: 'Current', 'Customer half': '' });
    expect(byCode.get('AWS-SC-03')).toMatchObject({ 'Customer half': 'Not started', Status: 'Not started' });
    expect(byCode.get('AWS-SI-02')).toMatchObject({
      Applicability: 'Not applicable — Our functions use AWS-provided runtimes only.',
      Status: 'Not applicable',
      Evidence: '',
    });
    expect(rows.every((r) => ['Inherited', 'Shared', 'Customer'].includes(r.Responsibility!))).toBe(true);
    expect(csv).not.toMatch(/NOT_STARTED|PARTIALLY_IMPLEMENTED|NOT_APPLICABLE|INHERITED|MISSING/);
  });
});

describe('a control bound to a service the system does not use', () => {
  it('is not applicable, with the reason, in the worksheet, the SSP and the controls CSV', async () => {
    const { ctx: org } = await createOrganization();
    const system = await createTestSystem(org, ['rds'], 'Ledger database');
    await importControlsCsv(
      org,
      [
        'code,title,family,default_type,cadence,nist_ids,applies_to',
        'S3-01,Buckets block public access,Data protection,Customer,Annual,SC-28,s3',
        'DB-01,Database users reviewed,Access control,Customer,Annual,AC-2,rds',
      ].join('\n'),
    );
    const why = 'Not applicable — this system uses no Amazon S3';

    const worksheet = new Map(
      (parse((await cisCrmWorksheet(org, system.id, NOW)).csv, { bom: true, columns: true }) as Record<string, string>[]).map((r) => [
        r['Control ID'],
        r,
      ]),
    );
    expect(worksheet.get('SC-28')).toMatchObject({
      'Implementation status': 'Not Applicable',
      Remarks: `${NO_BASELINE_NOTE}\nS3-01: ${why}`,
    });
    expect(worksheet.get('AC-2')).toMatchObject({
      'Implementation status': 'Planned',
      Remarks: `${NO_BASELINE_NOTE}\nDB-01: service provider part: Not started`,
    });

    const { ssp } = await buildSsp(org, system.id, NOW);
    expect(schemaErrors(ssp)).toEqual([]);
    const requirements = ssp['system-security-plan']['control-implementation']['implemented-requirements'] as Requirement[];
    const statusOf = (id: string) => requirements.find((r) => r['control-id'] === id)!['by-components'].at(-1)!['implementation-status'];
    expect(statusOf('sc-28')).toEqual({ state: 'not-applicable', remarks: `S3-01: ${why}` });
    expect(statusOf('ac-2')).toMatchObject({ state: 'planned', remarks: expect.stringMatching(/^DB-01: Not started/) });

    const controls = new Map(
      (parse((await systemControlsCsv(org, system.id, NOW)).csv, { bom: true, columns: true }) as Record<string, string>[]).map((r) => [
        r.Code,
        r,
      ]),
    );
    expect(controls.get('S3-01')).toMatchObject({ Applicability: why, Status: 'Not applicable', 'Customer half': '', Evidence: '' });
    expect(controls.get('DB-01')).toMatchObject({ Applicability: 'Applies', Status: 'Not started', Evidence: 'Missing' });
  });
});
