'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { inputClass } from '@/components/ui/field';
import { setAuditPeriodAction } from '../members.actions';
import { setAuditPeriodSchema, type SetAuditPeriodInput } from '../members.schema';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

/** An auditor's audit period, inline in the member list. */
export function AuditPeriodForm({
  orgSlug,
  membershipId,
  name,
  start,
  end,
}: {
  orgSlug: string;
  membershipId: string;
  name: string;
  start: Date | null;
  end: Date | null;
}) {
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const form = useForm<SetAuditPeriodInput, unknown, z.output<typeof setAuditPeriodSchema>>({
    resolver: zodResolver(setAuditPeriodSchema),
    defaultValues: { membershipId, start: day(start), end: day(end) },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await setAuditPeriodAction(orgSlug, values);
    setMessage(
      result.ok ? { error: false, text: 'Saved.' } : { error: true, text: result.error.fieldErrors?.end?.[0] ?? result.error.message },
    );
  });
  return (
    <form onSubmit={onSubmit} noValidate className="mt-2 flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600">Audit period</span>
      <input type="date" aria-label={`Audit period start for ${name}`} className={`${inputClass} w-40`} {...form.register('start')} />
      <span aria-hidden>–</span>
      <input
        type="date"
        aria-label={`Audit period end for ${name}`}
        className={`${inputClass} w-40`}
        aria-invalid={Boolean(errors.end)}
        {...form.register('end')}
      />
      <button type="submit" disabled={isSubmitting} className="text-brand-600 hover:underline">
        Save period
      </button>
      {(errors.end || message) && (
        <span
          role={message?.error || errors.end ? 'alert' : 'status'}
          className={message?.error || errors.end ? 'text-red-700' : 'text-green-700'}
        >
          {errors.end?.message ?? message?.text}
        </span>
      )}
    </form>
  );
}
