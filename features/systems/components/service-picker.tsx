import clsx from 'clsx';
import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { SERVICE_MODEL_LABELS } from '../service-catalog';
import { SERVICE_MODEL_SUMMARIES, servicesByModel } from './service-models';

const GROUPS = servicesByModel();

/** The AWS services a system uses, one labelled group per service model. */
export function ServicePicker({ registration, error }: { registration: UseFormRegisterReturn<'services'>; error?: string }) {
  const id = useId();
  return (
    <fieldset aria-describedby={clsx(`${id}-hint`, error && `${id}-error`)} className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">AWS services this system uses</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        A service’s model decides where the line sits for each control: guest-OS patching is yours on Amazon EC2 and AWS’s on AWS Lambda.
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        {GROUPS.map(({ model, services }) => (
          <fieldset
            key={model}
            aria-describedby={`${id}-${model}`}
            className={clsx('rounded-md border bg-white p-3', error ? 'border-red-500' : 'border-slate-300')}
          >
            <legend className="px-1 text-sm font-semibold text-slate-800">{SERVICE_MODEL_LABELS[model]}</legend>
            <p id={`${id}-${model}`} className="mb-2 text-xs text-slate-500">
              {SERVICE_MODEL_SUMMARIES[model]}
            </p>
            <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2">
              {services.map((service) => (
                <label key={service.code} className="flex items-start gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
                  <input type="checkbox" value={service.code} className="mt-0.5" {...registration} />
                  <span>
                    {service.name}
                    {service.global && (
                      <>
                        {' '}
                        <span
                          title="A global service: not tied to one Region"
                          className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600"
                        >
                          global
                        </span>
                      </>
                    )}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
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
