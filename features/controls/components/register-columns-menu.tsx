'use client';
import { useState, useTransition } from 'react';
import { saveRegisterColumnsAction } from '../controls.actions';
import type { RegisterColumns } from '../register-columns.data';
import { HIDEABLE_COLUMN_LABELS, type HideableColumn } from '../register-columns.schema';

/**
 * "Columns": one checkbox per column that can be hidden. A change shows at once and is saved for
 * this member (on every device); if saving fails, the choice goes back and the reason is shown.
 */
export function RegisterColumnsMenu({
  orgSlug,
  available,
  columns,
  onChange,
}: {
  orgSlug: string;
  /** The hideable columns this view has (owner and status need a system). */
  available: HideableColumn[];
  columns: RegisterColumns;
  onChange: (columns: RegisterColumns) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();

  const toggle = (column: HideableColumn, shown: boolean) => {
    const previous = columns;
    const hidden = shown ? columns.hidden.filter((c) => c !== column) : [...columns.hidden, column];
    onChange({ hidden, version: columns.version });
    setError(null);
    setSaved(false);
    startTransition(async () => {
      const result = await saveRegisterColumnsAction(orgSlug, { hidden, version: columns.version });
      if (result.ok) {
        onChange(result.data);
        setSaved(true);
      } else {
        onChange(previous);
        setError(result.error.message);
      }
    });
  };

  return (
    <details className="relative text-sm">
      <summary className="cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1.5 text-slate-700 hover:bg-slate-50">
        Columns{columns.hidden.length > 0 ? ` (${columns.hidden.length} hidden)` : ''}
      </summary>
      <fieldset className="absolute right-0 z-10 mt-1 w-56 space-y-1 rounded-md border border-slate-200 bg-white p-3 shadow">
        <legend className="sr-only">Columns to show</legend>
        <p className="mb-1 text-xs text-slate-500">Shown columns; remembered for you. Code and title always show.</p>
        {available.map((column) => (
          <label key={column} className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={!columns.hidden.includes(column)}
              disabled={pending}
              onChange={(e) => toggle(column, e.target.checked)}
            />
            <span>{HIDEABLE_COLUMN_LABELS[column]}</span>
          </label>
        ))}
        <p className="text-xs text-slate-500" aria-live="polite">
          {pending ? 'Saving…' : saved ? 'Saved for you.' : ''}
        </p>
        {error && (
          <p role="alert" className="text-xs text-red-700">
            {error}
          </p>
        )}
      </fieldset>
    </details>
  );
}
