'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { useLatestSaved } from '@/lib/latest-saved';
import { saveCustomersPartAction } from '../controls.actions';
import { CUSTOMERS_INHERIT, CUSTOMERS_INHERIT_LABELS, saveCustomersPartSchema, type SaveCustomersPartInput } from '../controls.schema';

const FIELDS = ['customersResponsibility', 'customersInherit', 'plannedCompletionAt'] as const;

export type CustomersPartValues = Omit<SaveCustomersPartInput, 'controlId' | 'systemId'>;

/**
 * The third party of the chain for one control in one system: what the team's own customers
 * must do when they use the system, whether they can inherit the control, and when a planned or
 * partial customer half is to be complete. The SSP exports the first two to those customers and
 * writes the date as FedRAMP's planned completion date.
 */
export function CustomersPartForm({
  orgSlug,
  controlId,
  systemId,
  initial,
}: {
  orgSlug: string;
  controlId: string;
  systemId: string;
  initial: CustomersPartValues;
}) {
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const saved: SaveCustomersPartInput = { controlId, systemId, ...initial };
  const form = useForm<SaveCustomersPartInput, unknown, z.output<typeof saveCustomersPartSchema>>({
    resolver: zodResolver(saveCustomersPartSchema),
    defaultValues: saved,
  });
  const savedHere = useLatestSaved(form, saved);
  const { errors, isSubmitting } = form.formState;

  // The server parses the same schema: it gets the form's own values ("" for "not said").
  const onSubmit = form.handleSubmit(async () => {
    setMessage(null);
    const values = form.getValues();
    const result = await saveCustomersPartAction(orgSlug, values);
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage({ tone: 'error', text });
      return;
    }
    form.reset({ ...values, version: result.data.version });
    savedHere(values.version, result.data.version);
    setMessage({ tone: 'success', text: 'Saved.' });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <p className="text-sm text-slate-600">
        The chain goes on past your team: what your own customers must do when they use this system, and whether they can inherit this
        control from it. The System Security Plan exports these to them; the CIS/CRM workbook lists them.
      </p>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Field
        label="Your customers’ responsibility"
        error={errors.customersResponsibility?.message}
        hint="Optional: what a customer of this system must do for this control, e.g. “Review the users of your tenant every quarter.”"
      >
        {(p) => <textarea {...p} rows={3} {...form.register('customersResponsibility')} />}
      </Field>
      <Field label="Can be inherited by your customers" error={errors.customersInherit?.message}>
        {(p) => (
          <select {...p} {...form.register('customersInherit')}>
            {(['', ...CUSTOMERS_INHERIT] as const).map((value) => (
              <option key={value} value={value}>
                {CUSTOMERS_INHERIT_LABELS[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Planned completion date"
        error={errors.plannedCompletionAt?.message}
        hint="For a planned or partially implemented half: when it will be complete (FedRAMP asks for it in the SSP)."
      >
        {(p) => <input {...p} type="date" {...form.register('plannedCompletionAt')} />}
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save your customers’ part'}
      </Button>
    </form>
  );
}
