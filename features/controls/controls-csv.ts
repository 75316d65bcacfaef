// Controls as CSV, both ways: the column layout, formula-injection escaping, and reading a
// file into validated rows with problems that name the row and the column, as a stream (a
// chunk at a time, pausing so other requests are answered) and up to a number of rows. No
// database: that side is in controls-csv.data.ts.
import { Readable, pipeline } from 'node:stream';
import { parse as parser } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { normalizeEmail } from '@/features/auth/auth.policy';
import { inCatalogOrder, SERVICE_CODES } from '@/features/systems/service-catalog';
import { importLimits } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { pacer } from '@/lib/pacing';
import { CADENCE_LABELS, controlFieldsSchema, formatNistIds } from './controls.schema';
import { RESPONSIBILITY_LABELS, type ResponsibilityType } from './responsibility.policy';
import { applicabilityText, statusLabel, type ControlState } from './status.policy';

export type CsvProblem = { row: number; column: string; message: string };

export const formatProblem = (p: CsvProblem) => `Row ${p.row}, column “${p.column}”: ${p.message}`;

/** A file refused whole; every problem is listed (and carried as the "csv" field's errors for forms). */
export class CsvRowsError extends AppError {
  constructor(
    readonly problems: CsvProblem[],
    /** The list stopped at MAX_PROBLEMS: there may be more. */
    more = false,
  ) {
    super(
      'VALIDATION',
      more
        ? `The file has at least ${problems.length.toLocaleString('en')} problems; nothing was imported. The first ${problems.length.toLocaleString('en')} are listed.`
        : `The file has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported.`,
      { csv: problems.map(formatProblem) },
    );
  }
}

/** Problems listed at most: a file that is wrong throughout is refused after these. */
export const MAX_PROBLEMS = 1_000;

/** Refuses a file with more than `maxRows` rows below its header, before anything else is done with it. */
export class TooManyRowsError extends AppError {
  constructor(readonly maxRows: number) {
    const n = maxRows.toLocaleString('en');
    super('VALIDATION', `This file has more than ${n} rows; nothing was imported. Split it into files of at most ${n} rows each.`);
  }
}

// Spreadsheets run a cell that starts with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a single quote to a cell a spreadsheet would run as a formula. */
export function escapeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes escapeCell, so an export imports back unchanged. */
export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** Rows → CSV text, every cell escaped, with a BOM so spreadsheets read it as UTF-8. */
export function toCsv(rows: string[][]): string {
  // Line breaks inside a cell are always quoted: csv-stringify only quotes its own record delimiter.
  return stringify(
    rows.map((row) => row.map(escapeCell)),
    { bom: true, record_delimiter: '\r\n', quoted_match: /[\r\n]/ },
  );
}

/** A record's cells by lower-cased column name. */
export type CsvRecord = { row: number; cells: Map<string, string> };

const CSV_OPTIONS = { bom: true, relax_column_count: true, skip_empty_lines: true } as const;
const EMPTY_FILE = 'The file is empty: the first row must name the columns.';
const notCsv = (error: unknown) =>
  new AppError('VALIDATION', `The file is not valid CSV: ${error instanceof Error ? error.message : String(error)}`);

/** The header row's names, trimmed, with their lower-cased keys; a column without a name or named twice is a problem. */
function readHeader(cells: string[], problems: CsvProblem[]) {
  const header = cells.map((h) => h.trim());
  const keys = header.map((h) => h.toLowerCase());
  header.forEach((name, i) => {
    if (!name) problems.push({ row: 1, column: `#${i + 1}`, message: 'This column has no name.' });
    else if (keys.indexOf(name.toLowerCase()) !== i) problems.push({ row: 1, column: name, message: 'This column appears twice.' });
  });
  return { header, keys };
}

/** A row's cells by column key, unescaped and trimmed; cells beyond the header's columns are a problem. */
function readRecord(cells: string[], row: number, keys: string[], problems: CsvProblem[]): CsvRecord {
  if (cells.length > keys.length && cells.slice(keys.length).some((c) => c.trim())) {
    problems.push({ row, column: `#${keys.length + 1}`, message: 'This row has more cells than the header has columns.' });
  }
  return { row, cells: new Map(keys.map((key, c) => [key, unescapeCell(cells[c] ?? '').trim()])) };
}

/**
 * CSV text → the header and each record by column name (the header is row 1, as in a
 * spreadsheet). Column names match case-insensitively; cells are unescaped and trimmed.
 */
export function readCsv(text: string): { header: string[]; records: CsvRecord[] } {
  let table: string[][];
  try {
    table = parse(text, CSV_OPTIONS);
  } catch (error) {
    throw notCsv(error);
  }
  const [headerCells, ...rows] = table;
  if (!headerCells) throw new AppError('VALIDATION', EMPTY_FILE);
  const problems: CsvProblem[] = [];
  const { header, keys } = readHeader(headerCells, problems);
  const records = rows.map((cells, i) => readRecord(cells, i + 2, keys, problems));
  if (problems.length) throw new CsvRowsError(problems);
  return { header, records };
}

/** A CSV file: its text, or the chunks of an upload as they arrive. */
export type CsvSource = string | AsyncIterable<Uint8Array | string>;

const SLICE_CHARS = 64 * 1024;
/** Text in slices, never cut between the two halves of a character beyond the BMP (an emoji). */
function* slices(text: string) {
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + SLICE_CHARS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield text.slice(start, end);
    start = end;
  }
}

/**
 * The file's rows as csv-parse reads them, a chunk at a time: an upload is never in memory whole.
 * Leaving the loop early stops reading (and an upload's body with it).
 */
async function* csvRows(source: CsvSource): AsyncGenerator<string[]> {
  const rows = parser(CSV_OPTIONS);
  const chunks = typeof source === 'string' ? slices(source) : source;
  // An error on either side reaches the loop below: pipeline destroys the parser with it.
  pipeline(Readable.from(chunks), rows, () => {});
  try {
    for await (const cells of rows) yield cells as string[];
  } catch (error) {
    throw error instanceof AppError ? error : notCsv(error);
  }
}

// ── Controls ────────────────────────────────────────────────────────────────────────────

/** Columns in export order; `owner:`, `type:` and `status:` columns follow, one of each per system. */
export const CONTROL_COLUMNS = [
  'code',
  'title',
  'description',
  'family',
  'default_type',
  'aws_statement',
  'customer_statement',
  'cadence',
  'nist_ids',
  'applies_to',
  'mappings',
  'version',
] as const;
const REQUIRED_COLUMNS = ['code', 'title', 'family', 'default_type', 'cadence'] as const;
const FIELD_COLUMNS: Record<string, string> = {
  code: 'code',
  title: 'title',
  description: 'description',
  family: 'family',
  defaultType: 'default_type',
  awsStatement: 'aws_statement',
  customerStatement: 'customer_statement',
  cadence: 'cadence',
  nistIds: 'nist_ids',
};
/**
 * Per system: the owner's email (read on import); the effective type and the status in words
 * (export only); the team's customers' responsibility and whether they can inherit the control
 * (read on import when the column is there: the cell is the value, an empty one clears it).
 */
export const SYSTEM_COLUMN_KINDS = ['owner', 'type', 'status', 'customers_responsibility', 'customers_inherit'] as const;

/** The customers_inherit cell in words: Yes, Partial, No, or Not said. */
export const CUSTOMERS_INHERIT_CELLS = { YES: 'Yes', PARTIAL: 'Partial', NO: 'No' } as const;
export const NOT_SAID = 'Not said';
export type CustomersInheritValue = keyof typeof CUSTOMERS_INHERIT_CELLS | null;
const customersInheritCell = (value: CustomersInheritValue) => (value ? CUSTOMERS_INHERIT_CELLS[value] : NOT_SAID);

/** The services a control is bound to, as the applies_to cell writes them: catalog codes separated by semicolons. */
export const formatAppliesTo = (codes: readonly string[]) => codes.join(';');

/**
 * An applies_to cell → the catalog's service codes in catalog order, and what is not a code.
 * Codes match case-insensitively; semicolons, commas or spaces separate them; empty: every system.
 */
export function parseAppliesTo(text: string): { codes: string[]; unknown: string[] } {
  const written = text
    .split(/[;,\s]+/)
    .map((code) => code.trim().toLowerCase())
    .filter(Boolean);
  const catalog: readonly string[] = SERVICE_CODES;
  return {
    codes: inCatalogOrder(written),
    unknown: [...new Set(written.filter((code) => !catalog.includes(code)))],
  };
}

/** A control's standing in one system, as the export words it, with the team's customers' part. */
export type SystemCells = {
  ownerEmail: string;
  type: ResponsibilityType;
  state: ControlState;
  customersResponsibility: string;
  customersInherit: CustomersInheritValue;
};

export type ControlExport = {
  fields: z.output<typeof controlFieldsSchema>;
  /** The control's version: an import of this row is refused once the control has moved past it. */
  version: number;
  /** Service codes the control is bound to (empty: every system). */
  appliesTo: string[];
  /** "Framework name|requirement id" per mapping. */
  mappings: { framework: string; requirementId: string }[];
  /** Per system name. */
  systems: Map<string, SystemCells>;
};

/** The status column of one system: the derived status in words, or why the control does not apply there. */
export const systemStatusCell = (state: ControlState) => applicabilityText(state.applicability) ?? statusLabel(state);

/**
 * One row per control, in words (types, cadences, statuses) that import reads back; per system
 * its owner, effective type and status; mappings one per line; the control's version.
 */
export function buildControlsCsv(systemNames: string[], controls: ControlExport[]): string {
  const header = [...CONTROL_COLUMNS, ...systemNames.flatMap((name) => SYSTEM_COLUMN_KINDS.map((kind) => `${kind}:${name}`))];
  const rows = controls.map(({ fields, version, appliesTo, mappings, systems }) => [
    fields.code,
    fields.title,
    fields.description,
    fields.family,
    RESPONSIBILITY_LABELS[fields.defaultType],
    fields.awsStatement,
    fields.customerStatement,
    CADENCE_LABELS[fields.cadence],
    formatNistIds(fields.nistIds),
    formatAppliesTo(appliesTo),
    mappings.map((m) => `${m.framework}|${m.requirementId}`).join('\n'),
    String(version),
    ...systemNames.flatMap((name) => {
      const s = systems.get(name);
      return s
        ? [
            s.ownerEmail,
            RESPONSIBILITY_LABELS[s.type],
            systemStatusCell(s.state),
            s.customersResponsibility,
            customersInheritCell(s.customersInherit),
          ]
        : ['', '', '', '', NOT_SAID];
    }),
  ]);
  return toCsv([header, ...rows]);
}

export type ControlImportRow = {
  row: number;
  fields: z.output<typeof controlFieldsSchema>;
  /** The control's version the row was exported from; null for new controls and hand-written rows. */
  version: number | null;
  /** Only when the file has the applies_to column: the services the control becomes bound to. */
  appliesTo: string[] | null;
  /** Only when the file has the mappings column: the control's mappings become exactly these. */
  mappings: { framework: string; requirementId: string }[] | null;
  /** Owner email per system name; an empty cell changes nothing. */
  owners: Map<string, string>;
  /** Per system name, only for the columns the file has: the team's customers' part becomes these. */
  customers: Map<string, { responsibility?: string; inherit?: CustomersInheritValue }>;
};

const enumValue = (value: string) =>
  value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
const email = z.email();
const VERSION = /^[1-9]\d{0,8}$/;

/** A controls CSV's columns, from its header row. */
type ControlColumns = {
  has: (column: string) => boolean;
  /** "owner:Payments platform" → the system's name as written, the column's key and its name. */
  owners: { system: string; key: string; column: string }[];
  /** "customers_responsibility:…" and "customers_inherit:…" columns. */
  customers: { system: string; key: string; column: string; kind: 'customers_responsibility' | 'customers_inherit' }[];
  keys: string[];
};

/** The header row → the columns, or the whole file refused with every problem in it. */
function controlColumns(cells: string[]): ControlColumns {
  const problems: CsvProblem[] = [];
  const { header, keys } = readHeader(cells, problems);
  const owners: ControlColumns['owners'] = [];
  const customers: ControlColumns['customers'] = [];
  for (const column of header) {
    const colon = column.indexOf(':');
    const kind = column.slice(0, colon).trim().toLowerCase();
    const system = column.slice(colon + 1).trim();
    if (colon > 0 && system && (SYSTEM_COLUMN_KINDS as readonly string[]).includes(kind)) {
      if (kind === 'owner') owners.push({ system, key: column.toLowerCase(), column });
      if (kind === 'customers_responsibility' || kind === 'customers_inherit')
        customers.push({ system, key: column.toLowerCase(), column, kind });
    } else if (column && !(CONTROL_COLUMNS as readonly string[]).includes(column.toLowerCase())) {
      problems.push({
        row: 1,
        column,
        message: `Unknown column. Use ${CONTROL_COLUMNS.join(', ')}, or owner:<system name> (also customers_responsibility: and customers_inherit:).`,
      });
    }
  }
  for (const column of REQUIRED_COLUMNS) {
    if (!keys.includes(column)) problems.push({ row: 1, column, message: 'This column is required.' });
  }
  if (problems.length) throw new CsvRowsError(problems);
  const present = new Set(keys);
  return { has: (column) => present.has(column), owners, customers, keys };
}

/** One row → a validated import row, or null with its problems added to `problems`. */
function controlRow(
  columns: ControlColumns,
  { row, cells }: CsvRecord,
  seen: Map<string, number>,
  problems: CsvProblem[],
): ControlImportRow | null {
  const cell = (column: string) => cells.get(column) ?? '';
  const parsed = controlFieldsSchema.safeParse({
    code: cell('code'),
    title: cell('title'),
    description: cell('description'),
    family: cell('family'),
    defaultType: enumValue(cell('default_type')),
    awsStatement: cell('aws_statement'),
    customerStatement: cell('customer_statement'),
    cadence: enumValue(cell('cadence')),
    nistIds: cell('nist_ids'),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push({ row, column: FIELD_COLUMNS[String(issue.path[0])] ?? 'code', message: issue.message });
    return null;
  }
  const key = parsed.data.code.toLowerCase();
  if (seen.has(key)) {
    problems.push({ row, column: 'code', message: `This code is already on row ${seen.get(key)}.` });
    return null;
  }
  seen.set(key, row);

  const version = cell('version');
  if (version && !VERSION.test(version)) {
    problems.push({
      row,
      column: 'version',
      message: 'Leave the version as the export wrote it (a whole number), or empty for a new control.',
    });
  }
  const owners = new Map<string, string>();
  for (const { system, key, column } of columns.owners) {
    const value = cell(key);
    if (!value) continue;
    if (email.safeParse(value).success) owners.set(system, normalizeEmail(value));
    else problems.push({ row, column, message: 'Enter the owner’s email address.' });
  }
  const customers: ControlImportRow['customers'] = new Map();
  for (const { system, key, column, kind } of columns.customers) {
    const value = cell(key);
    const part = customers.get(system) ?? customers.set(system, {}).get(system)!;
    if (kind === 'customers_responsibility') {
      if (value.length > 5000) problems.push({ row, column, message: 'Use at most 5,000 characters.' });
      else part.responsibility = value;
      continue;
    }
    const code = enumValue(value);
    if (code === '' || code === 'NOT_SAID') part.inherit = null;
    else if (code === 'YES' || code === 'PARTIAL' || code === 'NO') part.inherit = code;
    else problems.push({ row, column, message: 'Write Yes, Partial, No or Not said.' });
  }
  let appliesTo: ControlImportRow['appliesTo'] = null;
  if (columns.has('applies_to')) {
    const { codes, unknown } = parseAppliesTo(cell('applies_to'));
    appliesTo = codes;
    for (const code of unknown) {
      problems.push({
        row,
        column: 'applies_to',
        message: `“${code}” is not a service in the catalog. Write service codes such as s3 or rds, separated by semicolons.`,
      });
    }
  }
  let mappings: ControlImportRow['mappings'] = null;
  if (columns.has('mappings')) {
    mappings = [];
    for (const line of cell('mappings')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)) {
      const bar = line.lastIndexOf('|');
      if (bar <= 0 || bar === line.length - 1) {
        problems.push({
          row,
          column: 'mappings',
          message: `“${line}”: write each mapping on its own line as framework name|requirement id.`,
        });
      } else {
        mappings.push({ framework: line.slice(0, bar).trim(), requirementId: line.slice(bar + 1).trim() });
      }
    }
  }
  return {
    row,
    fields: parsed.data,
    version: VERSION.test(version) ? Number(version) : null,
    appliesTo,
    mappings,
    owners,
    customers,
  };
}

/**
 * Reads a controls CSV into validated rows, or refuses the whole file with every problem (the
 * first MAX_PROBLEMS of them). Values may be written as labels, as exported (Shared,
 * Semi-annual), or as codes (SHARED, SEMI_ANNUAL). The per-system type and status columns are for
 * reading: import ignores them. A file with more than `maxRows` rows is refused as soon as the
 * row after the last allowed is read.
 */
export async function parseControlsCsv(
  source: CsvSource,
  { maxRows = importLimits().maxRows }: { maxRows?: number } = {},
): Promise<{ systemNames: string[]; rows: ControlImportRow[]; systemColumns: Map<string, string> }> {
  const pace = pacer();
  const problems: CsvProblem[] = [];
  const rows: ControlImportRow[] = [];
  const seen = new Map<string, number>();
  let columns: ControlColumns | null = null;
  let row = 1;
  for await (const cells of csvRows(source)) {
    if (!columns) {
      columns = controlColumns(cells);
      continue;
    }
    if (++row > maxRows + 1) throw new TooManyRowsError(maxRows);
    // Past the listed problems only the number of rows is checked.
    if (problems.length >= MAX_PROBLEMS) continue;
    const parsed = controlRow(columns, readRecord(cells, row, columns.keys, problems), seen, problems);
    if (parsed) rows.push(parsed);
    await pace();
  }
  if (!columns) throw new AppError('VALIDATION', EMPTY_FILE);
  if (problems.length >= MAX_PROBLEMS) throw new CsvRowsError(problems.slice(0, MAX_PROBLEMS), true);
  if (problems.length) throw new CsvRowsError(problems);
  // Each system named by a column, with the first column that names it (where a problem with the system is reported).
  const systemColumns = new Map<string, string>();
  for (const c of [...columns.owners, ...columns.customers]) if (!systemColumns.has(c.system)) systemColumns.set(c.system, c.column);
  return { systemNames: [...systemColumns.keys()], rows, systemColumns };
}

// ── Versions: an older export never undoes newer work ───────────────────────────────────────

/** A row exported before its control's latest change, which importing it would undo. */
export type RowConflict = { row: number; code: string; version: number; fileVersion: number };

export const formatConflict = (c: RowConflict) =>
  `Row ${c.row} (${c.code}): changed in Demarc since this file was exported (version ${c.version}, file has ${c.fileVersion})`;

/**
 * The rows whose version (as exported) is older than their control's version now. `current`
 * gives an existing control's version by code; rows without a version, and new controls, are
 * never stale.
 */
export function staleRows(rows: readonly ControlImportRow[], current: (code: string) => number | undefined): RowConflict[] {
  return rows.flatMap((r) => {
    const version = current(r.fields.code);
    return r.version !== null && version !== undefined && r.version < version
      ? [{ row: r.row, code: r.fields.code, version, fileVersion: r.version }]
      : [];
  });
}

/** A file refused because rows in it would undo newer changes; it imports once the user chooses to overwrite them. */
export class CsvConflictError extends AppError {
  constructor(readonly conflicts: RowConflict[]) {
    const n = conflicts.length;
    super(
      'CONFLICT',
      `${n === 1 ? '1 control was' : `${n.toLocaleString('en')} controls were`} changed in Demarc since this file was exported; nothing was imported. ` +
        `Export again to start from the current register, or choose to overwrite ${n === 1 ? 'it' : 'them'} with the file’s values.`,
      { csv: conflicts.map(formatConflict) },
    );
  }
}
