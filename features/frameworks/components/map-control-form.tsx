'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { ControlPicker, type PickableControl } from '@/features/controls/components/control-picker';
import { applyServerErrors } from '@/lib/form-errors';
import { mapControlAction } from '../frameworks.actions';
import { mapControlSchema, type MapControlInput } from '../frameworks.schema';

const FIELDS = ['controlId', 'rationale'] as const;

/** Maps one of the organization's active controls to this requirement, with an optional rationale. */
export function MapControlForm({
  orgSlug,
  requirementId,
  controls,
}: {
  orgSlug: string;
  requirementId: string;
  controls: PickableControl[];
}) {
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const form = useForm<MapControlInput, unknown, z.output<typeof mapControlSchema>>({
    resolver: zodResolver(mapControlSchema),
    defaultValues: { controlId: '', requirementId, rationale: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await mapControlAction(orgSlug, values);
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage({ tone: 'error', text });
      return;
    }
    const code = controls.find((c) => c.id === values.controlId)?.code;
    form.reset({ controlId: '', requirementId, rationale: '' });
    setMessage({ tone: 'success', text: `Mapped ${code}.` });
  });

  if (controls.length === 0) {
    // The last control was just mapped: keep saying so.
    return (
      <div className="space-y-2">
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <Alert>Every active control is already mapped here.</Alert>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <h3 className="text-sm font-semibold">Map a control</h3>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <ControlPicker controls={controls} error={errors.controlId?.message} registration={form.register('controlId')} />
      <Field label="Rationale" error={errors.rationale?.message} hint="Optional: why this control answers the requirement.">
        {(p) => <input {...p} autoComplete="off" {...form.register('rationale')} />}
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Mapping…' : 'Map control'}
      </Button>
    </form>
  );
}
