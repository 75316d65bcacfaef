'use client';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { archiveSystemAction } from '../systems.actions';

/** Archives a system after asking, or restores an archived one; the page re-renders with the new version. */
export function ArchiveSystemButton({
  orgSlug,
  system,
}: {
  orgSlug: string;
  system: { id: string; name: string; version: number; archivedAt: Date | null };
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const setArchived = (archived: boolean) =>
    startTransition(async () => {
      setError(null);
      const result = await archiveSystemAction(orgSlug, { id: system.id, version: system.version, archived });
      if (!result.ok) setError(result.error.message);
    });

  return (
    <div className="flex flex-col items-end gap-1">
      {system.archivedAt ? (
        <Button variant="secondary" disabled={pending} onClick={() => setArchived(false)}>
          {pending ? 'Restoring…' : 'Restore'}
        </Button>
      ) : (
        <ConfirmButton
          label="Archive"
          disabled={pending}
          title={`Archive ${system.name}?`}
          message={`${system.name} leaves the list of systems. Its implementations and owners are kept, and you can restore it at any time.`}
          confirmLabel="Archive system"
          onConfirm={() => setArchived(true)}
        />
      )}
      {error && (
        <p role="alert" className="max-w-xs text-right text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
