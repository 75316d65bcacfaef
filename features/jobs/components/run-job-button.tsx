'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { runJobNowAction } from '../jobs.actions';

/** Runs a job at once, for this organization only; the result is the newest run below. */
export function RunJobButton({ orgSlug, name }: { orgSlug: string; name: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div>
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setMessage(null);
            const result = await runJobNowAction(orgSlug, { name });
            if (!result.ok) setMessage({ error: true, text: result.error.message });
            else {
              const counts = Object.entries(result.data.counts as Record<string, number>).map(([k, v]) => `${k}: ${v}`);
              setMessage({ error: false, text: `Done. ${counts.join(', ')}` });
            }
            router.refresh();
          })
        }
      >
        {pending ? 'Running…' : 'Run now'}
        <span className="sr-only"> {name}</span>
      </Button>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={`mt-1 text-xs ${message.error ? 'text-red-700' : 'text-slate-600'}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
