import clsx from 'clsx';
import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { AWS_REGIONS } from '../service-catalog';

/** The Regions where a system's data lives, as a scrollable group of labelled checkboxes. */
export function RegionPicker({ registration, error }: { registration: UseFormRegisterReturn<'regions'>; error?: string }) {
  const id = useId();
  return (
    <fieldset aria-describedby={clsx(`${id}-hint`, error && `${id}-error`)} className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Regions where the data lives</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        Where the data lives is your choice, and your responsibility, under the shared-responsibility model.
      </p>
      <div
        className={clsx(
          'grid max-h-72 gap-x-4 gap-y-1 overflow-y-auto rounded-md border bg-white p-3 sm:grid-cols-2 lg:grid-cols-3',
          error ? 'border-red-500' : 'border-slate-300',
        )}
      >
        {Object.entries(AWS_REGIONS).map(([code, name]) => (
          <label key={code} className="flex items-start gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
            <input type="checkbox" value={code} className="mt-0.5" {...registration} />
            <span>
              {name} <span className="text-xs text-slate-500">{code}</span>
            </span>
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
