'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { useRequestId } from '@/lib/request-id';
import { createFrameworkAction } from '../frameworks.actions';
import { createFrameworkSchema, type CreateFrameworkInput } from '../frameworks.schema';

const FIELDS = ['name', 'version', 'description'] as const;

/** A custom framework (SOC 2, ISO 27001 …) whose requirements are then added by hand or CSV. */
export function NewFrameworkForm({ orgSlug }: { orgSlug: string }) {
  const request = useRequestId();
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<CreateFrameworkInput, unknown, z.output<typeof createFrameworkSchema>>({
    resolver: zodResolver(createFrameworkSchema),
    defaultValues: { name: '', version: '', description: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await createFrameworkAction(orgSlug, values, request.current());
    if (!result.ok) return setMessage(applyServerErrors(form.setError, result.error, FIELDS));
    router.push(`/${orgSlug}/frameworks/${result.data.id}`);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message && <Alert tone="error">{message}</Alert>}
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="sm:col-span-2">
          <Field label="Name" error={errors.name?.message} hint="E.g. SOC 2 (2017 Trust Services Criteria).">
            {(p) => <input {...p} autoComplete="off" {...form.register('name')} />}
          </Field>
        </div>
        <Field label="Version" error={errors.version?.message}>
          {(p) => <input {...p} autoComplete="off" {...form.register('version')} />}
        </Field>
      </div>
      <Field label="Description" error={errors.description?.message}>
        {(p) => <textarea {...p} rows={2} {...form.register('description')} />}
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Creating…' : 'Create framework'}
      </Button>
    </form>
  );
}
