import { describe, expect, it } from 'vitest';
import { CASES, TODAY, sspControl, stateOf, type StateCase } from './cis-crm.fixture';
import { buildSspDocument, oscalStatus, wordCount, type SspControl, type SspInput } from './ssp';

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
});

describe('OSCAL SSP document', () => {
  const control = sspControl;
  const input = (controls: SspControl[], baseline: SspInput['baseline'] = null): SspInput => ({
    orgId: 'org',
    organizationName: 'Acme',
    system: {
      id: 'sys',
      name: 'Payments',
      description: '',
      regions: [],
      services: ['rds'],
      archivedAt: null,
      createdAt: TODAY,
      categorization: { confidentiality: 'MODERATE', integrity: 'HIGH', availability: 'LOW' },
      informationTypes: [{ title: 'Payments', nistId: 'C.3.5.1', confidentiality: 'MODERATE', integrity: 'HIGH', availability: 'LOW' }],
    },
    controls,
    owners: [],
    reports: [],
    baseline,
    parameterValues: new Map([['ac-2_prm_1', ['30 days']]]),
    now: TODAY,
  });

  const plan = buildSspDocument(
    input([
      control('PE-A', 'pe-2', CASES.inheritedCurrent),
      control('PE-B', 'pe-3', CASES.inheritedNoReport),
      control('PE-D', 'pe-3', CASES.inheritedCurrent),
      control('S3-A', 'sc-28', CASES.serviceBound),
      control('AC-A', 'ac-2', CASES.notStarted, {
        customers: { responsibility: 'Customers review their own users every quarter.', inherit: 'PARTIAL' },
      }),
      control('AC-B', 'ac-2', CASES.markedNotApplicable),
      control('PE-C', 'pe-4', { type: 'INHERITED', status: 'NOT_APPLICABLE', justification: 'No cabling of our own.' }),
    ]),
  )['system-security-plan'];
  type Part = {
    'component-uuid': string;
    'implementation-status'?: { state: string; remarks?: string };
    inherited?: { description: string }[];
    export?: { provided?: { uuid: string }[]; responsibilities?: { 'provided-uuid'?: string; description: string }[] };
  };
  const requirement = (nistId: string) =>
    plan['control-implementation']['implemented-requirements'].find((r) => r['control-id'] === nistId)!;
  const [thisSystem, aws] = plan['system-implementation'].components;
  const part = (nistId: string, component: string) =>
    (requirement(nistId)['by-components'] as Part[]).find((b) => b['component-uuid'] === component);
  const statusOf = (nistId: string) => part(nistId, thisSystem!.uuid)!['implementation-status'];

  it('gives each requirement the state and the remarks of the controls that name it', () => {
    expect(statusOf('pe-2')).toEqual({
      state: 'implemented',
      remarks: `PE-A: Implemented by AWS — ${REPORT}, covered until 2027-01-29`,
    });
    expect(statusOf('sc-28')).toEqual({ state: 'not-applicable', remarks: 'S3-A: Not applicable — this system uses no Amazon S3' });
    expect(statusOf('ac-2')!.state).toBe('planned');
    expect(statusOf('ac-2')!.remarks).toContain(
      'AC-A: Not started\n\nAC-B: Not applicable — Our functions use AWS-provided runtimes only.',
    );
  });

  it('gives this system’s part the same state as the requirement’s FedRAMP status', () => {
    for (const r of plan['control-implementation']['implemented-requirements']) {
      const fedramp = r.props.find((p) => p.name === 'implementation-status')!.value;
      expect(part(r['control-id'], thisSystem!.uuid)!['implementation-status']!.state).toBe(fedramp);
    }
  });

  it('puts FedRAMP’s status, origination and plan on the requirement', () => {
    const props = (nistId: string) => requirement(nistId).props.map((p) => `${p.name}=${p.value}`);
    expect(props('pe-2')).toEqual([
      'implementation-status=implemented',
      'control-origination=inherited',
      expect.stringMatching(/^leveraged-authorization-uuid=/),
    ]);
    // Not started, no completion date: planned, and the remarks say the date is missing.
    expect(props('ac-2')).toEqual([
      'implementation-status=planned',
      'control-origination=sp-system',
      'control-origination=customer-configured',
    ]);
    expect(requirement('ac-2').props[0]).toMatchObject({
      remarks: expect.stringContaining('No planned completion date is recorded (AC-A)'),
    });
    expect(requirement('ac-2')['set-parameters']).toBeUndefined();
    expect(requirement('ac-2').statements).toEqual([expect.objectContaining({ 'statement-id': 'ac-2_smt' })]);
  });

  it('says what AWS provides on the AWS component, in at least 32 words about the control', () => {
    expect(part('pe-2', aws!.uuid)!.inherited![0]!.description).toContain(`Implemented by AWS — ${REPORT}, covered until 2027-01-29.`);
    for (const nistId of ['pe-2', 'pe-3', 'pe-4']) {
      expect(wordCount(part(nistId, aws!.uuid)!.inherited![0]!.description)).toBeGreaterThanOrEqual(32);
    }
    expect(part('pe-3', aws!.uuid)!.inherited![0]!.description).toContain('AWS half: no report on file.');
    expect(part('pe-2', thisSystem!.uuid)!.inherited).toBeUndefined();
    expect(part('pe-2', thisSystem!.uuid)!.export).toBeUndefined();
  });

  it('exports to the team’s customers only what they inherit from the system and must do', () => {
    const exported = part('ac-2', thisSystem!.uuid)!.export!;
    expect(exported.provided).toHaveLength(1);
    expect(exported.responsibilities).toEqual([
      expect.objectContaining({
        'provided-uuid': exported.provided![0]!.uuid,
        description: expect.stringContaining('Customers review their own users every quarter.'),
      }),
    ]);
    expect(part('ac-2', aws!.uuid)).toBeUndefined();
  });

  it('writes the categorization and its high-water mark', () => {
    expect(plan['system-characteristics']['security-sensitivity-level']).toBe('fips-199-high');
    expect(plan['system-characteristics']['security-impact-level']).toEqual({
      'security-objective-confidentiality': 'fips-199-moderate',
      'security-objective-integrity': 'fips-199-high',
      'security-objective-availability': 'fips-199-low',
    });
  });

  it('answers a baseline: every control of it, planned when no control is mapped, with parts and parameters', () => {
    const withBaseline = buildSspDocument(
      input([control('AC-A', 'ac-2', CASES.implemented)], {
        id: 'b',
        name: 'FedRAMP Rev 5 LI-SaaS Baseline',
        version: '5.0',
        requirements: [
          {
            externalId: 'ac-2',
            label: 'AC-2',
            title: 'Account Management',
            controlIds: ['AC-A'],
            parts: [
              { id: 'ac-2_smt.a', label: 'a.' },
              { id: 'ac-2_smt.b', label: 'b.' },
            ],
            params: [
              { id: 'ac-2_prm_1', label: '', values: [], constraints: [], choices: null, howMany: null, aggregates: [] },
              { id: 'ac-2_prm_2', label: '', values: ['at least annually'], constraints: [], choices: null, howMany: null, aggregates: [] },
            ],
          },
          { externalId: 'ac-3', label: 'AC-3', title: 'Access Enforcement', controlIds: [], parts: [], params: [] },
        ],
      }),
    )['system-security-plan'];
    const [ac2, ac3] = withBaseline['control-implementation']['implemented-requirements'];
    expect(ac2!['set-parameters']).toEqual([
      { 'param-id': 'ac-2_prm_1', values: ['30 days'] },
      { 'param-id': 'ac-2_prm_2', values: ['at least annually'] },
    ]);
    expect(ac2!.statements.map((s) => s['statement-id'])).toEqual(['ac-2_smt.a', 'ac-2_smt.b']);
    expect(ac3!.props[0]).toMatchObject({ value: 'planned', remarks: expect.stringContaining('No Demarc control is mapped') });
    const resource = withBaseline['back-matter'].resources[0]!;
    expect(withBaseline['import-profile'].href).toBe(`#${resource.uuid}`);
    expect(resource.title).toBe('FedRAMP Rev 5 LI-SaaS Baseline');
  });
});
