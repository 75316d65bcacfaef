'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import type { ActionResult } from '@/lib/errors';
import { useState } from 'react';

type CodeSchema = z.ZodType<{ code: string }, { code: string }>;

/** One code field and a button: confirming an enrolment and turning the second factor off share it. */
export function MfaCodeForm<T>({
  schema,
  label,
  hint,
  submitLabel,
  busyLabel,
  variant = 'primary',
  submit,
  onDone,
}: {
  schema: CodeSchema;
  label: string;
  hint: string;
  submitLabel: string;
  busyLabel: string;
  variant?: 'primary' | 'danger';
  submit: (input: { code: string }) => Promise<ActionResult<T>>;
  onDone: (data: T) => void;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<{ code: string }>({ resolver: zodResolver(schema), defaultValues: { code: '' } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submit(values);
    if (!result.ok) {
      setMessage(applyServerErrors(form.setError, result.error, ['code']));
      return;
    }
    form.reset();
    onDone(result.data);
  });
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-sm space-y-4">
      {message && <Alert tone="error">{message}</Alert>}
      <Field label={label} error={errors.code?.message} hint={hint}>
        {(p) => <input {...p} autoComplete="one-time-code" {...form.register('code')} />}
      </Field>
      <Button type="submit" variant={variant} disabled={isSubmitting}>
        {isSubmitting ? busyLabel : submitLabel}
      </Button>
    </form>
  );
}
