'use client';
import { useState, useTransition } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { unmapControlAction } from '../frameworks.actions';

export function UnmapButton({
  orgSlug,
  controlId,
  requirementId,
  label,
  title,
}: {
  orgSlug: string;
  controlId: string;
  requirementId: string;
  /** Names what is removed, so each button on a page is told apart: "Unmap IAM-1". */
  label: string;
  title: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex flex-col items-end">
      <ConfirmButton
        label={pending ? 'Removing…' : label}
        title={title}
        message="The control no longer counts toward this requirement. You can map it again at any time."
        confirmLabel="Unmap"
        disabled={pending}
        onConfirm={() =>
          startTransition(async () => {
            const result = await unmapControlAction(orgSlug, { controlId, requirementId });
            setError(result.ok ? null : result.error.message);
          })
        }
      />
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
