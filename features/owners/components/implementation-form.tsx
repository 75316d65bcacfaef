'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { useLatestSaved } from '@/lib/latest-saved';
import { saveImplementationAction } from '../owners.actions';
import { STATUS_LABELS } from '@/features/controls/status.policy';
import { IMPLEMENTATION_STATUSES, saveImplementationSchema, type SaveImplementationInput } from '../owners.schema';

const FIELDS = ['status', 'narrative', 'justification', 'ownerId', 'nextReviewAt'] as const;

export type ImplementationValues = Omit<SaveImplementationInput, 'controlId' | 'systemId'>;

type Props = {
  orgSlug: string;
  controlId: string;
  systemId: string;
  initial: ImplementationValues;
  owners: { id: string; name: string }[];
  /** Inherited in this system: no customer half, so no owner and no status, only applicability. */
  inherited: boolean;
};

/**
 * One control in one system. A shared or customer control: the customer half's status, owner,
 * review date and narrative. An inherited one: only whether it applies to this system.
 */
export function ImplementationForm({ orgSlug, controlId, systemId, initial, owners, inherited }: Props) {
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  // An inherited control has no owner and no status of the customer's: anything left from
  // before is dropped on the next save.
  const saved: SaveImplementationInput = {
    controlId,
    systemId,
    ...initial,
    ...(inherited && { ownerId: '', status: initial.status === 'NOT_APPLICABLE' ? 'NOT_APPLICABLE' : 'NOT_STARTED' }),
  };
  const form = useForm<SaveImplementationInput, unknown, z.output<typeof saveImplementationSchema>>({
    resolver: zodResolver(saveImplementationSchema),
    defaultValues: saved,
  });
  const savedHere = useLatestSaved(form, saved);
  const { errors, isSubmitting } = form.formState;
  const status = useWatch({ control: form.control, name: 'status' });

  const onSubmit = form.handleSubmit(async (submitted) => {
    setMessage(null);
    // Reverting "not applicable" on an inherited control leaves no justification behind.
    const values = inherited && submitted.status !== 'NOT_APPLICABLE' ? { ...submitted, justification: '' } : submitted;
    const result = await saveImplementationAction(orgSlug, values);
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage({ tone: 'error', text });
      return;
    }
    // The next save must name the version this one created.
    form.reset({ ...values, version: result.data.version });
    savedHere(values.version, result.data.version);
    setMessage({ tone: 'success', text: 'Saved.' });
  });

  const justification = status === 'NOT_APPLICABLE' && (
    <Field label="Why it does not apply" error={errors.justification?.message}>
      {(p) => <textarea {...p} rows={2} {...form.register('justification')} />}
    </Field>
  );

  if (inherited) {
    return (
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <p className="text-sm text-slate-600">
          AWS implements an inherited control, so it has no owner and no status of yours. You can only record that it does not apply to this
          system.
        </p>
        <Field label="Applicability" error={errors.status?.message ?? errors.ownerId?.message}>
          {(p) => (
            <select {...p} {...form.register('status')}>
              <option value="NOT_STARTED">Applies to this system (inherited from AWS)</option>
              <option value="NOT_APPLICABLE">Not applicable to this system</option>
            </select>
          )}
        </Field>
        {justification}
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save applicability'}
        </Button>
      </form>
    );
  }

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
          hint="An owner, admin or editor; required before this control can be marked implemented."
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
      {justification}
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save implementation'}
      </Button>
    </form>
  );
}
