'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { applyServerErrors } from '@/lib/form-errors';
import { coverControlsAction } from '../reports.actions';
import { coverControlsSchema, type CoverControlsInput } from '../reports.schema';
import { ControlChecklist, type CoverableControl } from './control-checklist';

const FIELDS = ['controlIds'] as const;

/** A disclosure on a report's row: tick coverable controls the report does not cover yet, and add them. */
export function CoverControls({ orgSlug, evidenceId, coverable }: { orgSlug: string; evidenceId: string; coverable: CoverableControl[] }) {
  const candidates = coverable.filter((c) => !c.coveredBy.includes(evidenceId));
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const form = useForm<CoverControlsInput, unknown, z.output<typeof coverControlsSchema>>({
    resolver: zodResolver(coverControlsSchema),
    defaultValues: { evidenceId, controlIds: [] },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await coverControlsAction(orgSlug, values);
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage({ tone: 'error', text });
      return;
    }
    form.reset({ evidenceId, controlIds: [] });
    const { added } = result.data;
    setMessage({ tone: 'success', text: `Added ${added} control${added === 1 ? '' : 's'}.` });
  });

  return (
    <details className="mt-1 min-w-80">
      <summary className="cursor-pointer text-sm text-brand-600 hover:underline">Cover more controls</summary>
      <div className="mt-2 space-y-3">
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        {candidates.length === 0 ? (
          <p className="text-xs text-slate-500">This report already covers every control with an AWS half.</p>
        ) : (
          <form onSubmit={onSubmit} noValidate className="space-y-3">
            <ControlChecklist
              legend="Controls to add to this report"
              controls={candidates}
              registration={form.register('controlIds')}
              error={errors.controlIds?.message}
              onSelect={(ids) => form.setValue('controlIds', ids, { shouldDirty: true })}
            />
            <Button type="submit" variant="secondary" disabled={isSubmitting}>
              {isSubmitting ? 'Adding…' : 'Add to this report'}
            </Button>
          </form>
        )}
      </div>
    </details>
  );
}
