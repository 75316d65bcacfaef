'use client';
import { useId, useRef, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { importRequirementsCsvAction } from '../frameworks.actions';
import { MAX_REQUIREMENTS_CSV_CHARS } from '../frameworks.schema';

/** A CSV of requirements, sent as text to the server action (well under its 1 MB body limit). */
export function RequirementsCsvUpload({ orgSlug, frameworkId }: { orgSlug: string; frameworkId: string }) {
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [result, setResult] = useState<{ tone: 'error' | 'success'; text: string; problems?: string[] } | null>(null);
  const [pending, startTransition] = useTransition();

  const upload = (event: React.FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setResult({ tone: 'error', text: 'Choose a CSV file first.' });
    startTransition(async () => {
      const csv = await file.text();
      if (csv.length > MAX_REQUIREMENTS_CSV_CHARS)
        return setResult({ tone: 'error', text: 'This file is too large; split it in parts of under 900 KB.' });
      const response = await importRequirementsCsvAction(orgSlug, { frameworkId, csv });
      setResult(
        response.ok
          ? { tone: 'success', text: `${response.data.created} requirements added, ${response.data.updated} updated.` }
          : { tone: 'error', text: response.error.message, problems: response.error.fieldErrors?.csv },
      );
    });
  };

  return (
    <form onSubmit={upload} className="space-y-3">
      <div className="space-y-1">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          CSV file
        </label>
        <input ref={input} id={id} type="file" accept=".csv,text/csv" className="block text-sm" />
        <p className="text-xs text-slate-500">
          Columns: id, title, statement (or description), parent_id (optional; a row above or an existing requirement) and kind (optional;
          “group” for a heading). Rows whose id exists are updated. Any problem refuses the whole file.
        </p>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? 'Importing…' : 'Import CSV'}
      </Button>
      {result && (
        <Alert tone={result.tone}>
          {result.text}
          {result.problems && (
            <ul className="mt-2 list-disc pl-5">
              {result.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
    </form>
  );
}
