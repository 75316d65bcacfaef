// A custom framework's requirements from CSV: columns id, title, statement (or description),
// parent_id and kind ("group" for a heading), validated row by row.
import { CsvRowsError, readCsv, type CsvProblem } from '@/features/controls/controls-csv';
import { createRequirementSchema } from './frameworks.schema';

export const REQUIREMENT_COLUMNS = ['id', 'title', 'statement', 'description', 'parent_id', 'kind'] as const;

export type RequirementCsvRow = {
  row: number;
  externalId: string;
  title: string;
  statement: string;
  parentExternalId: string;
  group: boolean;
};

const FIELD_COLUMNS: Record<string, string> = { externalId: 'id', title: 'title', statement: 'statement', parentExternalId: 'parent_id' };

/**
 * Reads the rows, or refuses the whole file with every problem. A parent must be a row above
 * or a requirement the framework already has (`existing`, by id).
 */
export function parseRequirementsCsv(text: string, existing: ReadonlySet<string>): RequirementCsvRow[] {
  const { header, records } = readCsv(text);
  const problems: CsvProblem[] = [];
  const columns = header.map((h) => h.toLowerCase());
  for (const column of header) {
    if (!(REQUIREMENT_COLUMNS as readonly string[]).includes(column.toLowerCase())) {
      problems.push({ row: 1, column, message: `Unknown column. Use ${REQUIREMENT_COLUMNS.join(', ')}.` });
    }
  }
  for (const column of ['id', 'title'])
    if (!columns.includes(column)) problems.push({ row: 1, column, message: 'This column is required.' });
  if (columns.includes('statement') && columns.includes('description')) {
    problems.push({ row: 1, column: 'description', message: 'Use either statement or description, not both.' });
  }
  if (problems.length) throw new CsvRowsError(problems);

  const statementColumn = columns.includes('statement') ? 'statement' : 'description';
  const above = new Map<string, number>();
  const rows: RequirementCsvRow[] = [];
  for (const { row, cells } of records) {
    const kind = (cells.get('kind') ?? '').toLowerCase();
    if (kind && kind !== 'group' && kind !== 'requirement') {
      problems.push({ row, column: 'kind', message: 'Write “group” for a heading, or leave it empty (or “requirement”).' });
    }
    const parsed = createRequirementSchema.omit({ frameworkId: true }).safeParse({
      externalId: cells.get('id') ?? '',
      title: cells.get('title') ?? '',
      statement: cells.get(statementColumn) ?? '',
      parentExternalId: cells.get('parent_id') ?? '',
      group: kind === 'group',
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        problems.push({ row, column: field === 'statement' ? statementColumn : (FIELD_COLUMNS[field] ?? 'id'), message: issue.message });
      }
      continue;
    }
    const { externalId, parentExternalId } = parsed.data;
    if (above.has(externalId)) {
      problems.push({ row, column: 'id', message: `This id is already on row ${above.get(externalId)}.` });
      continue;
    }
    if (parentExternalId && !above.has(parentExternalId) && !existing.has(parentExternalId)) {
      problems.push({ row, column: 'parent_id', message: `No requirement “${parentExternalId}” on a row above or in this framework.` });
    }
    if (parentExternalId === externalId) problems.push({ row, column: 'parent_id', message: 'A requirement cannot be its own parent.' });
    above.set(externalId, row);
    rows.push({ row, ...parsed.data });
  }
  if (problems.length) throw new CsvRowsError(problems);
  return rows;
}
