'use client';
import clsx from 'clsx';
import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { ResponsibilityBadge } from '@/features/controls/components/responsibility-badge';
import type { listCoverableControls } from '../reports.data';

export type CoverableControl = Awaited<ReturnType<typeof listCoverableControls>>[number];

/**
 * Controls a provider report can cover, as a group of labelled checkboxes bound to the form's
 * `controlIds`, with "Select all" and "Select none".
 */
export function ControlChecklist({
  legend,
  controls,
  registration,
  error,
  onSelect,
}: {
  legend: string;
  controls: Pick<CoverableControl, 'id' | 'code' | 'title' | 'defaultType'>[];
  registration: UseFormRegisterReturn<'controlIds'>;
  error?: string;
  onSelect: (ids: string[]) => void;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={clsx(`${id}-hint`, error && `${id}-error`)} className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          Inherited controls and the AWS half of shared controls.
        </p>
        <Button variant="link" onClick={() => onSelect(controls.map((c) => c.id))}>
          Select all
        </Button>
        <Button variant="link" onClick={() => onSelect([])}>
          Select none
        </Button>
      </div>
      <div className={clsx('max-h-72 space-y-0.5 overflow-y-auto rounded-md border p-2', error ? 'border-red-500' : 'border-slate-200')}>
        {controls.map((c) => (
          <label key={c.id} className="flex items-start gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
            <input type="checkbox" value={c.id} className="mt-0.5" {...registration} />
            <span className="font-mono text-xs leading-5 text-slate-600">{c.code}</span>
            <span className="flex-1">{c.title}</span>
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
