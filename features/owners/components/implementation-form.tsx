'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { saveImplementationAction } from '../owners.actions';
import { STATUS_LABELS } from '@/features/controls/status.policy';
import { IMPLEMENTATION_STATUSES, saveImplementationSchema, type SaveImplementationInput } from '../owners.schema';

const FIELDS = ['status', 'narrative', 'justification', 'ownerId', 'nextReviewAt'] as const;

export type ImplementationValues = Omit<SaveImplementationInput, 'controlId' | 'systemId'>;

/** The customer half of one control in one system: status, owner, review date, narrative. */
export function ImplementationForm({
  orgSlug,
  controlId,
  systemId,
  initial,
  owners,
  ownerRequired,
}: {
  orgSlug: string;
  controlId: string;
  systemId: string;
  initial: ImplementationValues;
  owners: { id: string; name: string }[];
  ownerRequired: boolean;
}) {
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const form = useForm<SaveImplementationInput, unknown, z.output<typeof saveImplementationSchema>>({
    resolver: zodResolver(saveImplementationSchema),
    defaultValues: { controlId, systemId, ...initial },
  });
  const { errors, isSubmitting } = form.formState;
  const status = useWatch({ control: form.control, name: 'status' });

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await saveImplementationAction(orgSlug, values);
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage({ tone: 'error', text });
      return;
    }
    // The next save must name the version this one created.
    form.reset({ ...values, version: result.data.version });
    setMessage({ tone: 'success', text: 'Saved.' });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Status" error={errors.status?.message}>
          {(p) => (
            <select {...p} {...form.register('status')}>
              {IMPLEMENTATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Owner of the customer half"
          error={errors.ownerId?.message}
          hint={ownerRequired ? 'Required before this control can be marked implemented.' : undefined}
        >
          {(p) => (
            <select {...p} {...form.register('ownerId')}>
              <option value="">No owner</option>
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Next review" error={errors.nextReviewAt?.message}>
          {(p) => <input {...p} type="date" {...form.register('nextReviewAt')} />}
        </Field>
      </div>
      <Field label="How your organization implements it" error={errors.narrative?.message}>
        {(p) => <textarea {...p} rows={3} {...form.register('narrative')} />}
      </Field>
      {status === 'NOT_APPLICABLE' && (
        <Field label="Why it does not apply" error={errors.justification?.message}>
          {(p) => <textarea {...p} rows={2} {...form.register('justification')} />}
        </Field>
      )}
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save implementation'}
      </Button>
    </form>
  );
}
