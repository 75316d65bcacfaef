'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { createProviderReportAction } from '../reports.actions';
import { createProviderReportSchema, type CreateProviderReportInput } from '../reports.schema';
import { ControlChecklist, type CoverableControl } from './control-checklist';

const FIELDS = [
  'title',
  'artifactReportId',
  'reportVersion',
  'series',
  'category',
  'periodStart',
  'periodEnd',
  'retrievedAt',
  'termsAcceptedAt',
  'controlIds',
] as const;
type TextField = Exclude<(typeof FIELDS)[number], 'controlIds'>;

const todayUtc = () => new Date().toISOString().slice(0, 10);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Records a reference to an AWS Artifact report and the controls it covers (all of them, unless unticked). */
export function ReportForm({ orgSlug, coverable }: { orgSlug: string; coverable: CoverableControl[] }) {
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const form = useForm<CreateProviderReportInput, unknown, z.output<typeof createProviderReportSchema>>({
    resolver: zodResolver(createProviderReportSchema),
    defaultValues: {
      title: '',
      artifactReportId: '',
      reportVersion: '',
      series: '',
      category: '',
      periodStart: '',
      periodEnd: '',
      retrievedAt: todayUtc(),
      termsAcceptedAt: todayUtc(),
      controlIds: coverable.map((c) => c.id),
    },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await createProviderReportAction(orgSlug, values);
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage({ tone: 'error', text });
      return;
    }
    form.reset();
    const covered = new Set(values.controlIds).size;
    setMessage({
      tone: 'success',
      text: `Recorded “${values.title}” (${values.artifactReportId}). It covers ${plural(covered, 'control')}.`,
    });
  });

  const field = (name: TextField, label: string, hint?: string, type: 'text' | 'date' = 'text') => (
    <Field label={label} error={errors[name]?.message} hint={hint}>
      {(p) => <input {...p} type={type} autoComplete="off" {...form.register(name)} />}
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        {field('title', 'Title', 'As AWS Artifact names the report, e.g. “SOC 2 Type 2”.')}
        {field('artifactReportId', 'AWS Artifact report id', '“report-” followed by 16 letters or digits, as shown in AWS Artifact.')}
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {field('reportVersion', 'Version', 'The report version in AWS Artifact.')}
        {field('series', 'Series', 'e.g. SOC, ISO, PCI.')}
        {field('category', 'Category', 'e.g. Certifications and attestations.')}
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {field('periodStart', 'Period start', 'First day the report covers (UTC).', 'date')}
        {field('periodEnd', 'Period end', 'Last day the report covers (UTC).', 'date')}
        {field('termsAcceptedAt', 'Terms accepted on', 'When the Artifact terms were accepted.', 'date')}
        {field('retrievedAt', 'Retrieved on', 'When the report was downloaded.', 'date')}
      </div>
      {coverable.length > 0 ? (
        <ControlChecklist
          legend="Controls this report covers"
          controls={coverable}
          registration={form.register('controlIds')}
          error={errors.controlIds?.message}
          onSelect={(ids) => form.setValue('controlIds', ids, { shouldDirty: true })}
        />
      ) : (
        <Alert>
          No control has an AWS half yet, so the report will cover none for now. Load the starter library or add inherited or shared
          controls in the control register, then cover them from the list above.
        </Alert>
      )}
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Recording…' : 'Record report'}
      </Button>
    </form>
  );
}
