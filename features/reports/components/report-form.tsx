'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { applyServerErrors } from '@/lib/form-errors';
import { useRequestId } from '@/lib/request-id';
import { createProviderReportAction } from '../reports.actions';
import { createProviderReportSchema, type CreateProviderReportInput } from '../reports.schema';
import { ControlChecklist, type CoverableControl } from './control-checklist';
import { RECORDED_FIELDS, RecordedFields } from './report-fields';

const FIELDS = [...RECORDED_FIELDS, 'controlIds'] as const;

const todayUtc = () => new Date().toISOString().slice(0, 10);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const blank = (): CreateProviderReportInput => ({
  title: '',
  artifactReportId: '',
  reportVersion: '',
  series: '',
  category: '',
  documentType: 'REPORT',
  periodStart: '',
  periodEnd: '',
  retrievedAt: todayUtc(),
  termsAcceptedAt: todayUtc(),
  controlIds: [],
});

/** Records a reference to an AWS Artifact report and the controls it covers (none until ticked). */
export function ReportForm({ orgSlug, coverable }: { orgSlug: string; coverable: CoverableControl[] }) {
  const request = useRequestId();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const form = useForm<CreateProviderReportInput, unknown, z.output<typeof createProviderReportSchema>>({
    resolver: zodResolver(createProviderReportSchema),
    defaultValues: blank(),
  });
  const { errors, isSubmitting } = form.formState;
  const controlIds = useWatch({ control: form.control, name: 'controlIds' });

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await createProviderReportAction(orgSlug, values, request.current());
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage({ tone: 'error', text });
      return;
    }
    request.renew();
    form.reset(blank());
    const covered = new Set(values.controlIds).size;
    setMessage({
      tone: 'success',
      text: `Recorded “${values.title}” (${values.artifactReportId}). It covers ${plural(covered, 'control')}.`,
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label="Record a report">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <RecordedFields register={(name) => form.register(name)} errors={errors} />
      {coverable.length > 0 ? (
        <ControlChecklist
          legend="Controls this report covers"
          controls={coverable}
          selected={controlIds}
          onChange={(ids) => form.setValue('controlIds', ids, { shouldDirty: true })}
          error={errors.controlIds?.message}
        />
      ) : (
        <Alert>
          No control has an AWS half yet, so the report will cover none for now. Load the starter library or add inherited or shared
          controls in the control register, then change the report’s coverage from the list above.
        </Alert>
      )}
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Recording…' : 'Record report'}
      </Button>
    </form>
  );
}
