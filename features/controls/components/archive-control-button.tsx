'use client';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { Button } from '@/components/ui/button';
import { archiveControlAction } from '../controls.actions';

export function ArchiveControlButton({
  orgSlug,
  id,
  version,
  archived,
  code,
}: {
  orgSlug: string;
  id: string;
  version: number;
  archived: boolean;
  code: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (next: boolean) =>
    startTransition(async () => {
      setError(null);
      const result = await archiveControlAction(orgSlug, { id, version, archived: next });
      if (!result.ok) setError(result.error.message);
    });
  return (
    <div className="space-y-2">
      {archived ? (
        <Button variant="secondary" disabled={pending} onClick={() => run(false)}>
          Restore
        </Button>
      ) : (
        <ConfirmButton
          label="Archive"
          disabled={pending}
          title={`Archive ${code}?`}
          message="It leaves the register, dashboards and owners' queues. Its history, lines and records are kept, and you can restore it."
          confirmLabel="Archive control"
          onConfirm={() => run(true)}
        />
      )}
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}
