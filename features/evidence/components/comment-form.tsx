'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { useRequestId } from '@/lib/request-id';
import { addCommentAction } from '../evidence.actions';
import { addCommentSchema, type AddCommentInput } from '../evidence.schema';

export function CommentForm({ orgSlug, evidenceId }: { orgSlug: string; evidenceId: string }) {
  const request = useRequestId();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<AddCommentInput, unknown, z.output<typeof addCommentSchema>>({
    resolver: zodResolver(addCommentSchema),
    defaultValues: { evidenceId, body: '' },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await addCommentAction(orgSlug, values, request.current());
    if (!result.ok) setMessage(applyServerErrors(form.setError, result.error, ['body']));
    else {
      request.renew();
      form.reset({ evidenceId, body: '' });
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      {message && <Alert tone="error">{message}</Alert>}
      <Field label="Comment" error={form.formState.errors.body?.message}>
        {(p) => <textarea {...p} rows={3} {...form.register('body')} />}
      </Field>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Add comment
      </Button>
    </form>
  );
}
