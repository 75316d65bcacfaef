'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { useRequestId } from '@/lib/request-id';
import { createControlAction, updateControlAction } from '../controls.actions';
import { AppliesToField } from './applies-to-field';
import { CADENCE_LABELS, CADENCES, controlFormSchema, type CreateControlInput } from '../controls.schema';
import { RESPONSIBILITY_DESCRIPTIONS, RESPONSIBILITY_LABELS, RESPONSIBILITY_TYPES } from '../responsibility.policy';

const FIELDS = [
  'code',
  'title',
  'description',
  'family',
  'defaultType',
  'awsStatement',
  'customerStatement',
  'cadence',
  'nistIds',
  'appliesTo',
] as const;

const EMPTY: CreateControlInput = {
  code: '',
  title: '',
  description: '',
  family: '',
  defaultType: 'CUSTOMER',
  awsStatement: '',
  customerStatement: '',
  cadence: 'ANNUAL',
  nistIds: '',
  appliesTo: [],
};

/** Create a control, or edit one (`existing` carries its id and the version the form was loaded with). */
export function ControlForm({ orgSlug, existing }: { orgSlug: string; existing?: CreateControlInput & { id: string; version: number } }) {
  const request = useRequestId();
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<CreateControlInput, unknown, z.output<typeof controlFormSchema>>({
    resolver: zodResolver(controlFormSchema),
    defaultValues: existing ?? EMPTY,
  });
  const { errors, isSubmitting } = form.formState;

  // Validated here with the schema; the server parses the raw values with the same schema.
  const onSubmit = form.handleSubmit(async () => {
    setMessage(null);
    const raw = form.getValues();
    const result = existing
      ? await updateControlAction(orgSlug, { ...raw, id: existing.id, version: existing.version })
      : await createControlAction(orgSlug, raw, request.current());
    if (!result.ok) {
      setMessage(applyServerErrors(form.setError, result.error, FIELDS));
      return;
    }
    router.push(`/${orgSlug}/controls/${result.data.id}`);
  });

  const text = (name: (typeof FIELDS)[number], label: string, hint?: string) => (
    <Field label={label} error={errors[name]?.message} hint={hint}>
      {(p) => <input {...p} {...form.register(name)} />}
    </Field>
  );
  const area = (name: (typeof FIELDS)[number], label: string, hint?: string) => (
    <Field label={label} error={errors[name]?.message} hint={hint}>
      {(p) => <textarea {...p} rows={3} {...form.register(name)} />}
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {message && <Alert tone="error">{message}</Alert>}
      <div className="grid gap-4 sm:grid-cols-3">
        {text('code', 'Code', 'Unique in this organization, e.g. AC-02.')}
        <div className="sm:col-span-2">{text('title', 'Title')}</div>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {text('family', 'Family', 'e.g. Access control, System and communications protection.')}
        <Field label="Evidence cadence" error={errors.cadence?.message} hint="How often fresh evidence is due.">
          {(p) => (
            <select {...p} {...form.register('cadence')}>
              {CADENCES.map((c) => (
                <option key={c} value={c}>
                  {CADENCE_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Default responsibility</legend>
        <p className="text-xs text-slate-500">Applies when no service a system uses moves the line for this control.</p>
        <div className="grid gap-2 sm:grid-cols-3">
          {RESPONSIBILITY_TYPES.map((t) => (
            <label key={t} className="flex gap-2 rounded-md border border-slate-200 bg-white p-3 text-sm has-[:checked]:border-brand-600">
              <input type="radio" value={t} {...form.register('defaultType')} />
              <span>
                <span className="block font-medium">{RESPONSIBILITY_LABELS[t]}</span>
                <span className="block text-xs text-slate-500">{RESPONSIBILITY_DESCRIPTIONS[t]}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.defaultType && <p className="text-sm text-red-700">{errors.defaultType.message}</p>}
      </fieldset>
      {area('description', 'Description', 'What the control achieves.')}
      <div className="grid gap-4 sm:grid-cols-2">
        {area('awsStatement', 'AWS side', 'What AWS does for this control (security of the cloud).')}
        {area('customerStatement', 'Customer side', 'What your organization must do (security in the cloud).')}
      </div>
      {text('nistIds', 'NIST SP 800-53 rev5 controls', 'Comma-separated, e.g. SI-2, CM-6, IA-2(1).')}
      <AppliesToField register={form.register('appliesTo')} error={errors.appliesTo?.message} />
      <div className="flex gap-3">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : existing ? 'Save control' : 'Create control'}
        </Button>
        <Button variant="secondary" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
