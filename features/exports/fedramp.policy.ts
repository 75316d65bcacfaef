// FedRAMP's words for a control in the chain AWS → the team → the team's customers, derived
// once here and read by the SSP (ssp.ts) and the CIS/CRM workbook (cis-crm.policy.ts). In
// FedRAMP's terms the team is the service provider, AWS is the pre-existing authorization it
// leverages, and "customer" means the team's own customers.
import type { ResponsibilityType } from '@/features/controls/responsibility.policy';
import type { ControlState } from '@/features/controls/status.policy';

/** FedRAMP's OSCAL namespace for its props (implementation-status, control-origination …). */
export const FEDRAMP_NS = 'https://fedramp.gov/ns/oscal';

/** FedRAMP's `implementation-status` values (fedramp_values.xml). */
export const FEDRAMP_STATUSES = ['implemented', 'partial', 'planned', 'alternative', 'not-applicable'] as const;
export type FedrampStatus = (typeof FEDRAMP_STATUSES)[number];

export const FEDRAMP_STATUS_WORDS: Record<FedrampStatus, string> = {
  implemented: 'Implemented',
  partial: 'Partially Implemented',
  planned: 'Planned',
  alternative: 'Alternative Implementation',
  'not-applicable': 'Not Applicable',
};

/**
 * A control's FedRAMP status from its derived state. FedRAMP has no "not started": a control
 * nobody has begun is planned (the SSP's remarks and the workbook say it has not started).
 */
export function fedrampStatus(state: ControlState): FedrampStatus {
  switch (state.status) {
    case 'IMPLEMENTED':
      return 'implemented';
    case 'PARTIALLY_IMPLEMENTED':
      return 'partial';
    case 'NOT_APPLICABLE':
      return 'not-applicable';
    case 'PLANNED':
    case 'NOT_STARTED':
      return 'planned';
  }
}

const LEAST_FIRST: FedrampStatus[] = ['planned', 'partial', 'alternative', 'implemented'];

/**
 * One NIST control that several Demarc controls implement reads as the least implemented of
 * those that apply; not applicable only when none applies; null when no control is mapped.
 */
export function combinedFedrampStatus(statuses: readonly FedrampStatus[]): FedrampStatus | null {
  if (statuses.length === 0) return null;
  return LEAST_FIRST.find((status) => statuses.includes(status)) ?? 'not-applicable';
}

/** FedRAMP's `control-origination` values; several together say "hybrid" or "shared". */
export const ORIGINATION_TOKENS = ['sp-corporate', 'sp-system', 'customer-configured', 'customer-provided', 'inherited'] as const;
export type OriginationToken = (typeof ORIGINATION_TOKENS)[number];

/** The team's own customers' part, as recorded on the customer half. */
export type CustomersPart = { responsibility: string; inherit: 'YES' | 'PARTIAL' | 'NO' | null };

/**
 * Where a control originates:
 * - AWS's part (inherited and shared controls) is `inherited` from AWS's authorization;
 * - the team's part (shared and customer controls) is `sp-system`: Demarc records it per system;
 * - the team's customers' part: `customer-provided` when they cannot inherit the control at all,
 *   `customer-configured` when they must do something (a responsibility text, or a partial inheritance).
 */
export function originationTokens(type: ResponsibilityType, customers: CustomersPart): OriginationToken[] {
  const tokens: OriginationToken[] = [];
  if (type !== 'INHERITED') tokens.push('sp-system');
  if (customers.inherit === 'NO') tokens.push('customer-provided');
  else if (customers.inherit === 'PARTIAL' || customers.responsibility.trim()) tokens.push('customer-configured');
  if (type !== 'CUSTOMER') tokens.push('inherited');
  return tokens;
}

/** Every origination that applies to any of the controls behind one NIST id, in FedRAMP's order. */
export function combinedOrigination(tokenLists: readonly (readonly OriginationToken[])[]): OriginationToken[] {
  const all = new Set(tokenLists.flat());
  return ORIGINATION_TOKENS.filter((token) => all.has(token));
}

/** The leveraged authorization an `inherited` origination names: FedRAMP writes its package name and date. */
export type LeveragedAuthorization = { name: string; dateAuthorized: string | null };

/** FedRAMP's CIS wording for one origination token. */
export function originationWords(token: OriginationToken, leveraged: LeveragedAuthorization): string {
  switch (token) {
    case 'sp-corporate':
      return 'Service Provider Corporate';
    case 'sp-system':
      return 'Service Provider System Specific';
    case 'customer-configured':
      return 'Configured by Customer (Customer System Specific)';
    case 'customer-provided':
      return 'Provided by Customer (Customer System Specific)';
    case 'inherited':
      return `Inherited from pre-existing FedRAMP Authorization for ${leveraged.name}, ${leveraged.dateAuthorized ?? 'date of authorization not recorded'}`;
  }
}

/**
 * FedRAMP's "Shared (Service Provider and Customer Responsibility)": the team and its
 * customers both have a part. AWS and the team splitting a control is not "shared" in
 * FedRAMP's sense: it is `sp-system` plus `inherited`.
 */
export const isSharedWithCustomers = (tokens: readonly OriginationToken[]) =>
  tokens.some((t) => t === 'sp-system' || t === 'sp-corporate') &&
  tokens.some((t) => t === 'customer-configured' || t === 'customer-provided');

export const SHARED_WORDS = 'Shared (Service Provider and Customer Responsibility)';

/** Whether the team's customers can inherit the control, in the CIS's words, when the team has said. */
export const CAN_BE_INHERITED_WORDS: Record<'YES' | 'PARTIAL' | 'NO', string> = { YES: 'Yes', PARTIAL: 'Partial', NO: 'No' };

/** What the leveraged AWS authorization is read from: the organization's current AWS reports. */
export type LeveragedReport = {
  title: string;
  periodEnd: Date;
  fedrampPackageId?: string;
  fedrampAuthorizedAt?: Date | null;
};

/**
 * The AWS authorization a system leverages, from the organization's accepted, current AWS
 * reports (the callers select those): AWS's FedRAMP package is the report that records a
 * package id; its authorization date is the one recorded with it (or with another report).
 * The SSP's leveraged authorization and the CIS's "Inherited from …" words both read this.
 */
export function leveragedAws<R extends LeveragedReport>(reports: readonly R[]) {
  const latestFirst = [...reports].sort((a, b) => b.periodEnd.getTime() - a.periodEnd.getTime());
  const latest = latestFirst[0] ?? null;
  const fedramp = latestFirst.find((r) => r.fedrampPackageId?.trim()) ?? null;
  const authorized = (fedramp?.fedrampAuthorizedAt ? fedramp : latestFirst.find((r) => r.fedrampAuthorizedAt)) ?? null;
  const authorizedOn = authorized?.fedrampAuthorizedAt ?? null;
  const words: LeveragedAuthorization = {
    name: fedramp
      ? `Amazon Web Services (${fedramp.title})`
      : latest
        ? `Amazon Web Services (no FedRAMP package recorded; latest report on file: ${latest.title})`
        : 'Amazon Web Services (no AWS report recorded)',
    dateAuthorized: authorizedOn ? authorizedOn.toISOString().slice(0, 10) : null,
  };
  return { latest, fedramp, authorized, authorizedOn, words };
}
