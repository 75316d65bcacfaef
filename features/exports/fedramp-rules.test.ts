import { describe, expect, it } from 'vitest';
import { CASES, TODAY, sspControl, type StateCase } from './cis-crm.fixture';
import { RULE_IDS, baselineParams, checkFedrampRules, ruleResults, type BaselineParams, type RuleId } from './fedramp-rules';
import { buildSspDocument, type SspControl } from './ssp';

const FUTURE = new Date('2027-03-31T00:00:00Z');

const control = (code: string, nistId: string, c: StateCase, extra: Partial<SspControl> = {}): SspControl =>
  sspControl(code, nistId, c, {
    statements: {
      nistIds: [nistId],
      awsStatement: 'AWS operates the physical data centers, their guards and their access logs.',
      customerStatement: 'You manage your own accounts.',
      lines: [],
    },
    narrative: 'The team reviews accounts monthly.',
    ...extra,
  });

/** A plan that passes every rule: categorized, a FedRAMP package on the AWS report, every plan dated. */
function goodPlan() {
  return buildSspDocument({
    orgId: 'org',
    organizationName: 'Acme',
    system: {
      id: 'sys',
      name: 'Payments',
      description: '',
      regions: ['us-east-1'],
      services: ['ec2'],
      archivedAt: null,
      createdAt: TODAY,
      categorization: { confidentiality: 'MODERATE', integrity: 'MODERATE', availability: 'LOW' },
      informationTypes: [{ title: 'Payments', nistId: 'C.3.5.1', confidentiality: 'MODERATE', integrity: 'MODERATE', availability: 'LOW' }],
    },
    controls: [
      control('PE-A', 'pe-2', CASES.inheritedCurrent),
      control('SI-A', 'si-2', CASES.sharedPartial, { plannedCompletionAt: FUTURE }),
      control('AC-A', 'ac-2', CASES.planned, { plannedCompletionAt: FUTURE }),
      control('AC-B', 'ac-3', CASES.implemented, { customers: { responsibility: 'Customers grant access.', inherit: 'PARTIAL' } }),
    ],
    owners: [],
    reports: [
      {
        id: 'r1',
        title: 'AWS FedRAMP Moderate (US East/West)',
        artifactReportId: 'report-A1b2C3d4E5f6G7h8',
        reportVersion: '2026',
        periodStart: new Date('2025-04-01'),
        periodEnd: new Date('2026-03-31'),
        fedrampPackageId: 'F1603047866',
        fedrampAuthorizationType: 'fedramp-jab',
        fedrampImpactLevel: 'MODERATE',
        fedrampAuthorizedAt: new Date('2013-05-13'),
      },
    ],
    baseline: null,
    parameterValues: new Map(),
    now: TODAY,
  });
}

type Doc = ReturnType<typeof goodPlan>;
type Mutable = Record<string, unknown> & { props?: Record<string, unknown>[] };
const requirementOf = (doc: Doc, controlId: string) =>
  doc['system-security-plan']['control-implementation']['implemented-requirements'].find(
    (r) => r['control-id'] === controlId,
  ) as unknown as Mutable;
const withoutProp = (r: Mutable, name: string, value?: string) => {
  r.props = r.props!.filter((p) => !(p.name === name && (value === undefined || p.value === value)));
};
const options = { today: TODAY };

describe('FedRAMP SSP rules', () => {
  it('find nothing wrong with a complete plan', () => {
    expect(checkFedrampRules(goodPlan(), options)).toEqual([]);
    expect(ruleResults([]).every((r) => r.findings === 0)).toBe(true);
  });

  // Each rule, and how to break it.
  const breakers: Record<Exclude<RuleId, `set-parameter-${string}`>, (doc: Doc) => void> = {
    'has-security-sensitivity-level': (doc) => {
      delete (doc['system-security-plan']['system-characteristics'] as Partial<Mutable>)['security-sensitivity-level'];
    },
    'has-security-impact-level': (doc) => {
      delete (doc['system-security-plan']['system-characteristics'] as Partial<Mutable>)['security-impact-level'];
    },
    'has-allowed-security-sensitivity-level': (doc) => {
      (doc['system-security-plan']['system-characteristics'] as Mutable)['security-sensitivity-level'] = 'fips-199-extreme';
    },
    'security-sensitivity-level-matches-security-impact-level': (doc) => {
      (doc['system-security-plan']['system-characteristics'] as Mutable)['security-sensitivity-level'] = 'fips-199-low';
    },
    'system-information-has-information-type': (doc) => {
      doc['system-security-plan']['system-characteristics']['system-information']['information-types'] = [];
    },
    'information-type-has-categorization': (doc) => {
      delete (doc['system-security-plan']['system-characteristics']['system-information']['information-types'][0] as Partial<Mutable>)
        .categorizations;
    },
    'information-type-has-confidentiality-impact': (doc) => {
      delete (doc['system-security-plan']['system-characteristics']['system-information']['information-types'][0] as Partial<Mutable>)[
        'confidentiality-impact'
      ];
    },
    'information-type-has-integrity-impact': (doc) => {
      delete (doc['system-security-plan']['system-characteristics']['system-information']['information-types'][0] as Partial<Mutable>)[
        'integrity-impact'
      ];
    },
    'information-type-has-availability-impact': (doc) => {
      delete (doc['system-security-plan']['system-characteristics']['system-information']['information-types'][0] as Partial<Mutable>)[
        'availability-impact'
      ];
    },
    'categorization-has-correct-system-attribute': (doc) => {
      const type = doc['system-security-plan']['system-characteristics']['system-information']['information-types'][0] as Mutable;
      (type.categorizations as Mutable[])[0]!.system = 'https://example.test/categories';
    },
    'categorization-has-information-type-id': (doc) => {
      const type = doc['system-security-plan']['system-characteristics']['system-information']['information-types'][0] as Mutable;
      (type.categorizations as Mutable[])[0]!['information-type-ids'] = [];
    },
    'cia-impact-has-base': (doc) => {
      const type = doc['system-security-plan']['system-characteristics']['system-information']['information-types'][0] as Mutable;
      delete (type['integrity-impact'] as Partial<Mutable>).base;
    },
    'cia-impact-has-selected': (doc) => {
      const type = doc['system-security-plan']['system-characteristics']['system-information']['information-types'][0] as Mutable;
      delete (type['availability-impact'] as Partial<Mutable>).selected;
    },
    'system-security-plan-has-import-profile': (doc) => {
      delete (doc['system-security-plan'] as Partial<Mutable>)['import-profile'];
    },
    'import-profile-has-href-attribute': (doc) => {
      delete (doc['system-security-plan']['import-profile'] as Partial<Mutable>).href;
    },
    'FedRAMP-ATO-Identifier-exists': (doc) => {
      const leveraged = doc['system-security-plan']['system-implementation']['leveraged-authorizations'][0] as Mutable;
      withoutProp(leveraged, 'leveraged-system-identifier');
    },
    'implemented-requirement-has-implementation-status': (doc) => withoutProp(requirementOf(doc, 'ac-3'), 'implementation-status'),
    'implemented-requirement-has-allowed-implementation-status': (doc) => {
      requirementOf(doc, 'ac-3').props!.find((p) => p.name === 'implementation-status')!.value = 'done';
    },
    'implemented-requirement-has-implementation-status-remarks': (doc) => {
      delete requirementOf(doc, 'ac-2').props!.find((p) => p.name === 'implementation-status')!.remarks;
    },
    'implemented-requirement-has-allowed-composite-implementation-status': (doc) => {
      requirementOf(doc, 'ac-3').props!.push({
        name: 'implementation-status',
        ns: 'https://fedramp.gov/ns/oscal',
        value: 'not-applicable',
      });
    },
    'partial-implemented-requirement-has-plan': (doc) => withoutProp(requirementOf(doc, 'si-2'), 'implementation-status', 'planned'),
    'implemented-requirement-has-planned-completion-date': (doc) => withoutProp(requirementOf(doc, 'ac-2'), 'planned-completion-date'),
    'planned-completion-date-is-valid': (doc) => {
      requirementOf(doc, 'ac-2').props!.find((p) => p.name === 'planned-completion-date')!.value = 'next spring';
    },
    'planned-completion-date-is-not-past': (doc) => {
      requirementOf(doc, 'ac-2').props!.find((p) => p.name === 'planned-completion-date')!.value = '2020-01-01';
    },
    'implemented-requirement-has-control-origination': (doc) => withoutProp(requirementOf(doc, 'ac-3'), 'control-origination'),
    'implemented-requirement-has-allowed-control-origination': (doc) => {
      for (const p of requirementOf(doc, 'ac-3').props!) if (p.name === 'control-origination') p.value = 'shared';
    },
    'implemented-requirement-has-leveraged-authorization': (doc) => withoutProp(requirementOf(doc, 'si-2'), 'leveraged-authorization-uuid'),
    'leveraged-PE-controls-implemented-requirement': (doc) => withoutProp(requirementOf(doc, 'pe-2'), 'leveraged-authorization-uuid'),
    'has-inherited-description': (doc) => {
      const aws = (requirementOf(doc, 'pe-2')['by-components'] as Mutable[])[0]!;
      (aws.inherited as Mutable[])[0]!.description = 'AWS does it.';
    },
  };

  for (const [ruleId, breakIt] of Object.entries(breakers)) {
    it(`${ruleId} fails on a document that breaks it`, () => {
      const doc = goodPlan();
      breakIt(doc);
      const findings = checkFedrampRules(doc, options);
      expect(findings.map((f) => f.ruleId)).toContain(ruleId);
      expect(findings.find((f) => f.ruleId === ruleId)).toMatchObject({ location: expect.stringMatching(/^\/system-security-plan/) });
    });
  }

  it('set-parameter-elements-match-baseline and …baseline1 compare the set parameters with the baseline’s', () => {
    const baseline: BaselineParams = new Map([
      ['ac-2', { all: new Set(['ac-2_prm_1', 'ac-2_prm_2']), withoutValue: new Set(['ac-2_prm_1']) }],
    ]);
    const doc = goodPlan();
    expect(checkFedrampRules(doc, { ...options, baseline }).map((f) => f.ruleId)).toContain('set-parameter-elements-match-baseline');
    requirementOf(doc, 'ac-2')['set-parameters'] = [
      { 'param-id': 'ac-2_prm_1', values: ['30 days'] },
      { 'param-id': 'ac-2_prm_9', values: ['x'] },
    ];
    const ids = checkFedrampRules(doc, { ...options, baseline }).map((f) => f.ruleId);
    expect(ids).not.toContain('set-parameter-elements-match-baseline');
    expect(ids).toContain('set-parameter-elements-match-baseline1');
  });

  it('covers every rule it names', () => {
    expect(RULE_IDS.filter((id) => !(id in breakers) && !id.startsWith('set-parameter-'))).toEqual([]);
  });

  it('reads a resolved profile’s parameters, with and without values', () => {
    const params = baselineParams({
      catalog: {
        groups: [
          {
            id: 'ac',
            controls: [
              {
                id: 'ac-1',
                title: 'Policy',
                params: [{ id: 'ac-1_prm_1' }, { id: 'ac-1_prm_2', values: ['annually'] }],
                parts: [],
                controls: [{ id: 'ac-1.1', title: 'E', params: [{ id: 'ac-1.1_prm_1' }], parts: [] }],
              },
            ],
          },
        ],
      },
    });
    expect(params.get('ac-1')).toEqual({ all: new Set(['ac-1_prm_1', 'ac-1_prm_2']), withoutValue: new Set(['ac-1_prm_1']) });
    expect(params.get('ac-1.1')?.withoutValue).toEqual(new Set(['ac-1.1_prm_1']));
  });
});
