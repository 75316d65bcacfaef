'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { useRequestId } from '@/lib/request-id';
import { createSnapshotAction, signOffSnapshotAction } from '../summaries.actions';
import { signOffSnapshotSchema, type SignOffSnapshotInput } from '../summaries.schema';

export function FreezeSnapshotButton({ orgSlug, systemId, frameworkId }: { orgSlug: string; systemId: string; frameworkId?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const request = useRequestId();
  const freeze = () =>
    startTransition(async () => {
      const result = await createSnapshotAction(orgSlug, { systemId, frameworkId: frameworkId ?? '' }, request.current());
      if (result.ok) router.push(`/${orgSlug}/systems/${systemId}/snapshots/${result.data.id}`);
      else setError(result.error.message);
    });
  return (
    <div className="space-y-2">
      <Button onClick={freeze} disabled={pending}>
        {pending ? 'Freezing…' : 'Freeze as a snapshot'}
      </Button>
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}

export function SignOffForm({ orgSlug, snapshotId }: { orgSlug: string; snapshotId: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<SignOffSnapshotInput, unknown, z.output<typeof signOffSnapshotSchema>>({
    resolver: zodResolver(signOffSnapshotSchema),
    defaultValues: { snapshotId, comment: '' },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await signOffSnapshotAction(orgSlug, values);
    if (!result.ok) setMessage(applyServerErrors(form.setError, result.error, ['comment']));
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      {message && <Alert tone="error">{message}</Alert>}
      <Field label="Sign-off comment" error={form.formState.errors.comment?.message}>
        {(p) => <textarea {...p} rows={3} {...form.register('comment')} />}
      </Field>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Sign off
      </Button>
    </form>
  );
}
