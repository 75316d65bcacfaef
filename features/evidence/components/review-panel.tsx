'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { reviewEvidenceAction, submitEvidenceAction } from '../evidence.actions';
import { reviewEvidenceSchema, type ReviewEvidenceInput } from '../evidence.schema';

/** Submit (for whoever adds evidence), or accept / reject with a reason (for reviewers). */
export function ReviewPanel({
  orgSlug,
  evidenceId,
  version,
  state,
  canSubmit,
  canReview,
}: {
  orgSlug: string;
  evidenceId: string;
  version: number;
  state: 'DRAFT' | 'SUBMITTED' | 'ACCEPTED' | 'REJECTED';
  canSubmit: boolean;
  canReview: boolean;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<ReviewEvidenceInput, unknown, z.output<typeof reviewEvidenceSchema>>({
    resolver: zodResolver(reviewEvidenceSchema),
    defaultValues: { evidenceId, version, decision: 'ACCEPTED', reason: '' },
  });

  const submit = () =>
    startTransition(async () => {
      setMessage(null);
      const result = await submitEvidenceAction(orgSlug, { evidenceId, version });
      if (!result.ok) setMessage(result.error.message);
    });

  const decide = (decision: 'ACCEPTED' | 'REJECTED') => {
    form.setValue('decision', decision);
    form.setValue('version', version);
    return form.handleSubmit(async (values) => {
      setMessage(null);
      const result = await reviewEvidenceAction(orgSlug, values);
      if (!result.ok) setMessage(applyServerErrors(form.setError, result.error, ['reason']));
    })();
  };

  return (
    <div className="space-y-3">
      {message && <Alert tone="error">{message}</Alert>}
      {canSubmit && (state === 'DRAFT' || state === 'REJECTED') && (
        <Button onClick={submit} disabled={pending}>
          {pending ? 'Submitting…' : 'Submit for review'}
        </Button>
      )}
      {canReview && state === 'SUBMITTED' && (
        <form onSubmit={(e) => e.preventDefault()} noValidate className="space-y-3">
          <Field label="Reason" error={form.formState.errors.reason?.message} hint="Required to reject; optional to accept.">
            {(p) => <textarea {...p} rows={2} {...form.register('reason')} />}
          </Field>
          <div className="flex gap-3">
            <Button onClick={() => decide('ACCEPTED')} disabled={form.formState.isSubmitting}>
              Accept
            </Button>
            <Button variant="danger" onClick={() => decide('REJECTED')} disabled={form.formState.isSubmitting}>
              Reject
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
