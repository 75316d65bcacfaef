'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { resetParameterValueAction, setParameterValueAction } from '../parameters.actions';
import { setParameterValueSchema, type SetParameterValueInput } from '../parameters.schema';

const FIELDS = ['value'] as const;

/** The system's own value for one parameter: one value per line; reset deletes it so the baseline's stands. */
export function ParameterValueForm({
  orgSlug,
  systemId,
  paramId,
  label,
  own,
}: {
  orgSlug: string;
  systemId: string;
  paramId: string;
  /** The parameter as printed, naming the box for screen readers. */
  label: string;
  own: { values: string[]; version: number } | null;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [resetting, startReset] = useTransition();
  const form = useForm<SetParameterValueInput, unknown, z.output<typeof setParameterValueSchema>>({
    resolver: zodResolver(setParameterValueSchema),
    defaultValues: { systemId, paramId, value: own?.values.join('\n') ?? '', version: own?.version ?? 0 },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await setParameterValueAction(orgSlug, { ...values, value: values.value.join('\n') });
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage({ tone: 'error', text });
      return;
    }
    form.reset({ systemId, paramId, value: result.data.values.join('\n'), version: result.data.version });
    setMessage({ tone: 'success', text: 'Saved.' });
    router.refresh();
  });

  const reset = () =>
    startReset(async () => {
      if (!own) return;
      setMessage(null);
      const result = await resetParameterValueAction(orgSlug, { systemId, paramId, version: own.version });
      if (!result.ok) return setMessage({ tone: 'error', text: result.error.message });
      form.reset({ systemId, paramId, value: '', version: 0 });
      setMessage({ tone: 'success', text: 'Reset: the baseline’s default applies.' });
      router.refresh();
    });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2" aria-label={`Value of ${paramId}`}>
      <Field label={`This system’s value for ${paramId}`} error={errors.value?.message} hint={`${label} — one value per line.`}>
        {(p) => <textarea {...p} rows={2} {...form.register('value')} />}
      </Field>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={isSubmitting || resetting}>
          {isSubmitting ? 'Saving…' : 'Save value'}
        </Button>
        {own && (
          <button
            type="button"
            onClick={reset}
            disabled={isSubmitting || resetting}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
          >
            {resetting ? 'Resetting…' : 'Reset to default'}
          </button>
        )}
        {message && (
          <span
            role={message.tone === 'error' ? 'alert' : 'status'}
            className={message.tone === 'error' ? 'text-sm text-red-700' : 'text-sm text-green-700'}
          >
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
