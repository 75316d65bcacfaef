import { describe, expect, it } from 'vitest';
import type { ControlFreshness, Freshness, HalfFreshness } from '@/features/evidence/evidence.policy';
import type { ResponsibilityType } from './responsibility.policy';
import {
  applicabilityText,
  awsHalfText,
  deriveControlState,
  failingText,
  halvesText,
  statusLabel,
  type CustomerStatus,
  type StateInput,
} from './status.policy';

const SOC2 = { title: 'SOC 2 Type 2', artifactReportId: 'report-ABCDEFGH12345678', periodEnd: new Date('2026-10-31') };
const half = (state: Freshness): HalfFreshness => ({ state, validUntil: state === 'MISSING' ? null : new Date('2027-01-29') });
const WORST: Freshness[] = ['MISSING', 'EXPIRED', 'EXPIRING', 'CURRENT'];

function input(
  type: ResponsibilityType,
  {
    aws = 'MISSING',
    customer = 'MISSING',
    status = null,
    appliesTo = [],
    services = ['ec2'],
    justification = '',
  }: {
    aws?: Freshness;
    customer?: Freshness;
    status?: CustomerStatus | 'NOT_APPLICABLE' | null;
    appliesTo?: string[];
    services?: string[];
    justification?: string;
  } = {},
): StateInput {
  const halves = [type !== 'CUSTOMER' ? aws : null, type !== 'INHERITED' ? customer : null].filter((s): s is Freshness => s !== null);
  const freshness: ControlFreshness = {
    aws: type === 'CUSTOMER' ? null : half(aws),
    customer: type === 'INHERITED' ? null : half(customer),
    overall: WORST.find((s) => halves.includes(s))!,
  };
  return {
    type,
    appliesTo,
    systemServices: new Set(services),
    implementation: status ? { status, justification } : null,
    freshness,
    report: aws === 'MISSING' ? null : SOC2,
  };
}

describe('the derivation of a control in a system', () => {
  it.each([
    // [case, input, overall status, AWS half, customer half, satisfied, words]
    ['inherited, current report', input('INHERITED', { aws: 'CURRENT' }), 'IMPLEMENTED', 'IMPLEMENTED', null, true, 'Implemented by AWS'],
    [
      'inherited, report expiring soon',
      input('INHERITED', { aws: 'EXPIRING' }),
      'IMPLEMENTED',
      'IMPLEMENTED',
      null,
      true,
      'Implemented by AWS',
    ],
    [
      'inherited, report expired',
      input('INHERITED', { aws: 'EXPIRED' }),
      'NOT_STARTED',
      'REPORT_EXPIRED',
      null,
      false,
      'AWS half: report expired',
    ],
    ['inherited, no report', input('INHERITED'), 'NOT_STARTED', 'NO_REPORT', null, false, 'AWS half: no report on file'],
    [
      'shared, both halves done',
      input('SHARED', { aws: 'CURRENT', customer: 'CURRENT', status: 'IMPLEMENTED' }),
      'IMPLEMENTED',
      'IMPLEMENTED',
      'IMPLEMENTED',
      true,
      'Implemented',
    ],
    [
      'shared, your half planned',
      input('SHARED', { aws: 'CURRENT', customer: 'CURRENT', status: 'PLANNED' }),
      'PLANNED',
      'IMPLEMENTED',
      'PLANNED',
      false,
      'Planned',
    ],
    [
      'shared, AWS half missing',
      input('SHARED', { customer: 'CURRENT', status: 'IMPLEMENTED' }),
      'NOT_STARTED',
      'NO_REPORT',
      'IMPLEMENTED',
      false,
      'Not started',
    ],
    [
      'shared, no record of your half',
      input('SHARED', { aws: 'CURRENT' }),
      'NOT_STARTED',
      'IMPLEMENTED',
      'NOT_STARTED',
      false,
      'Not started',
    ],
    [
      'customer, implemented, evidence expired',
      input('CUSTOMER', { customer: 'EXPIRED', status: 'IMPLEMENTED' }),
      'IMPLEMENTED',
      null,
      'IMPLEMENTED',
      false,
      'Implemented',
    ],
    [
      'customer, partially implemented',
      input('CUSTOMER', { customer: 'CURRENT', status: 'PARTIALLY_IMPLEMENTED' }),
      'PARTIALLY_IMPLEMENTED',
      null,
      'PARTIALLY_IMPLEMENTED',
      false,
      'Partially implemented',
    ],
  ] as const)('%s', (_case, given, status, aws, customer, satisfied, words) => {
    const state = deriveControlState(given);
    expect(state.applicability).toEqual({ applies: true });
    expect(state.status).toBe(status);
    expect(state.aws?.state ?? null).toBe(aws);
    expect(state.customer?.status ?? null).toBe(customer);
    expect(state.satisfied).toBe(satisfied);
    expect(statusLabel(state)).toBe(words);
  });

  it('applies a service-bound control only where one of its services is used', () => {
    const onRds = deriveControlState(input('CUSTOMER', { appliesTo: ['s3'], services: ['rds'], status: 'PLANNED' }));
    expect(onRds).toMatchObject({ status: 'NOT_APPLICABLE', aws: null, customer: null, satisfied: false });
    expect(applicabilityText(onRds.applicability)).toBe('Not applicable — this system uses no Amazon S3');
    const twoServices = deriveControlState(input('CUSTOMER', { appliesTo: ['lambda', 'fargate'], services: ['rds'] }));
    expect(applicabilityText(twoServices.applicability)).toBe('Not applicable — this system uses no AWS Lambda or AWS Fargate');
    const withS3 = deriveControlState(input('CUSTOMER', { appliesTo: ['s3'], services: ['rds', 's3'], status: 'PLANNED' }));
    expect(withS3).toMatchObject({ status: 'PLANNED', applicability: { applies: true } });
  });

  it('takes an owner’s not-applicable with its justification, for any type', () => {
    for (const type of ['INHERITED', 'SHARED', 'CUSTOMER'] as const) {
      const state = deriveControlState(input(type, { aws: 'CURRENT', status: 'NOT_APPLICABLE', justification: 'No cardholder data' }));
      expect(state).toMatchObject({ status: 'NOT_APPLICABLE', aws: null, customer: null });
      expect(applicabilityText(state.applicability)).toBe('Not applicable — No cardholder data');
      expect(statusLabel(state)).toBe('Not applicable');
    }
  });

  it('names the covering report and both halves in words', () => {
    const inherited = deriveControlState(input('INHERITED', { aws: 'CURRENT' }));
    expect(awsHalfText(inherited.aws!)).toBe('Implemented by AWS — SOC 2 Type 2, report-ABCDEFGH12345678, covered until 2027-01-29');
    const expired = deriveControlState(input('INHERITED', { aws: 'EXPIRED' }));
    expect(awsHalfText(expired.aws!)).toBe('AWS half: report expired — SOC 2 Type 2, report-ABCDEFGH12345678, coverage ended 2027-01-29');
    expect(awsHalfText(deriveControlState(input('INHERITED')).aws!)).toBe('AWS half: no report on file');
    const shared = deriveControlState(input('SHARED', { aws: 'CURRENT', status: 'PLANNED' }));
    expect(halvesText(shared)).toBe('AWS half: implemented by AWS · your half: planned');
    expect(halvesText(inherited)).toBeNull();
  });

  it('keeps a control with failing resources out of coverage, its status as recorded', () => {
    const fine = input('SHARED', { aws: 'CURRENT', customer: 'CURRENT', status: 'IMPLEMENTED' });
    expect(deriveControlState(fine)).toMatchObject({ status: 'IMPLEMENTED', satisfied: true, failing: 0 });
    expect(deriveControlState({ ...fine, failing: 0 })).toMatchObject({ satisfied: true, failing: 0 });
    const failing = deriveControlState({ ...fine, failing: 2 });
    expect(failing).toMatchObject({ status: 'IMPLEMENTED', satisfied: false, failing: 2 });
    expect(statusLabel(failing)).toBe('Implemented');
    const planned = deriveControlState({ ...input('CUSTOMER', { customer: 'CURRENT', status: 'PLANNED' }), failing: 1 });
    expect(planned).toMatchObject({ status: 'PLANNED', satisfied: false, failing: 1 });
    // A control that does not apply has nothing failing, whatever the rows say.
    const notHere = deriveControlState({ ...input('CUSTOMER', { appliesTo: ['s3'], services: ['rds'] }), failing: 3 });
    expect(notHere).toMatchObject({ status: 'NOT_APPLICABLE', satisfied: false, failing: 0 });
  });

  it('says how many resources fail, and nothing at 0', () => {
    expect(failingText(2)).toBe('Failing (2 resources)');
    expect(failingText(1)).toBe('Failing (1 resource)');
    expect(failingText(0)).toBeNull();
  });
});
