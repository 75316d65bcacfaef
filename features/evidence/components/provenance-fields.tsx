'use client';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { Field } from '@/components/ui/field';

type Provenance = { effectiveAt: string; source: string; periodStart: string; periodEnd: string; notes: string };

/** Where a version came from and when it was true: shared by every evidence form. */
export function ProvenanceFields<T extends Provenance>({
  register,
  errors,
}: {
  register: UseFormRegister<T>;
  errors: FieldErrors<Provenance>;
}) {
  const r = register as unknown as UseFormRegister<Provenance>;
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 text-sm font-medium text-slate-700">Provenance</legend>
      <Field
        label="Date it was true"
        error={errors.effectiveAt?.message}
        hint="When the evidence was collected or took effect, not today’s upload."
      >
        {(p) => <input {...p} type="date" {...r('effectiveAt')} />}
      </Field>
      <Field label="Source" error={errors.source?.message} hint="The system, URL or query it came from.">
        {(p) => <input {...p} {...r('source')} />}
      </Field>
      <Field label="Period start" error={errors.periodStart?.message} hint="Optional: the period it covers.">
        {(p) => <input {...p} type="date" {...r('periodStart')} />}
      </Field>
      <Field label="Period end" error={errors.periodEnd?.message}>
        {(p) => <input {...p} type="date" {...r('periodEnd')} />}
      </Field>
      <div className="sm:col-span-2">
        <Field label="Notes" error={errors.notes?.message}>
          {(p) => <textarea {...p} rows={2} {...r('notes')} />}
        </Field>
      </div>
    </fieldset>
  );
}
