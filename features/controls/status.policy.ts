import type { ImplementationStatus } from '@/lib/generated/prisma/enums.ts';
import type { ControlFreshness, HalfFreshness } from '@/features/evidence/evidence.policy';
import { serviceName } from '@/features/systems/service-catalog';
import type { ResponsibilityType } from './responsibility.policy';

/**
 * The one derivation of where a control stands in a system: does it apply, how far is each
 * half, what is its overall status, and does it count for coverage. Every page, export and
 * snapshot reads these functions; nothing else computes a status.
 */

/** Overall statuses, weakest first (not applicable stands apart). */
export const CONTROL_STATUSES = ['NOT_STARTED', 'PLANNED', 'PARTIALLY_IMPLEMENTED', 'IMPLEMENTED', 'NOT_APPLICABLE'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

/** What the customer half's owner records (not applicable is a matter of applicability). */
export type CustomerStatus = Exclude<ImplementationStatus, 'NOT_APPLICABLE'>;

export const STATUS_LABELS: Record<ControlStatus, string> = {
  NOT_STARTED: 'Not started',
  PLANNED: 'Planned',
  PARTIALLY_IMPLEMENTED: 'Partially implemented',
  IMPLEMENTED: 'Implemented',
  NOT_APPLICABLE: 'Not applicable',
};

const STRENGTH: Record<CustomerStatus, number> = { NOT_STARTED: 0, PLANNED: 1, PARTIALLY_IMPLEMENTED: 2, IMPLEMENTED: 3 };

/** The AWS half is never typed in: it is implemented while an accepted provider report covers it. */
export type AwsHalfState = 'IMPLEMENTED' | 'NO_REPORT' | 'REPORT_EXPIRED';

export const AWS_HALF_LABELS: Record<AwsHalfState, string> = {
  IMPLEMENTED: 'Implemented by AWS',
  NO_REPORT: 'AWS half: no report on file',
  REPORT_EXPIRED: 'AWS half: report expired',
};

/** The report that covers a control's AWS half: the one whose coverage runs longest. */
export type CoveringReport = { title: string; artifactReportId: string; periodEnd: Date };

export type AwsHalf = { state: AwsHalfState; report: CoveringReport | null; validUntil: Date | null };

export type Applicability =
  | { applies: true }
  /** Service-bound: the system uses none of the services the control is about. */
  | { applies: false; by: 'service'; services: string[] }
  /** Marked by hand, with the justification a reviewer reads. */
  | { applies: false; by: 'owner'; justification: string };

export type ControlState = {
  applicability: Applicability;
  /** Inherited and shared controls that apply. */
  aws: AwsHalf | null;
  /** Shared and customer controls that apply. */
  customer: { status: CustomerStatus } | null;
  /** The weaker of the two halves; not applicable when the control does not apply. */
  status: ControlStatus;
  /**
   * Implemented, both halves, with evidence still valid (current or expiring soon), and no failing
   * resource: what coverage counts.
   */
  satisfied: boolean;
  /**
   * Resources with an open, unsuppressed failing check not under an unexpired risk acceptance
   * (0 where the control does not apply). A failing control is not satisfied; its status stays as recorded.
   */
  failing: number;
};

export type StateInput = {
  type: ResponsibilityType;
  /** Service codes the control is bound to (empty: every system). */
  appliesTo: readonly string[];
  systemServices: ReadonlySet<string>;
  implementation: { status: ImplementationStatus; justification: string } | null;
  freshness: ControlFreshness;
  report: CoveringReport | null;
  /** Failing resources of the control in the system (loadEvidenceDates); none when left out. */
  failing?: number;
};

export function applicabilityOf(input: Pick<StateInput, 'appliesTo' | 'systemServices' | 'implementation'>): Applicability {
  if (input.appliesTo.length > 0 && !input.appliesTo.some((code) => input.systemServices.has(code))) {
    return { applies: false, by: 'service', services: [...input.appliesTo] };
  }
  if (input.implementation?.status === 'NOT_APPLICABLE') {
    return { applies: false, by: 'owner', justification: input.implementation.justification };
  }
  return { applies: true };
}

export function awsHalfOf(freshness: HalfFreshness, report: CoveringReport | null): AwsHalf {
  const state: AwsHalfState =
    freshness.state === 'CURRENT' || freshness.state === 'EXPIRING'
      ? 'IMPLEMENTED'
      : freshness.state === 'EXPIRED'
        ? 'REPORT_EXPIRED'
        : 'NO_REPORT';
  return { state, report: state === 'NO_REPORT' ? null : report, validUntil: freshness.validUntil };
}

export function deriveControlState(input: StateInput): ControlState {
  const applicability = applicabilityOf(input);
  if (!applicability.applies) return { applicability, aws: null, customer: null, status: 'NOT_APPLICABLE', satisfied: false, failing: 0 };
  const aws = input.type !== 'CUSTOMER' && input.freshness.aws ? awsHalfOf(input.freshness.aws, input.report) : null;
  const recorded = input.implementation?.status;
  const customer = input.type !== 'INHERITED' ? { status: recorded && recorded !== 'NOT_APPLICABLE' ? recorded : 'NOT_STARTED' } : null;
  const halves: CustomerStatus[] = [
    ...(aws ? [aws.state === 'IMPLEMENTED' ? ('IMPLEMENTED' as const) : ('NOT_STARTED' as const)] : []),
    ...(customer ? [customer.status] : []),
  ];
  const status = halves.reduce<CustomerStatus>((weakest, s) => (STRENGTH[s] < STRENGTH[weakest] ? s : weakest), 'IMPLEMENTED');
  const fresh = input.freshness.overall === 'CURRENT' || input.freshness.overall === 'EXPIRING';
  const failing = input.failing ?? 0;
  return { applicability, aws, customer, status, satisfied: status === 'IMPLEMENTED' && fresh && failing === 0, failing };
}

/** A customer half exists where the control applies and is shared or the customer's. */
export function hasCustomerHalf(state: Pick<ControlState, 'customer'>): boolean {
  return state.customer !== null;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** "Not applicable — this system uses no Amazon S3" or the owner's justification. */
export function applicabilityText(applicability: Applicability): string | null {
  if (applicability.applies) return null;
  if (applicability.by === 'owner') return `Not applicable — ${applicability.justification}`;
  return `Not applicable — this system uses no ${applicability.services.map(serviceName).join(' or ')}`;
}

/** "Implemented by AWS — SOC 2 Type 2, report-…, covered until 2027-01-29". */
export function awsHalfText(aws: AwsHalf): string {
  if (aws.state === 'NO_REPORT') return AWS_HALF_LABELS.NO_REPORT;
  const report = aws.report ? `${aws.report.title}, ${aws.report.artifactReportId}, ` : '';
  if (aws.state === 'REPORT_EXPIRED') return `${AWS_HALF_LABELS.REPORT_EXPIRED} — ${report}coverage ended ${day(aws.validUntil!)}`;
  return `${AWS_HALF_LABELS.IMPLEMENTED} — ${report}covered until ${day(aws.validUntil!)}`;
}

/** "Failing (2 resources)" / "Failing (1 resource)"; null when nothing fails. */
export function failingText(failing: number): string | null {
  if (failing <= 0) return null;
  return `Failing (${failing} ${failing === 1 ? 'resource' : 'resources'})`;
}

/**
 * The overall status in words. An inherited control has no customer half, so its status
 * says what the AWS half is.
 */
export function statusLabel(state: Pick<ControlState, 'status' | 'aws' | 'customer'>): string {
  if (state.aws && !state.customer) return AWS_HALF_LABELS[state.aws.state];
  return STATUS_LABELS[state.status];
}

/** Both halves in words, e.g. "AWS half: implemented by AWS · your half: planned". */
export function halvesText(state: Pick<ControlState, 'aws' | 'customer'>): string | null {
  if (!state.aws || !state.customer) return null;
  const aws =
    state.aws.state === 'IMPLEMENTED' ? 'implemented by AWS' : state.aws.state === 'NO_REPORT' ? 'no report on file' : 'report expired';
  return `AWS half: ${aws} · your half: ${STATUS_LABELS[state.customer.status].toLowerCase()}`;
}
