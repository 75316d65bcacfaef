'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { useLatestSaved } from '@/lib/latest-saved';
import { IMPACT_LEVELS, IMPACT_WORDS, highWaterMark } from '../categorization';
import { categorizeSystemAction } from '../systems.actions';
import type { SystemCategorization } from '../systems.data';
import { systemCategorizationSchema, type SystemCategorizationInput } from '../systems.schema';

type Baseline = { id: string; name: string; version: string };
const OBJECTIVES = [
  ['confidentiality', 'Confidentiality'],
  ['integrity', 'Integrity'],
  ['availability', 'Availability'],
] as const;
const FIELDS = ['confidentiality', 'integrity', 'availability', 'informationTypes', 'baselineFrameworkId'] as const;

/**
 * The system's FIPS 199 categorization, the NIST SP 800-60 information types it processes and
 * the baseline it is assessed against; the SSP writes all three. Checked with the schema the
 * server parses; saved under the version the page was loaded with, or the one the system form
 * beside it last saved (useLatestSaved).
 */
export function CategorizationForm({
  orgSlug,
  categorization,
  baselines,
}: {
  orgSlug: string;
  categorization: SystemCategorization;
  baselines: Baseline[];
}) {
  const [message, setMessage] = useState<{ text: string; tone: 'error' | 'success' } | null>(null);
  const saved: SystemCategorizationInput = {
    id: categorization.id,
    version: categorization.version,
    confidentiality: categorization.confidentiality ?? '',
    integrity: categorization.integrity ?? '',
    availability: categorization.availability ?? '',
    informationTypes: categorization.informationTypes,
    baselineFrameworkId: categorization.baselineFrameworkId ?? '',
  };
  const form = useForm<SystemCategorizationInput, unknown, z.output<typeof systemCategorizationSchema>>({
    resolver: zodResolver(systemCategorizationSchema),
    defaultValues: saved,
  });
  const savedHere = useLatestSaved(form, saved);
  const types = useFieldArray({ control: form.control, name: 'informationTypes' });
  const { errors, isSubmitting } = form.formState;
  const levels = useWatch({ control: form.control, name: ['confidentiality', 'integrity', 'availability'] }).map((l) =>
    l === '' ? null : (l ?? null),
  );
  const mark = highWaterMark(levels);

  // The server parses the same schema: it gets the form's own values ("" for "not said").
  const onSubmit = form.handleSubmit(async () => {
    setMessage(null);
    const values = form.getValues();
    const result = await categorizeSystemAction(orgSlug, values);
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage({ text, tone: 'error' });
      return;
    }
    form.reset({ ...values, version: result.data.version });
    savedHere(values.version, result.data.version);
    setMessage({ text: 'Categorization and baseline saved.', tone: 'success' });
  });

  const levelSelect = (name: `informationTypes.${number}.${'confidentiality' | 'integrity' | 'availability'}`, label: string) => (
    <Field label={label} error={errors.informationTypes?.[Number(name.split('.')[1])]?.[name.split('.')[2] as 'integrity']?.message}>
      {(p) => (
        <select {...p} {...form.register(name)}>
          {IMPACT_LEVELS.map((l) => (
            <option key={l} value={l}>
              {IMPACT_WORDS[l]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-labelledby="categorization-heading">
      <div>
        <h2 id="categorization-heading" className="text-lg font-semibold text-slate-900">
          Security categorization and baseline
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          FIPS 199 asks how much harm a loss of confidentiality, integrity or availability of this system’s information would do. The
          highest level is the system’s impact level; the System Security Plan writes these, the information types and the baseline it is
          assessed against.
        </p>
      </div>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-medium text-slate-700">Impact level of each security objective</legend>
        {OBJECTIVES.map(([name, label]) => (
          <Field key={name} label={label} error={errors[name]?.message}>
            {(p) => (
              <select {...p} {...form.register(name)}>
                <option value="">Not categorized yet</option>
                {IMPACT_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {IMPACT_WORDS[l]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
      </fieldset>
      <p className="text-sm text-slate-700" aria-live="polite">
        System impact level (high-water mark): <strong>{mark ? IMPACT_WORDS[mark] : 'not categorized yet'}</strong>
      </p>

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-700">Information types (NIST SP 800-60)</legend>
        {types.fields.length === 0 && (
          <p className="text-sm text-slate-500">No information type recorded yet. Add each kind of information the system processes.</p>
        )}
        {types.fields.map((field, index) => (
          <div key={field.id} className="space-y-3 rounded-md border border-slate-200 p-3">
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label="Title" error={errors.informationTypes?.[index]?.title?.message} hint="e.g. “Payment transactions”.">
                {(p) => <input {...p} autoComplete="off" {...form.register(`informationTypes.${index}.title`)} />}
              </Field>
              <Field
                label="NIST SP 800-60 identifier"
                error={errors.informationTypes?.[index]?.nistId?.message}
                hint="As printed in SP 800-60 Vol. 2, e.g. C.3.5.1."
              >
                {(p) => <input {...p} autoComplete="off" {...form.register(`informationTypes.${index}.nistId`)} />}
              </Field>
            </div>
            <div className="grid gap-3 sm:grid-cols-3">
              {levelSelect(`informationTypes.${index}.confidentiality`, 'Confidentiality')}
              {levelSelect(`informationTypes.${index}.integrity`, 'Integrity')}
              {levelSelect(`informationTypes.${index}.availability`, 'Availability')}
            </div>
            <Button type="button" variant="secondary" onClick={() => types.remove(index)}>
              Remove this information type
            </Button>
          </div>
        ))}
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            types.append({ title: '', nistId: '', confidentiality: 'MODERATE', integrity: 'MODERATE', availability: 'MODERATE' })
          }
        >
          Add an information type
        </Button>
        {errors.informationTypes?.message && <p className="text-sm text-red-700">{errors.informationTypes.message}</p>}
      </fieldset>

      <Field
        label="Baseline"
        error={errors.baselineFrameworkId?.message}
        hint={
          baselines.length
            ? 'The baseline the system is assessed against: the SSP answers each of its controls and imports it.'
            : 'No baseline is imported yet: import a resolved profile (e.g. FedRAMP Moderate) on the Frameworks page.'
        }
      >
        {(p) => (
          <select {...p} {...form.register('baselineFrameworkId')}>
            <option value="">No baseline (the SSP lists the NIST ids the controls name)</option>
            {baselines.map((b) => (
              <option key={b.id} value={b.id}>
                {[b.name, b.version].filter(Boolean).join(' ')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save categorization and baseline'}
      </Button>
    </form>
  );
}
