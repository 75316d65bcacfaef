'use client';
import Link from 'next/link';
import { useId, useRef, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import type { CsvProblem, RowConflict } from '../controls-csv';

type Summary = { created: number; updated: number; unchanged: number; ownersSet: number; mappingsAdded: number; mappingsRemoved: number };
type Result = { ok: true; summary: Summary } | { ok: false; message: string; problems: CsvProblem[]; conflicts: RowConflict[] };

const COLUMNS: [string, string][] = [
  ['code', 'Required. Creates the control, or updates the one with this code.'],
  ['title, family', 'Required.'],
  ['default_type', 'Required: Inherited, Shared or Customer.'],
  ['cadence', 'Required: Monthly, Quarterly, Semi-annual or Annual.'],
  ['description, aws_statement, customer_statement', 'Optional text.'],
  ['nist_ids', 'Optional: NIST SP 800-53 ids such as SI-2, IA-2(1).'],
  [
    'applies_to',
    'Optional: the AWS services the control is about, as service codes separated by semicolons (s3;rds). It then applies only to systems using one of them; an empty cell: every system. When the column is absent, nothing changes.',
  ],
  [
    'mappings',
    'Optional: one “framework name|requirement id” per line. When the column is there, the control’s mappings become exactly these.',
  ],
  [
    'owner:<system name>',
    'Optional, one per system: the email of an active member who owns the customer half there. An empty cell changes nothing.',
  ],
  ['type:<system name>, status:<system name>', 'Written by the export for reading; ignored on import.'],
  [
    'version',
    'Written by the export: the control’s version then. A row from an older version than Demarc holds now would undo newer changes, so it is not imported unless you choose to overwrite it. Empty for new controls.',
  ],
];

const failed = (message: string): Result => ({ ok: false, message, problems: [], conflicts: [] });

/** Uploads a controls CSV and shows either what changed or every problem by row and column. */
export function CsvImport({ orgSlug }: { orgSlug: string }) {
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [result, setResult] = useState<Result | null>(null);
  // The file the result is about: overwriting sends it again.
  const [sent, setSent] = useState<File | null>(null);
  const [pending, startTransition] = useTransition();

  const send = (file: File, overwriteRows: number[] = []) => {
    setSent(file);
    startTransition(async () => {
      try {
        const query = overwriteRows.length ? `?overwrite=${overwriteRows.join(',')}` : '';
        const response = await fetch(`/${orgSlug}/controls/import/upload${query}`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/csv' },
          body: file,
        });
        setResult((await response.json()) as Result);
      } catch {
        setResult(failed('The upload did not finish. Check your connection and try again.'));
      }
    });
  };
  const upload = (event: React.FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setResult(failed('Choose a CSV file first.'));
    send(file);
  };

  return (
    <>
      <PageHeader
        title="Import controls from CSV"
        description={
          <>
            Creates or updates controls by code, sets owners by email and mappings by requirement id — all rows or none. The{' '}
            <a href={`/${orgSlug}/controls/export`} className="text-brand-600 hover:underline">
              CSV export
            </a>{' '}
            of the register has the same columns and imports back as it is.
          </>
        }
      />
      <form onSubmit={upload} className="mb-6 space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          CSV file (up to 8 MB)
        </label>
        <input ref={input} id={id} type="file" accept=".csv,text/csv" className="block text-sm" onChange={() => setResult(null)} />
        <Button type="submit" disabled={pending}>
          {pending ? 'Importing…' : 'Import controls'}
        </Button>
      </form>
      {result?.ok === true && (
        <div className="mb-6">
          <Alert tone="success">
            {result.summary.created} controls created, {result.summary.updated} updated, {result.summary.unchanged} unchanged;{' '}
            {result.summary.ownersSet} owners set; {result.summary.mappingsAdded} mappings added and {result.summary.mappingsRemoved}{' '}
            removed.{' '}
            <Link href={`/${orgSlug}/controls`} className="font-medium underline">
              Open the register
            </Link>
          </Alert>
        </div>
      )}
      {result?.ok === false && (
        <div className="mb-6 space-y-3">
          <Alert tone="error">{result.message}</Alert>
          {result.problems.length > 0 && <ProblemTable problems={result.problems} />}
          {result.conflicts.length > 0 && sent && (
            // Keyed by the list: a new list asks for a new confirmation.
            <Conflicts
              key={result.conflicts.map((c) => c.row).join(',')}
              conflicts={result.conflicts}
              pending={pending}
              onOverwrite={(rows) => send(sent, rows)}
            />
          )}
        </div>
      )}
      <section aria-labelledby="columns" className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
        <h2 id="columns" className="mb-3 font-semibold">
          Columns
        </h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          {COLUMNS.map(([name, meaning]) => (
            <div key={name} className="contents">
              <dt className="font-mono text-xs text-slate-800">{name}</dt>
              <dd className="text-slate-600">{meaning}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-slate-500">
          Cells that begin with =, +, -, @, a tab or a carriage return are written with a leading single quote so spreadsheets do not run
          them as formulas; the import removes that quote again.
        </p>
      </section>
    </>
  );
}

function ProblemTable({ problems }: { problems: CsvProblem[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-red-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Problems in the file</caption>
        <thead className="border-b border-red-200 bg-red-50 text-xs uppercase text-red-800">
          <tr>
            <th scope="col" className="px-4 py-2">
              Row
            </th>
            <th scope="col" className="px-4 py-2">
              Column
            </th>
            <th scope="col" className="px-4 py-2">
              Problem
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {problems.map((p, i) => (
            <tr key={i}>
              <td className="px-4 py-2 tabular-nums">{p.row}</td>
              <td className="px-4 py-2 font-mono text-xs">{p.column}</td>
              <td className="px-4 py-2">{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Rows exported before their controls changed in Demarc: listed, and written only once the user says so. */
function Conflicts({
  conflicts,
  pending,
  onOverwrite,
}: {
  conflicts: RowConflict[];
  pending: boolean;
  onOverwrite: (rows: number[]) => void;
}) {
  const [confirmed, setConfirmed] = useState(false);
  const id = useId();
  const these = conflicts.length === 1 ? 'this row' : `these ${conflicts.length.toLocaleString('en')} rows`;
  return (
    <div className="space-y-3 rounded-lg border border-red-200 bg-white p-5 text-sm">
      <div className="overflow-x-auto">
        <table className="w-full text-left">
          <caption className="sr-only">Rows changed in Demarc since the file was exported</caption>
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2">
                Row
              </th>
              <th scope="col" className="px-4 py-2">
                Control
              </th>
              <th scope="col" className="px-4 py-2">
                Version in Demarc
              </th>
              <th scope="col" className="px-4 py-2">
                Version in the file
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {conflicts.map((c) => (
              <tr key={c.row}>
                <td className="px-4 py-2 tabular-nums">{c.row}</td>
                <td className="px-4 py-2 font-mono text-xs">{c.code}</td>
                <td className="px-4 py-2 tabular-nums">{c.version}</td>
                <td className="px-4 py-2 tabular-nums">{c.fileVersion}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex items-start gap-2">
        <input id={id} type="checkbox" className="mt-0.5" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
        <label htmlFor={id}>
          Overwrite {these} with the file’s values. What was changed in Demarc since the export (fields, services, owners, mappings of these
          controls) is replaced; the audit log records that you chose to.
        </label>
      </div>
      <Button type="button" variant="danger" disabled={!confirmed || pending} onClick={() => onOverwrite(conflicts.map((c) => c.row))}>
        {pending ? 'Importing…' : `Import, overwriting ${these}`}
      </Button>
    </div>
  );
}
