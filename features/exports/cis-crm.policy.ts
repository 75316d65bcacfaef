// The FedRAMP CIS/CRM workbook: the CIS, one row per control and enhancement of the system's
// baseline with FedRAMP's implementation status and control origination, and the CRM, what the
// team's own customers must do (status and origination words from fedramp.policy.ts, which the
// SSP reads too). Also the system's controls CSV. Every status, applicability and half is read
// from the register's derived state (features/controls/status.policy.ts), never as a code.
import ExcelJS from 'exceljs';
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
  failingText,
  statusLabel,
  type ControlState,
} from '@/features/controls/status.policy';
import { FRESHNESS_LABELS } from '@/features/evidence/evidence.policy';
import { serviceName } from '@/features/systems/service-catalog';
import {
  CAN_BE_INHERITED_WORDS,
  FEDRAMP_STATUS_WORDS,
  SHARED_WORDS,
  combinedFedrampStatus,
  combinedOrigination,
  fedrampStatus,
  isSharedWithCustomers,
  originationTokens,
  originationWords,
  type CustomersPart,
  type FedrampStatus,
  type LeveragedAuthorization,
  type OriginationToken,
} from './fedramp.policy';

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

// ── The CIS/CRM workbook, in FedRAMP's shape ───────────────────────────────────────────
//
// In FedRAMP's terms the team is the service provider, AWS the pre-existing authorization it
// leverages, and "customer" the team's own customers. Statuses and originations are FedRAMP's
// (fedramp.policy.ts), read from each Demarc control's derived state.

/** One Demarc control as the workbook reads it for one system. */
export type CisControl = {
  id: string;
  code: string;
  /** The NIST SP 800-53 ids the control names, as OSCAL writes them ("ac-2.1"). */
  nistIds: string[];
  /** The effective type for the system. */
  type: ResponsibilityType;
  state: ControlState;
  /** What the team's own customers must do, as recorded on the customer half. */
  customers: CustomersPart;
};

/** One NIST control or enhancement and the Demarc controls behind it. */
export type CisEntry = { nistId: string; title: string; controls: CisControl[] };

/** "ac-2.1" → "AC-2(1)", as people write it. */
export const nistLabel = (id: string) => formatNistIds([id]);

const NIST_PARTS = /^([a-z]+)-(\d+)(?:\.(\d+))?$/;

/** Family, then number, then enhancement: AC-2, AC-2(1), AC-10, AT-2. */
export function compareNistIds(a: string, b: string): number {
  const pa = NIST_PARTS.exec(a);
  const pb = NIST_PARTS.exec(b);
  if (!pa || !pb) return a.localeCompare(b);
  return pa[1]!.localeCompare(pb[1]!) || Number(pa[2]) - Number(pb[2]) || Number(pa[3] ?? -1) - Number(pb[3] ?? -1);
}

/** With a baseline: one entry per control and enhancement, with the Demarc controls that implement it (implementingControls). */
export function baselineEntries(
  requirements: readonly { externalId: string; title: string; controlIds: readonly string[] }[],
  controls: readonly CisControl[],
): CisEntry[] {
  const byId = new Map(controls.map((c) => [c.id, c]));
  return requirements.map((r) => ({
    nistId: r.externalId,
    title: r.title,
    controls: r.controlIds.flatMap((id) => byId.get(id) ?? []),
  }));
}

/** Without a baseline: one entry per NIST id the controls name, each id once, in NIST order. */
export function nistIdEntries(controls: readonly CisControl[]): CisEntry[] {
  const byId = new Map<string, CisControl[]>();
  for (const c of controls) for (const id of new Set(c.nistIds)) byId.set(id, [...(byId.get(id) ?? []), c]);
  return [...byId.keys()].sort(compareNistIds).map((nistId) => ({ nistId, title: '', controls: byId.get(nistId)! }));
}

export const CIS_COLUMNS = [
  'Control ID',
  'Control name',
  'Implemented',
  'Partially Implemented',
  'Planned',
  'Alternative Implementation',
  'Not Applicable',
  'Service Provider Corporate',
  'Service Provider System Specific',
  'Service Provider Hybrid (Corporate and System Specific)',
  'Configured by Customer (Customer System Specific)',
  'Provided by Customer (Customer System Specific)',
  'Shared (Service Provider and Customer Responsibility)',
  'Inherited from pre-existing FedRAMP Authorization',
  'Implementation status',
  'Control origination',
  'Demarc controls',
  'Remarks',
] as const;

export type CisColumn = (typeof CIS_COLUMNS)[number];
export type CisRow = Record<CisColumn, string>;

/** FedRAMP's CIS marks one status column with an "X". */
export const STATUS_COLUMN = {
  implemented: 'Implemented',
  partial: 'Partially Implemented',
  planned: 'Planned',
  alternative: 'Alternative Implementation',
  'not-applicable': 'Not Applicable',
} as const satisfies Record<FedrampStatus, CisColumn>;

/** …and every origination that applies, each in its column. */
export const ORIGINATION_COLUMN = {
  'sp-corporate': 'Service Provider Corporate',
  'sp-system': 'Service Provider System Specific',
  'customer-configured': 'Configured by Customer (Customer System Specific)',
  'customer-provided': 'Provided by Customer (Customer System Specific)',
  inherited: 'Inherited from pre-existing FedRAMP Authorization',
} as const satisfies Record<OriginationToken, CisColumn>;

const HYBRID: CisColumn = 'Service Provider Hybrid (Corporate and System Specific)';

/** One control's standing in the remarks: why it does not apply, else each half in words. */
function controlRemark(c: CisControl): string {
  const halves = [
    applicabilityText(c.state.applicability),
    c.state.aws && awsHalfText(c.state.aws),
    c.state.customer && `service provider part: ${STATUS_LABELS[c.state.customer.status]}`,
  ].filter(Boolean);
  return `${c.code}: ${halves.join('; ')}`;
}

export const NO_CONTROL_MAPPED = 'No Demarc control mapped';

/**
 * One CIS row. Several Demarc controls behind one NIST id make one row: its status is the least
 * implemented of those that apply (not applicable only when none applies), its origination every
 * origination of those that apply (of all of them when none applies), and the Demarc codes are
 * listed. A control no Demarc control implements is Planned, with "No Demarc control mapped".
 * `note` leads the remarks (e.g. that no baseline is set).
 */
export function cisRow(entry: CisEntry, leveraged: LeveragedAuthorization, note = ''): CisRow {
  const row = Object.fromEntries(CIS_COLUMNS.map((column) => [column, ''])) as CisRow;
  const applying = entry.controls.filter((c) => c.state.applicability.applies);
  const status = combinedFedrampStatus(entry.controls.map((c) => fedrampStatus(c.state))) ?? 'planned';
  const tokens = combinedOrigination((applying.length ? applying : entry.controls).map((c) => originationTokens(c.type, c.customers)));
  const shared = isSharedWithCustomers(tokens);
  row['Control ID'] = nistLabel(entry.nistId);
  row['Control name'] = entry.title;
  row[STATUS_COLUMN[status]] = 'X';
  for (const token of tokens) row[ORIGINATION_COLUMN[token]] = 'X';
  if (tokens.includes('sp-corporate') && tokens.includes('sp-system')) row[HYBRID] = 'X';
  if (shared) row[SHARED_WORDS] = 'X';
  row['Implementation status'] = FEDRAMP_STATUS_WORDS[status];
  row['Control origination'] = [...(shared ? [SHARED_WORDS] : []), ...tokens.map((t) => originationWords(t, leveraged))].join('\n');
  row['Demarc controls'] = entry.controls.map((c) => c.code).join(', ');
  row.Remarks = [note, entry.controls.length ? '' : NO_CONTROL_MAPPED, ...entry.controls.map(controlRemark)].filter(Boolean).join('\n');
  return row;
}

export const CRM_COLUMNS = ['Control ID', 'Can be inherited by customers', 'Specific customer responsibility', 'Demarc controls'] as const;

export type CrmRow = Record<(typeof CRM_COLUMNS)[number], string>;

/** What the team's customers must do for a control: a responsibility written, or an inheritance that is partial or none. */
export const hasCustomersPart = (customers: CustomersPart) =>
  customers.responsibility.trim() !== '' || customers.inherit === 'PARTIAL' || customers.inherit === 'NO';

const INHERIT_ORDER = ['NO', 'PARTIAL', 'YES'] as const;

/**
 * Whether the team's customers can inherit one NIST control: the least of what the contributing
 * controls say (No, then Partial, then Yes); a responsibility written without saying counts as Partial.
 */
export function customersCanInherit(parts: readonly CustomersPart[]): 'YES' | 'PARTIAL' | 'NO' {
  const said = parts.map((p) => p.inherit ?? 'PARTIAL');
  return INHERIT_ORDER.find((level) => said.includes(level)) ?? 'YES';
}

/**
 * One CRM row: what the team's own customers must do for a NIST control, from the customers'
 * part of the controls behind it that apply; null when they have nothing to do.
 */
export function crmRow(entry: CisEntry): CrmRow | null {
  const parts = entry.controls.filter((c) => c.state.applicability.applies && hasCustomersPart(c.customers));
  if (parts.length === 0) return null;
  const text = (c: CisControl) =>
    c.customers.responsibility.trim() || 'Not written yet: say what customers must do on the control’s customer half.';
  return {
    'Control ID': nistLabel(entry.nistId),
    'Can be inherited by customers': CAN_BE_INHERITED_WORDS[customersCanInherit(parts.map((c) => c.customers))],
    'Specific customer responsibility': parts.map((c) => (parts.length > 1 ? `${c.code}: ${text(c)}` : text(c))).join('\n'),
    'Demarc controls': parts.map((c) => c.code).join(', '),
  };
}

export const NO_BASELINE_NOTE =
  'No baseline is set for this system: rows follow the NIST ids its controls name. Set the system’s baseline to list every control of it.';

/** The workbook's two sheets from its entries. */
export function cisCrmSheets(entries: readonly CisEntry[], leveraged: LeveragedAuthorization, baselineSet: boolean) {
  const note = baselineSet ? '' : NO_BASELINE_NOTE;
  return {
    cis: entries.map((entry) => cisRow(entry, leveraged, note)),
    crm: entries.flatMap((entry) => crmRow(entry) ?? []),
  };
}

export const cisCsv = (rows: readonly CisRow[]) => toCsv([[...CIS_COLUMNS], ...rows.map((row) => CIS_COLUMNS.map((c) => row[c]))]);
export const crmCsv = (rows: readonly CrmRow[]) => toCsv([[...CRM_COLUMNS], ...rows.map((row) => CRM_COLUMNS.map((c) => row[c]))]);

const WIDTHS: Partial<Record<string, number>> = {
  'Control ID': 12,
  'Control name': 36,
  'Implementation status': 22,
  'Control origination': 48,
  'Demarc controls': 22,
  Remarks: 60,
  'Can be inherited by customers': 16,
  'Specific customer responsibility': 70,
};

/** A sheet: a bold, filled, frozen header row, set widths, wrapped text; every cell a plain string. */
function addSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly string[], rows: readonly string[][]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  sheet.columns = columns.map((header) => ({ header, key: header, width: WIDTHS[header] ?? 15 }));
  // Strings only, never `{ formula }`: a cell that starts with "=" stays text in every spreadsheet.
  for (const values of rows) sheet.addRow([...values]);
  sheet.eachRow((row, index) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.alignment = { wrapText: true, vertical: 'top' };
      cell.numFmt = '@';
    });
    if (index === 1) {
      row.font = { bold: true };
      row.eachCell((cell) => {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2E8F0' } };
      });
    }
  });
  if (rows.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/** The workbook as XLSX: the CIS sheet, the CRM sheet and an "About" sheet with what the export read and how. */
export async function cisCrmXlsx(sheets: { cis: readonly CisRow[]; crm: readonly CrmRow[] }, about: readonly [string, string][]) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Demarc';
  addSheet(
    workbook,
    'CIS',
    CIS_COLUMNS,
    sheets.cis.map((row) => CIS_COLUMNS.map((c) => row[c])),
  );
  addSheet(
    workbook,
    'CRM',
    CRM_COLUMNS,
    sheets.crm.map((row) => CRM_COLUMNS.map((c) => row[c])),
  );
  addSheet(
    workbook,
    'About',
    ['About this workbook', ''],
    about.map(([k, v]) => [k, v]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The About sheet: the system, its baseline, the leveraged authorization and the rules the rows follow. */
export function aboutRows(input: {
  systemName: string;
  baselineName: string | null;
  leveraged: LeveragedAuthorization;
  generatedAt: Date;
}): [string, string][] {
  return [
    ['System', input.systemName],
    ['Baseline', input.baselineName ?? NO_BASELINE_NOTE],
    ['Generated', input.generatedAt.toISOString()],
    ['Leveraged authorization', originationWords('inherited', input.leveraged)],
    [
      'CIS',
      'One row per control and enhancement of the baseline. Several Demarc controls behind one NIST control make one row: its status is the least implemented of those that apply, its origination every origination of those that apply, and the Demarc controls are listed. A control no Demarc control implements is Planned ("No Demarc control mapped"). Not started reads as Planned; the remarks say "Not started".',
    ],
    [
      'CRM',
      'What this system’s own customers must do, from the customers’ part recorded on each control’s customer half: one row per NIST control where a control that applies says customers can inherit it only partially or not at all, or names a responsibility.',
    ],
  ];
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
  'Failing checks',
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
    'Failing checks': failingText(row.state.failing) ?? '',
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
