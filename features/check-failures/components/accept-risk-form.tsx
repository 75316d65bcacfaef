'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { acceptRiskAction } from '../check-failures.actions';
import { acceptRiskSchema, latestAcceptanceDay, RISK_JUSTIFICATION_MIN, type AcceptRiskInput } from '../check-failures.schema';

/** Accept one open failing check as a risk: why, and the last day it holds (at most a year ahead). */
export function AcceptRiskForm({ orgSlug, failureId, version }: { orgSlug: string; failureId: string; version: number }) {
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<AcceptRiskInput, unknown, z.output<typeof acceptRiskSchema>>({
    resolver: zodResolver(acceptRiskSchema),
    defaultValues: { failureId, version, justification: '', until: '' },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await acceptRiskAction(orgSlug, values);
    if (!result.ok) setMessage(applyServerErrors(form.setError, result.error, ['justification', 'until']));
  });
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs font-medium text-brand-600">Accept as a risk</summary>
      <form onSubmit={onSubmit} noValidate className="mt-2 w-80 space-y-3">
        {message && <Alert tone="error">{message}</Alert>}
        <Field
          label="Justification"
          hint={`Why this failure is acceptable for now (at least ${RISK_JUSTIFICATION_MIN} characters); reviewers read it.`}
          error={form.formState.errors.justification?.message}
        >
          {(p) => <textarea {...p} rows={3} {...form.register('justification')} />}
        </Field>
        <Field
          label="Accepted until"
          hint={`The last day it holds, at most ${latestAcceptanceDay()}. After it, the failure counts again.`}
          error={form.formState.errors.until?.message}
        >
          {(p) => <input {...p} type="date" max={latestAcceptanceDay()} {...form.register('until')} />}
        </Field>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          Accept the risk
        </Button>
      </form>
    </details>
  );
}
