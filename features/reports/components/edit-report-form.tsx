'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { applyServerErrors } from '@/lib/form-errors';
import type { ReportRow } from '../reports.data';
import { updateProviderReportAction } from '../reports.actions';
import { updateProviderReportSchema, type UpdateProviderReportInput } from '../reports.schema';
import { DESCRIBED_FIELDS, DescribedFields } from './report-fields';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Corrects a current report's description. It carries the version it was loaded with: a save
 * over someone else's newer save is refused, and what was typed here is kept.
 */
export function EditReportForm({
  orgSlug,
  report,
  onDone,
  onCancel,
}: {
  orgSlug: string;
  report: ReportRow;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<UpdateProviderReportInput, unknown, z.output<typeof updateProviderReportSchema>>({
    resolver: zodResolver(updateProviderReportSchema),
    defaultValues: {
      reportId: report.id,
      version: report.version,
      title: report.title,
      reportVersion: report.reportVersion,
      series: report.series,
      category: report.category,
      documentType: report.documentType,
      periodStart: isoDay(report.periodStart),
      periodEnd: isoDay(report.periodEnd),
    },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await updateProviderReportAction(orgSlug, values);
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, DESCRIBED_FIELDS);
      if (text) setMessage(text);
      return;
    }
    onDone(`Saved “${values.title}”.`);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={`Edit “${report.title}”`}>
      {message && <Alert tone="error">{message}</Alert>}
      <p className="text-xs text-slate-500">
        The Artifact report id and the retrieval dates identify the download and stay as recorded. A newer report is recorded with
        “Supersede”.
      </p>
      <DescribedFields register={(name) => form.register(name)} errors={errors} />
      <div className="flex items-center gap-4">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save changes'}
        </Button>
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
