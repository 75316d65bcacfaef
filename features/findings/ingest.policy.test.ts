import { describe, expect, it } from 'vitest';
import { MAX_LISTED_FAILURES } from './automated';
import type { Finding } from './findings.policy';
import {
  addTo,
  addToPair,
  emptyIndex,
  failureAction,
  failureFacts,
  interner,
  frameworkFamily,
  ingestTimeoutMs,
  newPair,
  outcomeOf,
  requirementKey,
  routeFinding,
} from './ingest.policy';

const finding = (over: Partial<Finding> = {}): Finding => ({
  format: 'asff',
  tool: { name: 'AWS Security Hub', version: null },
  findingId: 'f-1',
  checkId: 'IAM.9',
  title: 'Root MFA',
  status: 'FAILED',
  statusDetail: null,
  suppressed: false,
  archived: false,
  severity: 'HIGH',
  accountId: '111122223333',
  region: 'eu-west-1',
  resource: { arn: 'arn:aws:iam::111122223333:root', id: 'arn:aws:iam::111122223333:root', type: 'AwsAccount' },
  observedAt: new Date('2026-11-01T00:00:00Z'),
  remediation: 'Turn on MFA.',
  requirements: [],
  ...over,
});

describe('frameworkFamily', () => {
  it.each([
    [{ name: 'NIST SP 800-53 Rev 5', source: 'oscal-catalog', externalId: null }, 'nist'],
    [{ name: 'FedRAMP Moderate baseline', source: 'oscal-profile', externalId: null }, 'nist'],
    [{ name: 'Imported catalog', source: 'oscal-catalog', externalId: 'Electronic Version' }, 'nist'],
    [{ name: 'SOC 2 Trust Services Criteria', source: 'csv', externalId: null }, 'soc2'],
    [{ name: 'Trust Services Criteria 2017', source: 'manual', externalId: null }, 'soc2'],
    [{ name: 'CIS AWS Foundations Benchmark v3.0', source: 'csv', externalId: null }, 'cis'],
    [{ name: 'ISO 27001:2022', source: 'csv', externalId: null }, null],
  ] as const)('%o is %s', (framework, family) => expect(frameworkFamily(framework)).toBe(family));
});

describe('routeFinding', () => {
  const index = emptyIndex();
  addTo(index.byCheck, 'IAM.9', 'control-check');
  addTo(index.byRequirement, requirementKey('nist', 'IA-2.1'), 'control-nist');
  addTo(index.byRequirement, requirementKey('soc2', 'cc6.1'), 'control-soc2');
  index.accounts.set('111122223333', [
    { systemId: 'everywhere', region: '' },
    { systemId: 'dublin', region: 'eu-west-1' },
    { systemId: 'virginia', region: 'us-east-1' },
  ]);

  it('reaches controls by check and by requirement ids, and systems by account and Region', () => {
    const route = routeFinding(
      finding({
        requirements: [{ framework: 'RelatedRequirements', ids: ['NIST.800-53.r5 IA-2(1)', 'AICPA TSC CC6.1', 'ISO 27001:2013 A.9'] }],
      }),
      index,
    );
    expect(route.reason).toBeNull();
    expect(route.controls.sort()).toEqual(['control-check', 'control-nist', 'control-soc2']);
    expect(route.systems.sort()).toEqual(['dublin', 'everywhere']);
  });

  it('says why a finding reaches nothing', () => {
    expect(routeFinding(finding({ checkId: 'S3.1' }), index).reason).toBe('no control maps check S3.1 or its requirements');
    expect(routeFinding(finding({ accountId: null }), index).reason).toBe('the finding names no AWS account');
    expect(routeFinding(finding({ accountId: '999988887777', region: 'eu-west-2' }), index).reason).toBe(
      'no system runs in account 999988887777 (eu-west-2)',
    );
    const elsewhere = emptyIndex();
    addTo(elsewhere.byCheck, 'IAM.9', 'c');
    elsewhere.accounts.set('111122223333', [{ systemId: 's', region: 'us-east-1' }]);
    expect(routeFinding(finding({ region: null }), elsewhere).reason).toBe('no system runs in account 111122223333');
  });
});

describe('counting', () => {
  it('counts suppressed findings apart, and archived or manual ones as neither passed nor failed', () => {
    expect(outcomeOf(finding())).toBe('failed');
    expect(outcomeOf(finding({ status: 'PASSED' }))).toBe('passed');
    expect(outcomeOf(finding({ suppressed: true }))).toBe('suppressed');
    expect(outcomeOf(finding({ archived: true }))).toBe('notApplicable');
    expect(outcomeOf(finding({ status: 'MANUAL' }))).toBe('notApplicable');
    expect(failureAction(finding())).toBe('fail');
    expect(failureAction(finding({ suppressed: true }))).toBe('fail');
    expect(failureAction(finding({ archived: true }))).toBe('resolve');
    expect(failureAction(finding({ status: 'PASSED' }))).toBe('resolve');
    expect(failureAction(finding({ status: 'UNKNOWN' }))).toBeNull();
  });

  it('lists at most MAX_LISTED_FAILURES failing resources and counts them all', () => {
    const pair = newPair('s', 'c');
    const intern = interner();
    for (let i = 0; i < MAX_LISTED_FAILURES + 5; i++) {
      const failing = finding({ findingId: `f-${i}` });
      addToPair(pair, failing, 'failed', failureFacts(failing, intern));
    }
    addToPair(pair, finding({ status: 'PASSED', region: 'us-east-1' }), 'passed', null);
    expect(pair.failing).toHaveLength(MAX_LISTED_FAILURES);
    expect(pair.failingTotal).toBe(MAX_LISTED_FAILURES + 5);
    expect(pair.checks).toEqual({ passed: 1, failed: MAX_LISTED_FAILURES + 5, notApplicable: 0, suppressed: 0 });
    expect([...pair.regions].sort()).toEqual(['eu-west-1', 'us-east-1']);
    // The evidence lists the resource's facts only: no finding id, time, account or Region per row.
    expect(pair.failing[0]).toEqual({
      resource: 'arn:aws:iam::111122223333:root',
      checkId: 'IAM.9',
      title: 'Root MFA',
      severity: 'HIGH',
      remediation: 'Turn on MFA.',
      suppressed: false,
    });
  });

  it('gives a large file more time', () => {
    expect(ingestTimeoutMs(300 * 1024 * 1024)).toBeGreaterThan(ingestTimeoutMs(1024));
  });
});
