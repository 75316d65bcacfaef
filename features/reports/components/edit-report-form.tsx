'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import type { ReportRow } from '../reports.data';
import { updateProviderReportAction } from '../reports.actions';
import {
  FEDRAMP_AUTHORIZATION_TYPE_LABELS,
  FEDRAMP_AUTHORIZATION_TYPES,
  updateProviderReportSchema,
  type UpdateProviderReportInput,
} from '../reports.schema';
import { DESCRIBED_FIELDS, DescribedFields } from './report-fields';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const FEDRAMP_FIELDS = ['fedrampPackageId', 'fedrampAuthorizationType', 'fedrampImpactLevel', 'fedrampAuthorizedAt'] as const;

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
      fedrampPackageId: report.fedrampPackageId,
      fedrampAuthorizationType: (report.fedrampAuthorizationType || '') as UpdateProviderReportInput['fedrampAuthorizationType'],
      fedrampImpactLevel: report.fedrampImpactLevel ?? '',
      fedrampAuthorizedAt: report.fedrampAuthorizedAt ? isoDay(report.fedrampAuthorizedAt) : '',
    },
  });
  const { errors, isSubmitting } = form.formState;

  // The server parses the same schema: it gets the form's own values ("" for "unknown").
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await updateProviderReportAction(orgSlug, form.getValues());
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, [...DESCRIBED_FIELDS, ...FEDRAMP_FIELDS]);
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
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-700">When this is the provider’s FedRAMP package (optional)</legend>
        <p className="text-xs text-slate-500">
          The System Security Plan names the FedRAMP authorization it leverages with these: its package id, type, impact level and date.
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="FedRAMP package id"
            error={errors.fedrampPackageId?.message}
            hint="As the FedRAMP Marketplace shows it, e.g. F1603047866."
          >
            {(p) => <input {...p} autoComplete="off" {...form.register('fedrampPackageId')} />}
          </Field>
          <Field label="Authorization type" error={errors.fedrampAuthorizationType?.message}>
            {(p) => (
              <select {...p} {...form.register('fedrampAuthorizationType')}>
                <option value="">Unknown</option>
                {FEDRAMP_AUTHORIZATION_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {FEDRAMP_AUTHORIZATION_TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Impact level" error={errors.fedrampImpactLevel?.message}>
            {(p) => (
              <select {...p} {...form.register('fedrampImpactLevel')}>
                <option value="">Unknown</option>
                <option value="LOW">Low</option>
                <option value="MODERATE">Moderate</option>
                <option value="HIGH">High</option>
              </select>
            )}
          </Field>
          <Field label="Date authorized" error={errors.fedrampAuthorizedAt?.message}>
            {(p) => <input {...p} type="date" {...form.register('fedrampAuthorizedAt')} />}
          </Field>
        </div>
      </fieldset>
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
