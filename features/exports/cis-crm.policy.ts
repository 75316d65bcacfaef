// The FedRAMP-style CIS/CRM worksheet: one row per control with its implementation status,
// where the control originates and whether it can be inherited, and what is left to the
// customer. The origination rule here is also what the OSCAL SSP says (ssp.ts). Also the
// system's controls CSV. Every status, applicability and half is read from the register's
// derived state (features/controls/status.policy.ts) and written in words, never as a code.
import { formatNistIds } from '@/features/controls/controls.schema';
import { toCsv } from '@/features/controls/controls-csv';
import type { RegisterRow } from '@/features/controls/register.policy';
import {
  RESPONSIBILITY_LABELS,
  explainResponsibility,
  type ResponsibilityType,
  type ServiceLine,
} from '@/features/controls/responsibility.policy';
import {
  STATUS_LABELS,
  applicabilityText,
  awsHalfText,
  statusLabel,
  type ControlState,
  type ControlStatus,
} from '@/features/controls/status.policy';
import { FRESHNESS_LABELS } from '@/features/evidence/evidence.policy';
import { serviceName } from '@/features/systems/service-catalog';

/** FedRAMP's control origination vocabulary. */
export type Origination =
  | 'Service Provider Corporate'
  | 'Service Provider System Specific'
  | 'Service Provider Hybrid'
  | 'Configured by Customer'
  | 'Provided by Customer'
  | 'Shared'
  | 'Inherited';

/** FedRAMP's OSCAL values for control-origination; a hybrid is several props. */
export type OriginationToken = 'sp-corporate' | 'sp-system' | 'customer-configured' | 'customer-provided' | 'inherited';

/**
 * Where a control originates, from the effective type for the system. The worksheet is
 * written by the Demarc organization as the owner of a system built on AWS: in FedRAMP terms
 * the organization is the service provider and AWS is the pre-existing authorization it
 * leverages. So:
 * - INHERITED → Inherited: AWS's authorization covers it whole.
 * - SHARED → Shared, as AWS's own CRM marks such controls: AWS's half is inherited, the
 *   organization implements the other half (in OSCAL: inherited + sp-system).
 * - CUSTOMER → Service Provider System Specific: the organization implements it alone, and
 *   Demarc records it per system (status, owner, evidence per control and system).
 * Never produced: "Configured/Provided by Customer" would be the organization's own
 * customers, whom Demarc does not model; "Corporate" and "Hybrid" would need an
 * organization-wide implementation, which Demarc does not record.
 */
export const ORIGINATION: Record<ResponsibilityType, { label: Origination; tokens: OriginationToken[] }> = {
  INHERITED: { label: 'Inherited', tokens: ['inherited'] },
  SHARED: { label: 'Shared', tokens: ['sp-system', 'inherited'] },
  CUSTOMER: { label: 'Service Provider System Specific', tokens: ['sp-system'] },
};

export const CAN_BE_INHERITED: Record<ResponsibilityType, 'Yes' | 'Partial' | 'No'> = {
  INHERITED: 'Yes',
  SHARED: 'Partial',
  CUSTOMER: 'No',
};

/**
 * FedRAMP's implementation statuses for Demarc's overall status. FedRAMP has no "not started"
 * (nor does Demarc have "Alternative Implementation"): Demarc's own words stay, so a control
 * nobody has begun never reads as planned.
 */
export const FEDRAMP_STATUS: Record<ControlStatus, string> = {
  NOT_STARTED: STATUS_LABELS.NOT_STARTED,
  PLANNED: 'Planned',
  PARTIALLY_IMPLEMENTED: 'Partially Implemented',
  IMPLEMENTED: 'Implemented',
  NOT_APPLICABLE: 'Not Applicable',
};

/**
 * The worksheet's implementation status, from the derived state. An inherited control whose
 * AWS half is not proved by a current report says so ("AWS half: no report on file") rather
 * than claim a status the organization has not recorded.
 */
export function implementationStatus(state: ControlState): string {
  if (state.aws && !state.customer && state.aws.state !== 'IMPLEMENTED') return statusLabel(state);
  return FEDRAMP_STATUS[state.status];
}

/** The AWS half in words, naming the covering report ("Implemented by AWS — SOC 2 …"); empty without one. */
export const awsHalfCell = (state: ControlState) => (state.aws ? awsHalfText(state.aws) : '');

/** The customer half's status in words ("Not started"); empty without one. */
export const customerHalfCell = (state: ControlState) => (state.customer ? STATUS_LABELS[state.customer.status] : '');

/** What the exports read about a control beyond its register row. */
export type ControlStatements = {
  nistIds: string[];
  awsStatement: string;
  customerStatement: string;
  /** The control's service lines for the services the system uses, by service code. */
  lines: ServiceLine[];
};

/** A control as the exports read it: its register row for the system, its statements, the customer half's narrative and owner. */
export type ExportControl = { row: RegisterRow; statements: ControlStatements; narrative: string; ownerEmail: string | null };

/** One side's text, a paragraph each: the control's statement, then each task a service the system uses gives that side. */
function sideText(statement: string, lines: ServiceLine[], task: (line: ServiceLine) => string): string[] {
  const tasks = lines.filter((line) => task(line)).map((line) => `${serviceName(line.serviceCode)}: ${task(line)}`);
  return [statement, ...tasks].filter(Boolean);
}

export const customerResponsibility = (s: ControlStatements) => sideText(s.customerStatement, s.lines, (l) => l.customerTask);
export const awsProvision = (s: ControlStatements) => sideText(s.awsStatement, s.lines, (l) => l.awsTask);

export const CIS_CRM_COLUMNS = [
  'Control ID',
  'Demarc code',
  'Title',
  'Implementation status',
  'Control origination',
  'Can be inherited',
  'AWS half',
  'Customer half',
  'Customer responsibility',
  'Remarks',
] as const;

export type CisCrmRow = Record<(typeof CIS_CRM_COLUMNS)[number], string>;

/**
 * One control's worksheet row. Both halves stand in their own columns (the AWS half names the
 * report that covers it); a control that does not apply says why in the remarks.
 */
export function cisCrmRow(row: Pick<RegisterRow, 'code' | 'title' | 'effective' | 'state'>, statements: ControlStatements): CisCrmRow {
  const type = row.effective.type;
  return {
    'Control ID': formatNistIds(statements.nistIds) || row.code,
    'Demarc code': row.code,
    Title: row.title,
    'Implementation status': implementationStatus(row.state),
    'Control origination': ORIGINATION[type].label,
    'Can be inherited': CAN_BE_INHERITED[type],
    'AWS half': awsHalfCell(row.state),
    'Customer half': customerHalfCell(row.state),
    'Customer responsibility': customerResponsibility(statements).join('\n'),
    Remarks: applicabilityText(row.state.applicability) ?? '',
  };
}

/** The worksheet as CSV: a header row, then one row per control, every cell escaped against formula injection. */
export function cisCrmCsv(rows: CisCrmRow[]): string {
  return toCsv([[...CIS_CRM_COLUMNS], ...rows.map((row) => CIS_CRM_COLUMNS.map((column) => row[column]))]);
}

// ── The system's controls CSV ──────────────────────────────────────────────────────────

export const SYSTEM_CONTROLS_COLUMNS = [
  'Code',
  'Title',
  'NIST SP 800-53',
  'Owner',
  'Owner email',
  'Responsibility',
  'Why this responsibility',
  'Applicability',
  'AWS half',
  'Customer half',
  'Status',
  'Evidence',
  'AWS half valid until',
  'Customer half valid until',
  'Next review',
] as const;

export type SystemControlsRow = Record<(typeof SYSTEM_CONTROLS_COLUMNS)[number], string>;

const day = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : '');

/**
 * One control of the system as the register derives it, in words. A control that does not
 * apply has no halves and no evidence to chase: those cells stay empty and the applicability
 * says why.
 */
export function systemControlsRow(control: ExportControl): SystemControlsRow {
  const { row, statements, ownerEmail } = control;
  const applies = row.state.applicability.applies;
  return {
    Code: row.code,
    Title: row.title,
    'NIST SP 800-53': formatNistIds(statements.nistIds),
    Owner: row.implementation?.ownerName ?? '',
    'Owner email': ownerEmail ?? '',
    Responsibility: RESPONSIBILITY_LABELS[row.effective.type],
    'Why this responsibility': explainResponsibility(row.effective),
    Applicability: applicabilityText(row.state.applicability) ?? 'Applies',
    'AWS half': awsHalfCell(row.state),
    'Customer half': customerHalfCell(row.state),
    Status: statusLabel(row.state),
    Evidence: applies ? FRESHNESS_LABELS[row.freshness.overall] : '',
    'AWS half valid until': applies ? day(row.freshness.aws?.validUntil) : '',
    'Customer half valid until': applies ? day(row.freshness.customer?.validUntil) : '',
    'Next review': day(row.implementation?.nextReviewAt),
  };
}

/** The system's controls as CSV: a header in words, one row per control, every cell escaped against formula injection. */
export function buildSystemControlsCsv(rows: SystemControlsRow[]): string {
  return toCsv([[...SYSTEM_CONTROLS_COLUMNS], ...rows.map((row) => SYSTEM_CONTROLS_COLUMNS.map((column) => row[column]))]);
}

/** An ASCII file name from a system's name, e.g. "payments-platform-ssp-2026-05-01.json". */
export function exportFileName(systemName: string, kind: string, extension: string, now: Date): string {
  const slug = systemName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return `${slug || 'system'}-${kind}-${now.toISOString().slice(0, 10)}.${extension}`;
}
