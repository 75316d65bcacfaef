'use client';
import clsx from 'clsx';
import { useId, useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { ResponsibilityBadge } from '@/features/controls/components/responsibility-badge';
import type { listCoverableControls } from '../reports.data';

export type CoverableControl = Awaited<ReturnType<typeof listCoverableControls>>[number];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Controls a provider report can cover, as a group of labelled checkboxes (Tab and Space work
 * as everywhere), with shortcuts that add every control of one default type, "Clear", and a
 * count of what is ticked that screen readers hear as it changes. `notes` marks some controls
 * (e.g. "no AWS half any more").
 */
export function ControlChecklist({
  legend,
  hint = 'Inherited controls and the AWS half of shared controls.',
  controls,
  selected,
  onChange,
  error,
  notes,
}: {
  legend: string;
  hint?: string;
  controls: CoverableControl[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string;
  notes?: ReadonlyMap<string, string>;
}) {
  const id = useId();
  const ticked = useMemo(() => new Set(selected), [selected]);
  const inherited = controls.filter((c) => c.defaultType === 'INHERITED');
  const shared = controls.filter((c) => c.defaultType === 'SHARED');
  const add = (more: CoverableControl[]) => onChange([...new Set([...selected, ...more.map((c) => c.id)])]);
  const toggle = (controlId: string, on: boolean) =>
    onChange(on ? [...selected, controlId] : selected.filter((selectedId) => selectedId !== controlId));
  const count = controls.filter((c) => ticked.has(c.id)).length;

  return (
    <fieldset aria-describedby={clsx(`${id}-hint`, `${id}-count`, error && `${id}-error`)} className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {hint}
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <Button variant="link" disabled={inherited.length === 0} onClick={() => add(inherited)}>
          Select all inherited
        </Button>
        <Button variant="link" disabled={shared.length === 0} onClick={() => add(shared)}>
          Select all shared
        </Button>
        <Button variant="link" disabled={count === 0} onClick={() => onChange([])}>
          Clear
        </Button>
        <p id={`${id}-count`} aria-live="polite" className="text-xs font-medium tabular-nums text-slate-700">
          {count} of {plural(controls.length, 'control')} selected
        </p>
      </div>
      <div className={clsx('max-h-72 space-y-0.5 overflow-y-auto rounded-md border p-2', error ? 'border-red-500' : 'border-slate-200')}>
        {controls.map((c) => (
          <label key={c.id} className="flex items-start gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50 focus-within:bg-slate-50">
            <input
              type="checkbox"
              value={c.id}
              checked={ticked.has(c.id)}
              onChange={(e) => toggle(c.id, e.target.checked)}
              className="mt-0.5"
            />
            <span className="font-mono text-xs leading-5 text-slate-600">{c.code}</span>
            <span className="flex-1">
              {c.title}
              {notes?.get(c.id) && <span className="block text-xs text-amber-800">{notes.get(c.id)}</span>}
            </span>
            <ResponsibilityBadge type={c.defaultType} />
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
