'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { applyServerErrors } from '@/lib/form-errors';
import { saveNotificationPreferencesAction } from '../notifications.actions';
import { KIND_LABELS, type NotificationKind } from '../notifications.policy';
import { DELIVERIES, DELIVERY_LABELS, savePreferencesSchema, type SavePreferencesInput } from '../notifications.schema';

export type PreferenceRow = { kind: NotificationKind; delivery: (typeof DELIVERIES)[number]; version: number };

/** One choice per kind: at once, in the weekly digest, or off. */
export function NotificationPreferencesForm({ preferences }: { preferences: PreferenceRow[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const form = useForm<SavePreferencesInput, unknown, z.output<typeof savePreferencesSchema>>({
    resolver: zodResolver(savePreferencesSchema),
    defaultValues: { preferences },
  });
  const { isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await saveNotificationPreferencesAction(values);
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, []);
      setMessage({ tone: 'error', text: text || result.error.message });
      return;
    }
    setMessage({ tone: 'success', text: 'Notification preferences saved.' });
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {preferences.map((p, i) => (
        <fieldset key={p.kind} className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-800">{KIND_LABELS[p.kind]}</legend>
          <input type="hidden" {...form.register(`preferences.${i}.kind`)} />
          <input type="hidden" {...form.register(`preferences.${i}.version`)} />
          <div className="flex flex-wrap gap-4 text-sm">
            {DELIVERIES.map((d) => (
              <label key={d} className="inline-flex items-center gap-2">
                <input type="radio" value={d} {...form.register(`preferences.${i}.delivery`)} />
                {DELIVERY_LABELS[d]}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save notification preferences'}
      </Button>
    </form>
  );
}
