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
import { createRequirementAction } from '../frameworks.actions';
import { createRequirementSchema, type CreateRequirementInput } from '../frameworks.schema';

const FIELDS = ['externalId', 'title', 'statement', 'parentExternalId', 'group'] as const;

export function AddRequirementForm({ orgSlug, frameworkId }: { orgSlug: string; frameworkId: string }) {
  const request = useRequestId();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const form = useForm<CreateRequirementInput, unknown, z.output<typeof createRequirementSchema>>({
    resolver: zodResolver(createRequirementSchema),
    defaultValues: { frameworkId, externalId: '', title: '', statement: '', parentExternalId: '', group: false },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await createRequirementAction(orgSlug, values, request.current());
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage({ tone: 'error', text });
      return;
    }
    request.renew();
    form.reset({ frameworkId, externalId: '', title: '', statement: '', parentExternalId: values.parentExternalId, group: false });
    setMessage({ tone: 'success', text: `Added ${result.data.externalId}.` });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Id" error={errors.externalId?.message} hint="As the framework writes it, e.g. CC6.1 or A.8.5.">
          {(p) => <input {...p} autoComplete="off" {...form.register('externalId')} />}
        </Field>
        <Field label="Parent id" error={errors.parentExternalId?.message} hint="Optional: the group or requirement it sits under.">
          {(p) => <input {...p} autoComplete="off" {...form.register('parentExternalId')} />}
        </Field>
      </div>
      <Field label="Title" error={errors.title?.message}>
        {(p) => <input {...p} autoComplete="off" {...form.register('title')} />}
      </Field>
      <Field label="Statement" error={errors.statement?.message}>
        {(p) => <textarea {...p} rows={3} {...form.register('statement')} />}
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...form.register('group')} />A heading that groups requirements (not covered itself)
      </label>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Adding…' : 'Add requirement'}
      </Button>
    </form>
  );
}
