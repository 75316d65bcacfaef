import { describe, expect, it } from 'vitest';
import { normalizeRequirementId, normalizeRequirements } from './requirement-ids';

type Row = [framework: string, id: string, expected: string[] | null];
/** Expected references as "framework/edition/id#part"; null: unrecognised. */
const ROWS: Row[] = [
  // Prowler NIST SP 800-53 rev5 / rev4 (underscore form)
  ['NIST-800-53-Revision-5', 'ac_2_4', ['nist-800-53/rev5/ac-2.4']],
  ['NIST-800-53-Revision-5', 'au_3_a', ['nist-800-53/rev5/au-3#a']],
  ['NIST-800-53-Revision-5', 'cm_5_1_b', ['nist-800-53/rev5/cm-5.1#b']],
  ['NIST-800-53-Revision-5', 'pm_14_a_1', ['nist-800-53/rev5/pm-14#a.1']],
  ['NIST-800-53-Revision-5', 'ac_17_4_a', ['nist-800-53/rev5/ac-17.4#a']],
  ['NIST-800-53-Revision-5', 'sc_7_a', ['nist-800-53/rev5/sc-7#a']],
  ['NIST-800-53-Revision-5', 'si_4_20', ['nist-800-53/rev5/si-4.20']],
  ['NIST-800-53-Revision-5', 'mp_2', ['nist-800-53/rev5/mp-2']],
  ['NIST-800-53-Revision-5', 'sc_7_24_b', ['nist-800-53/rev5/sc-7.24#b']],
  ['NIST-800-53-Revision-4', 'ac_2_4', ['nist-800-53/rev4/ac-2.4']],
  ['NIST-800-53-Revision-4', 'au_12', ['nist-800-53/rev4/au-12']],
  ['nist_800_53_revision_5_aws', 'ac_3', ['nist-800-53/rev5/ac-3']],
  ['NIST-800-53-Revision-5', 'lambda', null],
  ['NIST-800-53-Revision-5', 'xx_1', null],
  ['NIST-800-53-Revision-5', '', null],
  // Security Hub RelatedRequirements
  ['RelatedRequirements', 'NIST.800-53.r5 AC-2(1)', ['nist-800-53/rev5/ac-2.1']],
  ['RelatedRequirements', 'NIST.800-53.r5 SC-7(11)', ['nist-800-53/rev5/sc-7.11']],
  ['RelatedRequirements', 'NIST.800-53.r5 AU-3a', ['nist-800-53/rev5/au-3#a']],
  ['RelatedRequirements', 'NIST.800-53.r5 AC-2(1)(a)', ['nist-800-53/rev5/ac-2.1#a']],
  ['RelatedRequirements', 'NIST.800-53.r4 SI-4 (4)', ['nist-800-53/rev4/si-4.4']],
  ['RelatedRequirements', 'NIST SP 800-53 AC-1', ['nist-800-53/-/ac-1']],
  ['RelatedRequirements', 'NIST SP 800-53 CM-8', ['nist-800-53/-/cm-8']],
  ['RelatedRequirements', 'CIS AWS Foundations Benchmark v1.2.0/2.3', ['cis-aws-foundations/1.2.0/2.3']],
  ['RelatedRequirements', 'CIS AWS Foundations Benchmark v1.2.0/1.3', ['cis-aws-foundations/1.2.0/1.3']],
  ['RelatedRequirements', 'AICPA TSC CC6.1', ['soc2/-/CC6.1']],
  ['RelatedRequirements', 'NIST CSF ID.AM-2', null],
  ['RelatedRequirements', 'ISO 27001:2013 A.12.4.1', null],
  ['RelatedRequirements', 'PCI DSS v3.2.1/2.2', null],
  // OSCAL targets
  ['OSCAL', 'ac-6.1', ['nist-800-53/-/ac-6.1']],
  ['OSCAL', 'ac-6.1_obj', ['nist-800-53/-/ac-6.1']],
  ['OSCAL', 'au-1_smt.a', ['nist-800-53/-/au-1#a']],
  ['OSCAL', 'cm-2.1_smt.c', ['nist-800-53/-/cm-2.1#c']],
  ['OSCAL', 'ac-1.a.1_obj.1', ['nist-800-53/-/ac-1#a.1']],
  ['OSCAL', 'at-2.c_obj.2', ['nist-800-53/-/at-2#c']],
  ['OSCAL', 'ca-8.1_obj', ['nist-800-53/-/ca-8.1']],
  ['OSCAL', 'sc-13', ['nist-800-53/-/sc-13']],
  ['OSCAL', 'not a control', null],
  // FedRAMP rev4 (Prowler keys, spelled two ways)
  ['FedRamp-Moderate-Revision-4', 'ac-2-4', ['fedramp/rev4-moderate/ac-2.4']],
  ['FedRamp-Moderate-Revision-4', 'ac-2-g', ['fedramp/rev4-moderate/ac-2#g']],
  [
    'FedRamp-Moderate-Revision-4',
    'au-2-a-d',
    ['fedramp/rev4-moderate/au-2#a', 'fedramp/rev4-moderate/au-2#b', 'fedramp/rev4-moderate/au-2#c', 'fedramp/rev4-moderate/au-2#d'],
  ],
  [
    'FedRamp-Moderate-Revision-4',
    'au-12-a-c',
    ['fedramp/rev4-moderate/au-12#a', 'fedramp/rev4-moderate/au-12#b', 'fedramp/rev4-moderate/au-12#c'],
  ],
  ['FedRamp-Moderate-Revision-4', 'au-6-1-3', ['fedramp/rev4-moderate/au-6.1', 'fedramp/rev4-moderate/au-6.3']],
  ['FedRamp-Moderate-Revision-4', 'ca-7-a-b', ['fedramp/rev4-moderate/ca-7#a', 'fedramp/rev4-moderate/ca-7#b']],
  ['FedRamp-Moderate-Revision-4', 'si-4-16', ['fedramp/rev4-moderate/si-4.16']],
  ['FedRAMP-Low-Revision-4', 'ac-2', ['fedramp/rev4-low/ac-2']],
  ['FedRAMP-Low-Revision-4', 'sc-12', ['fedramp/rev4-low/sc-12']],
  ['FedRAMP-20x-KSI-Low-25.05C', 'ksi-mla-07', null],
  // CIS AWS Foundations
  ['CIS-6.0', '4.1', ['cis-aws-foundations/6.0/4.1']],
  ['CIS-1.4', '1.20', ['cis-aws-foundations/1.4/1.20']],
  ['CIS-4.0.1', '3.1', ['cis-aws-foundations/4.0.1/3.1']],
  ['ruleset/cis-aws-foundations-benchmark/v/1.2.0', '1.3', ['cis-aws-foundations/1.2.0/1.3']],
  ['ruleset/cis-aws-foundations-benchmark/v/1.2.0', 'IAM.8', null],
  ['standards/aws-foundational-security-best-practices/v/1.0.0', 'IAM.8', null],
  // SOC 2
  ['SOC2', 'cc_6_1', ['soc2/-/CC6.1']],
  ['SOC2', 'cc_7_2', ['soc2/-/CC7.2']],
  ['SOC2', 'cc_a_1_1', ['soc2/-/A1.1']],
  ['SOC2', 'pi_1_3', ['soc2/-/PI1.3']],
  ['SOC2', 'CC6.1', ['soc2/-/CC6.1']],
  ['SOC2', 'lambda', null],
  // Not requirement ids, or frameworks Demarc does not map
  ['PCI-3.2.1', 'lambda', null],
  ['AWS-Account-Security-Onboarding', 'Billing, emergency, security contacts', null],
  ['AWS-Foundational-Security-Best-Practices', 'account', null],
  ['HIPAA', '164_308_a_1_ii_d', null],
  ['ISO27001-2022', 'A.8.15', null],
];

const show = (r: { framework: string; edition: string | null; id: string; part: string | null }) =>
  `${r.framework}/${r.edition ?? '-'}/${r.id}${r.part ? `#${r.part}` : ''}`;

describe('requirement ids', () => {
  it('has at least 40 rows', () => expect(ROWS.length).toBeGreaterThanOrEqual(40));

  it.each(ROWS)('%s %j', (framework, id, expected) => {
    const result = normalizeRequirementId(framework, id);
    if (expected === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/not/);
    } else {
      expect(result.ok ? result.refs.map(show) : result.reason).toEqual(expected);
    }
  });

  it('keeps every id of a finding: recognised with its source, the rest with a reason', () => {
    const { recognised, unrecognised } = normalizeRequirements([
      { framework: 'NIST-800-53-Revision-5', ids: ['ac_2_4', 'lambda'] },
      { framework: 'HIPAA', ids: ['164_312_b'] },
    ]);
    expect(recognised).toEqual([
      {
        framework: 'nist-800-53',
        edition: 'rev5',
        id: 'ac-2.4',
        part: null,
        source: { framework: 'NIST-800-53-Revision-5', id: 'ac_2_4' },
      },
    ]);
    expect(unrecognised.map((u) => `${u.framework}:${u.id}`)).toEqual(['NIST-800-53-Revision-5:lambda', 'HIPAA:164_312_b']);
    expect(unrecognised[1]!.reason).toContain('HIPAA');
  });
});
