'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { ControlPicker, type PickableControl } from '@/features/controls/components/control-picker';
import { applyServerErrors } from '@/lib/form-errors';
import { createCheckMappingAction } from '../check-mappings.actions';
import { createCheckMappingSchema, type CreateCheckMappingInput } from '../check-mappings.schema';

const FIELDS = ['checkId', 'controlId'] as const;

/** Maps a tool's check id onto one of the organization's active controls. */
export function AddCheckMappingForm({ orgSlug, controls }: { orgSlug: string; controls: PickableControl[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const form = useForm<CreateCheckMappingInput, unknown, z.output<typeof createCheckMappingSchema>>({
    resolver: zodResolver(createCheckMappingSchema),
    defaultValues: { checkId: '', controlId: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await createCheckMappingAction(orgSlug, values);
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage({ tone: 'error', text });
      return;
    }
    form.reset({ checkId: '', controlId: '' });
    setMessage({ tone: 'success', text: `Mapped ${result.data.checkId} to ${result.data.controlCode}.` });
    router.refresh();
  });

  if (controls.length === 0) {
    return <Alert>There are no active controls to map checks to yet: load the AWS starter library or create controls first.</Alert>;
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="add-check-mapping-heading">
      <h2 id="add-check-mapping-heading" className="text-lg font-semibold">
        Map a check to a control
      </h2>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Field
        label="Check id"
        error={errors.checkId?.message}
        hint="Exactly as the tool writes it, e.g. S3.8, s3_bucket_level_public_access_block or root-mfa."
      >
        {(p) => <input {...p} autoComplete="off" spellCheck={false} {...form.register('checkId')} />}
      </Field>
      <ControlPicker controls={controls} error={errors.controlId?.message} registration={form.register('controlId')} />
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Mapping…' : 'Add mapping'}
      </Button>
    </form>
  );
}
