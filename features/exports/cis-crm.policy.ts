// The FedRAMP-style CIS/CRM worksheet: one row per control with its implementation status,
// where the control originates and whether it can be inherited, and what is left to the
// customer. The origination rule here is also what the OSCAL SSP says (ssp.ts).
import { formatNistIds } from '@/features/controls/controls.schema';
import { toCsv } from '@/features/controls/controls-csv';
import type { RegisterRow } from '@/features/controls/register.policy';
import type { ResponsibilityType, ServiceLine } from '@/features/controls/responsibility.policy';
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

type Status = NonNullable<RegisterRow['implementation']>['status'];

/** FedRAMP's implementation statuses; Demarc has no "Alternative Implementation". No record yet reads as Planned. */
export const CIS_STATUS: Record<Status, string> = {
  NOT_STARTED: 'Not started',
  IMPLEMENTED: 'Implemented',
  PARTIALLY_IMPLEMENTED: 'Partially Implemented',
  PLANNED: 'Planned',
  NOT_APPLICABLE: 'Not Applicable',
};

/** What the exports read about a control beyond its register row. */
export type ControlStatements = {
  nistIds: string[];
  awsStatement: string;
  customerStatement: string;
  /** The control's service lines for the services the system uses, by service code. */
  lines: ServiceLine[];
};

/** A control as the exports read it: its register row for the system, its statements, the customer half's text. */
export type ExportControl = { row: RegisterRow; statements: ControlStatements; narrative: string; justification: string };

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
  'Customer responsibility',
] as const;

export type CisCrmRow = Record<(typeof CIS_CRM_COLUMNS)[number], string>;

export function cisCrmRow(
  row: Pick<RegisterRow, 'code' | 'title' | 'effective' | 'implementation' | 'state'>,
  statements: ControlStatements,
): CisCrmRow {
  const type = row.effective.type;
  return {
    'Control ID': formatNistIds(statements.nistIds) || row.code,
    'Demarc code': row.code,
    Title: row.title,
    'Implementation status': CIS_STATUS[row.state.status],
    'Control origination': ORIGINATION[type].label,
    'Can be inherited': CAN_BE_INHERITED[type],
    'Customer responsibility': customerResponsibility(statements).join('\n'),
  };
}

/** The worksheet as CSV: a header row, then one row per control, every cell escaped against formula injection. */
export function cisCrmCsv(rows: CisCrmRow[]): string {
  return toCsv([[...CIS_CRM_COLUMNS], ...rows.map((row) => CIS_CRM_COLUMNS.map((column) => row[column]))]);
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
