'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { applyServerErrors } from '@/lib/form-errors';
import { useRequestId } from '@/lib/request-id';
import type { ReportRow } from '../reports.data';
import { supersedeProviderReportAction } from '../reports.actions';
import { supersedeProviderReportSchema, type SupersedeProviderReportInput } from '../reports.schema';
import { ControlChecklist, type CoverableControl } from './control-checklist';
import { coverageOptions } from './coverage-form';
import { RECORDED_FIELDS, RecordedFields } from './report-fields';

const FIELDS = [...RECORDED_FIELDS, 'controlIds'] as const;
const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Records a newer report or a bridge letter in place of a current one. It starts from the old
 * one's series and category, a period beginning the day after the old one ends, and exactly the
 * old one's coverage, which moves to the new one on saving.
 */
export function SupersedeForm({
  orgSlug,
  report,
  coverable,
  onDone,
  onCancel,
}: {
  orgSlug: string;
  report: ReportRow;
  coverable: CoverableControl[];
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const request = useRequestId();
  const { controls, notes } = useMemo(() => coverageOptions(report, coverable), [report, coverable]);
  const today = isoDay(new Date());
  const form = useForm<SupersedeProviderReportInput, unknown, z.output<typeof supersedeProviderReportSchema>>({
    resolver: zodResolver(supersedeProviderReportSchema),
    defaultValues: {
      supersedesId: report.id,
      supersedesVersion: report.version,
      title: report.title,
      artifactReportId: '',
      reportVersion: '',
      series: report.series,
      category: report.category,
      documentType: 'BRIDGE_LETTER',
      periodStart: isoDay(new Date(report.periodEnd.getTime() + DAY)),
      periodEnd: '',
      retrievedAt: today,
      termsAcceptedAt: today,
      controlIds: report.covered.map((c) => c.id),
    },
  });
  const { errors, isSubmitting } = form.formState;
  const controlIds = useWatch({ control: form.control, name: 'controlIds' }) ?? [];

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await supersedeProviderReportAction(orgSlug, values, request.current());
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage(text);
      return;
    }
    onDone(
      `Recorded “${values.title}” (${values.artifactReportId}) in place of “${report.title}”. It covers ${plural(result.data.covered, 'control')}.`,
    );
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={`Supersede “${report.title}”`}>
      {message && <Alert tone="error">{message}</Alert>}
      <p className="text-sm text-slate-600">
        Record the newer report, or the bridge letter AWS issued until the next one. It takes over this report’s coverage; “{report.title}”
        stays listed as superseded and no longer covers anything.
      </p>
      <RecordedFields register={(name) => form.register(name)} errors={errors} />
      <ControlChecklist
        legend="Controls the new document covers"
        hint={`Ticked: the ${plural(report.covered.length, 'control')} “${report.title}” covers now. Adjust if the new one covers more or less.`}
        controls={controls}
        selected={controlIds}
        onChange={(ids) => form.setValue('controlIds', ids, { shouldDirty: true })}
        error={errors.controlIds?.message}
        notes={notes}
      />
      <div className="flex items-center gap-4">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Recording…' : 'Record and supersede'}
        </Button>
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
