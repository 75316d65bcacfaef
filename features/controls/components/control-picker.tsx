'use client';
import { useId, useState } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Field, inputClass } from '@/components/ui/field';

export type PickableControl = { id: string; code: string; title: string };

/** Enough options to scan; the filter narrows an organization's ~1,000 controls to these. */
const SHOWN = 200;

/** A control chosen from the organization's active ones: a text filter beside the select it narrows. */
export function ControlPicker({
  controls,
  error,
  registration,
}: {
  controls: PickableControl[];
  error: string | undefined;
  registration: UseFormRegisterReturn;
}) {
  const filterId = useId();
  const [filter, setFilter] = useState('');
  const q = filter.trim().toLowerCase();
  const matching = controls.filter((c) => !q || c.code.toLowerCase().includes(q) || c.title.toLowerCase().includes(q));
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="space-y-1">
        <label htmlFor={filterId} className="block text-sm font-medium text-slate-700">
          Find a control
        </label>
        <input
          id={filterId}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="Code or title"
          className={inputClass}
        />
      </div>
      <Field
        label="Control"
        error={error}
        hint={matching.length > SHOWN ? `First ${SHOWN} of ${matching.length}: narrow the search.` : undefined}
      >
        {(p) => (
          <select {...p} {...registration}>
            <option value="">Choose a control…</option>
            {matching.slice(0, SHOWN).map((c) => (
              <option key={c.id} value={c.id}>
                {c.code} — {c.title}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
