// The SSP of a realistic system assessed against FedRAMP's LI-SaaS baseline, checked as FedRAMP
// checks it: NIST's schema, and each FedRAMP rule Demarc applies, by its ssp.sch id. Also the
// ssp:check CLI on a good and a broken file, and the closing figures for the demo system.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { createMember, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { loadRegister, listControls, saveCustomersPart } from '@/features/controls/controls.data';
import { parseRegisterFilters } from '@/features/controls/register.policy';
import { importOscalText } from '@/features/frameworks/frameworks-import.data';
import type { RequirementParam, StatementPart } from '@/features/frameworks/requirement-content';
import { loadStarterLibrary } from '@/features/library/library.data';
import { bulkAssignOwner, saveImplementation } from '@/features/owners/owners.data';
import { createProviderReport } from '@/features/reports/reports.data';
import { createSystem, updateSystemCategorization } from '@/features/systems/systems.data';
import { RULE_IDS, baselineParams, checkFedrampRules, ruleResults, type RuleId } from './fedramp-rules';
import { buildSsp } from './ssp.data';
import { GET as CHECK_ROUTE } from '@/app/(app)/[org]/systems/[systemId]/exports/ssp-check/route';
import { callRoute, sessionOf } from '@/test/requests';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OSCAL = path.resolve(ROOT, '../shared/data/oscal');
const LI_SAAS_TEXT = readFileSync(
  path.resolve(ROOT, '../shared/data/fedramp/FedRAMP_rev5_LI-SaaS-baseline-resolved-profile_catalog.json'),
  'utf8',
);
const LI_SAAS = JSON.parse(LI_SAAS_TEXT) as { catalog: OscalNode };
const NOW = new Date('2026-05-04T09:30:00Z');
const PLANNED_FOR = '2026-12-31';

type OscalNode = {
  id?: string;
  params?: {
    id: string;
    label?: string;
    values?: string[];
    constraints?: { description?: string }[];
    select?: { 'how-many'?: string; choice?: string[] };
  }[];
  parts?: OscalNode[];
  props?: { name: string; value: string }[];
  name?: string;
  controls?: OscalNode[];
  groups?: OscalNode[];
};
type Prop = { name: string; ns?: string; value: string; remarks?: string };
type ByComponent = {
  'component-uuid': string;
  description: string;
  inherited?: { description: string }[];
  satisfied?: { description: string }[];
  export?: { provided?: { uuid: string; description: string }[]; responsibilities?: { 'provided-uuid'?: string; description: string }[] };
};
type Requirement = {
  'control-id': string;
  props: Prop[];
  'set-parameters'?: { 'param-id': string; values: string[] }[];
  statements: { 'statement-id': string }[];
  'by-components': ByComponent[];
};

function schemaErrors(ssp: unknown) {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(OSCAL, 'oscal_ssp_schema.json'), 'utf8')));
  return validate(ssp) ? [] : (validate.errors ?? []).slice(0, 5);
}

/** Every control and enhancement of a resolved profile catalog, with its parameters and statement parts as Demarc stores them. */
function contentOf(catalog: OscalNode) {
  const out = new Map<string, { params: RequirementParam[]; parts: StatementPart[] }>();
  const partsOf = (part: OscalNode): StatementPart[] =>
    (part.parts ?? [])
      .filter((p) => p.id && p.name === 'item')
      .flatMap((p) => [{ id: p.id!, label: p.props?.find((x) => x.name === 'label')?.value ?? '' }, ...partsOf(p)]);
  const visit = (node: OscalNode) => {
    for (const control of node.controls ?? []) {
      const statement = control.parts?.find((p) => p.name === 'statement');
      out.set(control.id!, {
        params: (control.params ?? []).map((p) => ({
          id: p.id,
          label: `[Assignment: ${p.label ?? p.id}]`,
          values: p.values ?? [],
          constraints: (p.constraints ?? []).map((c) => c.description ?? ''),
          choices: p.select?.choice ?? null,
          howMany: p.select?.['how-many'] === 'one-or-more' ? 'one-or-more' : p.select ? 'one' : null,
          aggregates: [],
        })),
        parts: statement ? partsOf(statement) : [],
      });
      visit(control);
    }
    for (const group of node.groups ?? []) visit(group);
  };
  visit(catalog);
  return out;
}

const propValues = (r: Requirement, name: string) => r.props.filter((p) => p.name === name).map((p) => p.value);

describe('the FedRAMP SSP of a system assessed against the LI-SaaS baseline', () => {
  let ctx: OrgContext;
  let systemId: string;
  let requirements: Requirement[];
  let plan: Record<string, unknown> & { 'system-implementation': { components: { uuid: string; type: string }[] } };
  let ssp: unknown;
  let baselineId: string;
  let unmapped: string[];
  const RESPONSIBILITY = 'Review the users of your own tenant every quarter and remove those who left.';

  beforeAll(async () => {
    ({ ctx } = await createOrganization('Acme Payments'));
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    await loadStarterLibrary(ctx);
    const system = await createTestSystem(ctx, ['ec2', 's3', 'lambda', 'rds', 'iam', 'vpc'], 'Payments platform (prod)');
    systemId = system.id;
    const { framework } = await importOscalText(ctx, LI_SAAS_TEXT, { via: 'upload', schemaDir: OSCAL, baseline: true });
    baselineId = framework.id;
    // The import of parameters and statement parts is written elsewhere: the rows are filled here, as the import leaves them.
    const content = contentOf(LI_SAAS.catalog);
    const rows = await prisma.requirement.findMany({ where: { frameworkId: framework.id }, select: { id: true, externalId: true } });
    for (const row of rows) {
      const c = content.get(row.externalId);
      if (c) await prisma.requirement.update({ where: { id: row.id }, data: { params: c.params, parts: c.parts } });
    }
    // The system sets every parameter FedRAMP leaves open; one it overrides.
    const open = [...content.values()].flatMap((c) => c.params.filter((p) => p.values.length === 0).map((p) => p.id));
    const values = new Map(open.map((paramId) => [paramId, ['as defined in the Payments platform security policy']]));
    values.set('ac-02_odp.10', ['within 8 hours']);
    await prisma.systemParameterValue.createMany({
      data: [...values].map(([paramId, v]) => ({ orgId: ctx.orgId, systemId, paramId, values: v })),
    });
    await updateSystemCategorization(ctx, {
      id: systemId,
      version: system.version,
      confidentiality: 'LOW',
      integrity: 'LOW',
      availability: 'LOW',
      informationTypes: [
        { title: 'Payment transactions', nistId: 'C.3.5.1', confidentiality: 'LOW', integrity: 'LOW', availability: 'LOW' },
      ],
      baselineFrameworkId: framework.id,
    });

    // Every AWS half covered by AWS's FedRAMP report; every customer half recorded, two of them still in progress.
    const register = await loadRegister(ctx, system, { today: NOW });
    const report = await createProviderReport(ctx, {
      title: 'AWS FedRAMP Moderate P-ATO (US East/West)',
      artifactReportId: 'report-F1603047866AbCd',
      reportVersion: '2026',
      series: 'FedRAMP',
      category: 'Certifications and attestations',
      periodStart: '2025-07-01',
      periodEnd: '2026-06-30',
      retrievedAt: '2026-05-02',
      termsAcceptedAt: '2026-05-02',
      controlIds: register.filter((r) => r.state.aws).map((r) => r.id),
    });
    await prisma.providerReport.updateMany({
      where: { orgId: ctx.orgId, artifactReportId: 'report-F1603047866AbCd' },
      data: {
        fedrampPackageId: 'F1603047866',
        fedrampAuthorizationType: 'fedramp-jab',
        fedrampImpactLevel: 'MODERATE',
        fedrampAuthorizedAt: new Date('2013-05-13'),
      },
    });
    expect(report).toBeTruthy();
    for (const row of register.filter((r) => r.state.customer)) {
      const status = row.code === 'AWS-AC-01' ? 'PARTIALLY_IMPLEMENTED' : row.code === 'AWS-SC-03' ? 'PLANNED' : 'IMPLEMENTED';
      const saved = await saveImplementation(ctx, {
        controlId: row.id,
        systemId,
        version: 0,
        status,
        narrative: `${row.title}: done by the platform team as the runbook for ${row.code} describes.`,
        justification: '',
        ownerId: editor.userId,
        nextReviewAt: '',
      });
      if (status !== 'IMPLEMENTED' || row.code === 'AWS-SC-02') {
        await saveCustomersPart(ctx, {
          controlId: row.id,
          systemId,
          version: saved.version,
          customersResponsibility: row.code === 'AWS-AC-01' ? RESPONSIBILITY : '',
          customersInherit: row.code === 'AWS-AC-01' ? 'PARTIAL' : row.code === 'AWS-SC-02' ? 'YES' : null,
          plannedCompletionAt: status === 'IMPLEMENTED' ? null : PLANNED_FOR,
        });
      }
    }

    ssp = (await buildSsp(ctx, systemId, NOW)).ssp;
    plan = (ssp as { 'system-security-plan': typeof plan })['system-security-plan'];
    requirements = (plan['control-implementation'] as { 'implemented-requirements': Requirement[] })['implemented-requirements'];
    unmapped = requirements
      .filter((r) => r.props.some((p) => p.remarks?.includes('No Demarc control is mapped')))
      .map((r) => r['control-id']);
  });

  it('is valid against NIST’s SSP schema', () => {
    expect(schemaErrors(ssp)).toEqual([]);
  });

  it('answers every control and enhancement of the baseline, and imports it', async () => {
    const baseline = await prisma.requirement.findMany({
      where: { frameworkId: baselineId, kind: { in: ['control', 'enhancement'] }, withdrawn: false },
      select: { externalId: true },
      orderBy: { sortOrder: 'asc' },
    });
    expect(requirements.map((r) => r['control-id'])).toEqual(baseline.map((r) => r.externalId));
    expect(requirements).toHaveLength(156);
    const resources = (plan['back-matter'] as { resources: { uuid: string; title: string }[] }).resources;
    expect(plan['import-profile']).toEqual({ href: `#${resources[0]!.uuid}` });
    expect(resources[0]!.title).toBe('FedRAMP Rev 5 Tailored Low Impact Software as a Service (LI-SaaS) Baseline');
    expect((plan['system-characteristics'] as Record<string, unknown>)['security-sensitivity-level']).toBe('fips-199-low');
    // Mapped by the starter library's NIST ids; the rest is planned, saying no control is mapped.
    expect(unmapped.length).toBeGreaterThan(0);
    expect(unmapped.length).toBeLessThan(requirements.length);
    expect(unmapped).not.toContain('ac-2');
    const tally = (values: string[]) =>
      Object.fromEntries([...new Set(values)].sort().map((v) => [v, values.filter((x) => x === v).length]));
    console.log(
      JSON.stringify({
        requirements: requirements.length,
        unmapped: unmapped.length,
        byStatus: tally(requirements.map((r) => propValues(r, 'implementation-status').join('+'))),
        byOrigination: tally(requirements.map((r) => propValues(r, 'control-origination').join('+'))),
      }),
    );
  });

  it('passes each FedRAMP rule Demarc applies; only the requirements no control implements lack a plan', () => {
    const findings = checkFedrampRules(ssp, { today: NOW, baseline: baselineParams(LI_SAAS) });
    const passing: RuleId[] = [
      'has-security-sensitivity-level',
      'has-security-impact-level',
      'has-allowed-security-sensitivity-level',
      'security-sensitivity-level-matches-security-impact-level',
      'system-information-has-information-type',
      'information-type-has-categorization',
      'information-type-has-confidentiality-impact',
      'information-type-has-integrity-impact',
      'information-type-has-availability-impact',
      'categorization-has-correct-system-attribute',
      'categorization-has-information-type-id',
      'cia-impact-has-base',
      'cia-impact-has-selected',
      'system-security-plan-has-import-profile',
      'import-profile-has-href-attribute',
      'FedRAMP-ATO-Identifier-exists',
      'implemented-requirement-has-implementation-status',
      'implemented-requirement-has-allowed-implementation-status',
      'implemented-requirement-has-implementation-status-remarks',
      'implemented-requirement-has-allowed-composite-implementation-status',
      'partial-implemented-requirement-has-plan',
      'planned-completion-date-is-valid',
      'planned-completion-date-is-not-past',
      'implemented-requirement-has-control-origination',
      'implemented-requirement-has-allowed-control-origination',
      'implemented-requirement-has-leveraged-authorization',
      'has-inherited-description',
      'set-parameter-elements-match-baseline',
      'set-parameter-elements-match-baseline1',
    ];
    const failingOnUnmapped: RuleId[] = [
      'implemented-requirement-has-planned-completion-date',
      'leveraged-PE-controls-implemented-requirement',
    ];
    expect([...passing, ...failingOnUnmapped].sort()).toEqual([...RULE_IDS].sort());
    for (const ruleId of passing) expect(findings.filter((f) => f.ruleId === ruleId)).toEqual([]);
    const controlOf = (location: string) => requirements[Number(location.split('/')[4])]!['control-id'];
    const noPlan = findings
      .filter((f) => f.ruleId === 'implemented-requirement-has-planned-completion-date')
      .map((f) => controlOf(f.location));
    expect(noPlan).toEqual(unmapped);
    const pe = findings.filter((f) => f.ruleId === 'leveraged-PE-controls-implemented-requirement');
    expect(pe.every((f) => f.severity === 'warning' && unmapped.includes(controlOf(f.location)))).toBe(true);
    // The partial and the planned halves carry their date.
    for (const id of ['ia-2.2', 'sc-8']) {
      const r = requirements.find((x) => x['control-id'] === id);
      if (r) expect(propValues(r, 'planned-completion-date')).toEqual([PLANNED_FOR]);
    }
  });

  it('has the inheritance structure of NIST’s leveraging example', () => {
    const [thisSystem, aws] = plan['system-implementation'].components;
    expect([thisSystem!.type, aws!.type]).toEqual(['this-system', 'system']);
    const awsStatements = new Set<string>();
    let inheritedCount = 0;
    for (const r of requirements) {
      for (const b of r['by-components']) {
        if (b['component-uuid'] === aws!.uuid) {
          expect(b.export).toBeUndefined();
          expect(b.inherited ?? b.satisfied).toBeDefined();
          inheritedCount += b.inherited?.length ?? 0;
          for (const i of b.inherited ?? []) awsStatements.add(i.description.split('\n\n')[1]!);
        } else {
          expect(b['component-uuid']).toBe(thisSystem!.uuid);
          expect(b.inherited).toBeUndefined();
          expect(b.satisfied).toBeUndefined();
        }
      }
      if (propValues(r, 'control-origination').includes('inherited')) {
        expect(r['by-components'].some((b) => b['component-uuid'] === aws!.uuid && b.inherited?.length)).toBe(true);
      }
    }
    expect(inheritedCount).toBeGreaterThan(0);
    // Export only from the customers' fields, and no AWS capability under it.
    const exports = requirements.flatMap((r) =>
      r['by-components'].flatMap((b) => (b.export ? [{ id: r['control-id'], ...b.export }] : [])),
    );
    const ac2 = exports.find((e) => e.id === 'ac-2')!;
    expect(ac2.responsibilities).toEqual([
      expect.objectContaining({ 'provided-uuid': ac2.provided![0]!.uuid, description: expect.stringContaining(RESPONSIBILITY) }),
    ]);
    expect(new Set(exports.map((e) => e.id))).toEqual(
      new Set(requirements.filter((r) => r['by-components'].some((b) => b.export)).map((r) => r['control-id'])),
    );
    for (const e of exports) {
      for (const text of [...(e.provided ?? []), ...(e.responsibilities ?? [])].map((x) => x.description)) {
        for (const statement of awsStatements) expect(text).not.toContain(statement);
        expect(text).not.toMatch(/Amazon Web Services provides/);
      }
    }
  });

  it('sets the parameters: the system’s value, else none left open', () => {
    const ac2 = requirements.find((r) => r['control-id'] === 'ac-2')!;
    expect(ac2['set-parameters']).toContainEqual({ 'param-id': 'ac-02_odp.10', values: ['within 8 hours'] });
    expect(ac2.statements.map((s) => s['statement-id'])).toContain('ac-2_smt.a');
    const leveraged = (
      plan['system-implementation'] as unknown as { 'leveraged-authorizations': { props: Prop[]; 'date-authorized': string }[] }
    )['leveraged-authorizations'][0]!;
    expect(leveraged.props.map((p) => `${p.name}=${p.value}`)).toEqual([
      'leveraged-system-identifier=F1603047866',
      'authorization-type=fedramp-jab',
      'impact-level=moderate',
    ]);
    expect(leveraged['date-authorized']).toBe('2013-05-13');
  });
});

describe('npm run ssp:check', () => {
  let dir: string;
  let good: unknown;
  let goodSystemId: string;
  let viewer: OrgContext;
  const run = (...args: string[]) =>
    spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'scripts/ssp-check.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DEMARC_OSCAL_SCHEMA_DIR: OSCAL },
    });

  beforeAll(async () => {
    // A small system whose plan passes: categorized, everything implemented, AWS's half proved by its FedRAMP report.
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, ['ec2'], 'Ledger');
    const own = await createTestControl(ctx, { code: 'OWN-1', title: 'Accounts', defaultType: 'CUSTOMER', nistIds: ['ac-2'] });
    const aws = await createTestControl(ctx, { code: 'AWS-1', title: 'Data centre entry', defaultType: 'INHERITED', nistIds: ['pe-2'] });
    await saveImplementation(ctx, {
      controlId: own.id,
      systemId: system.id,
      version: 0,
      status: 'IMPLEMENTED',
      narrative: 'Accounts are reviewed monthly.',
      justification: '',
      ownerId: ctx.userId,
      nextReviewAt: '',
    });
    await createProviderReport(ctx, {
      title: 'AWS FedRAMP Moderate',
      artifactReportId: 'report-AAAABBBBCCCCDDDD',
      reportVersion: '',
      series: '',
      category: '',
      periodStart: '2025-07-01',
      periodEnd: '2026-06-30',
      retrievedAt: '2026-05-02',
      termsAcceptedAt: '2026-05-02',
      controlIds: [aws.id],
    });
    await prisma.providerReport.updateMany({ where: { orgId: ctx.orgId }, data: { fedrampPackageId: 'F1603047866' } });
    await updateSystemCategorization(ctx, {
      id: system.id,
      version: system.version,
      confidentiality: 'MODERATE',
      integrity: 'LOW',
      availability: 'LOW',
      informationTypes: [
        { title: 'Ledger entries', nistId: 'C.3.1.4', confidentiality: 'MODERATE', integrity: 'LOW', availability: 'LOW' },
      ],
      baselineFrameworkId: null,
    });
    good = (await buildSsp(ctx, system.id, NOW)).ssp;
    goodSystemId = system.id;
    ({ ctx: viewer } = await createMember(ctx, 'VIEWER'));
    dir = mkdtempSync(path.join(tmpdir(), 'ssp-check-'));
  });

  it('passes a good file, naming each rule applied', () => {
    const file = path.join(dir, 'good.json');
    writeFileSync(file, JSON.stringify(good));
    const result = run('--today', '2026-05-04', file);
    expect(result.stdout).toContain('NIST OSCAL SSP schema: valid');
    for (const ruleId of RULE_IDS.filter((id) => !id.startsWith('set-parameter'))) expect(result.stdout).toContain(`${ruleId}: pass`);
    expect(result.stdout).toContain('set-parameter-elements-match-baseline: not applied (give --baseline)');
    expect(result.stdout).toContain(`${file}: passed`);
    expect(result.status).toBe(0);
  });

  it('fails a broken file, with the rule, the schema error and where', () => {
    const broken = structuredClone(good) as {
      'system-security-plan': Record<string, unknown> & { 'control-implementation': { 'implemented-requirements': { props: Prop[] }[] } };
    };
    const requirement = broken['system-security-plan']['control-implementation']['implemented-requirements'][0]!;
    requirement.props = requirement.props.filter((p) => p.name !== 'implementation-status');
    delete broken['system-security-plan']['import-profile'];
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const result = run('--today', '2026-05-04', file);
    expect(result.stdout).toMatch(/^schema {2}error {4}\/system-security-plan: must have required property 'import-profile'/m);
    expect(result.stdout).toContain(
      'implemented-requirement-has-implementation-status  error  /system-security-plan/control-implementation/implemented-requirements/0',
    );
    expect(result.stdout).toContain('system-security-plan-has-import-profile: 1 failure(s)');
    expect(result.stdout).toContain(`${file}: FAILED`);
    expect(result.status).toBe(1);
    writeFileSync(file, '{ not json');
    expect(run(file).status).toBe(1);
    expect(run().status).toBe(2);
  });

  it('is offered beside the SSP download, to any member, as text', async () => {
    const response = await callRoute(CHECK_ROUTE, sessionOf(viewer), new Request('http://localhost/check'), {
      org: viewer.orgSlug,
      systemId: goodSystemId,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('ledger-ssp-');
    const text = await response.text();
    expect(text).toContain('NIST OSCAL SSP schema: valid');
    expect(text).toContain('implemented-requirement-has-implementation-status: pass');
    // Checked as of today: AWS's report (period ended 2026-06-30, plus the grace) no longer covers PE-2, so it is
    // planned, and has no completion date to give.
    expect(text).toContain('implemented-requirement-has-planned-completion-date: 1 failure(s)');
    expect(text).toMatch(/ledger-ssp-\d{4}-\d{2}-\d{2}\.json: FAILED/);
  });
});

describe('the demo system’s SSP (closing figures)', () => {
  it('counts its requirements by FedRAMP status and origination, and the rules’ results', async () => {
    // The demo organization as prisma/seed.ts builds it.
    const { ctx } = await createOrganization('Demo Company');
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    await loadStarterLibrary(ctx);
    const system = await createSystem(ctx, {
      name: 'Payments platform',
      description: 'Card payments API and its data stores (production accounts).',
      regions: ['eu-west-1', 'eu-central-1'],
      services: ['ec2', 'vpc', 'ebs', 'rds', 's3', 'lambda', 'iam', 'kms', 'cloudtrail'],
    });
    const network = await listControls(ctx, parseRegisterFilters({ system: system.id, family: 'System and communications protection' }));
    const halves = network.rows.filter((r) => r.effective.type !== 'INHERITED').map((r) => r.id);
    await bulkAssignOwner(ctx, { systemId: system.id, controlIds: halves, ownerId: editor.userId });

    const { ssp } = await buildSsp(ctx, system.id, NOW);
    const reqs = ssp['system-security-plan']['control-implementation']['implemented-requirements'] as unknown as Requirement[];
    const tally = (values: string[]) =>
      Object.fromEntries([...new Set(values)].sort().map((v) => [v, values.filter((x) => x === v).length]));
    const byStatus = tally(reqs.map((r) => propValues(r, 'implementation-status').join('+')));
    const byOrigination = tally(reqs.flatMap((r) => propValues(r, 'control-origination')));
    const byOriginationSet = tally(reqs.map((r) => propValues(r, 'control-origination').join('+')));
    const findings = checkFedrampRules(ssp, { today: NOW });
    const results = ruleResults(findings).filter((r) => !r.ruleId.startsWith('set-parameter'));
    console.log(
      JSON.stringify(
        {
          requirements: reqs.length,
          byStatus,
          byOrigination,
          byOriginationSet,
          schemaValid: schemaErrors(ssp).length === 0,
          rules: Object.fromEntries(results.map((r) => [r.ruleId, r.findings ? `${r.findings} ${r.severity}(s)` : 'pass'])),
        },
        null,
        2,
      ),
    );
    expect(schemaErrors(ssp)).toEqual([]);
    expect(Object.values(byStatus).reduce((a, b) => a + b, 0)).toBe(reqs.length);
    // No report, no categorization, no plan dates in the demo: those rules say so.
    expect(findings.some((f) => f.ruleId === 'FedRAMP-ATO-Identifier-exists')).toBe(true);
    expect(findings.some((f) => f.ruleId === 'has-inherited-description')).toBe(false);
  });
});
