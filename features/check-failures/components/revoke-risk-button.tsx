'use client';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { revokeRiskAcceptanceAction } from '../check-failures.actions';

/** End a risk acceptance now: the failure counts again. */
export function RevokeRiskButton({
  orgSlug,
  failureId,
  version,
  resource,
}: {
  orgSlug: string;
  failureId: string;
  version: number;
  resource: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const revoke = () =>
    startTransition(async () => {
      setError(null);
      const result = await revokeRiskAcceptanceAction(orgSlug, { failureId, version });
      if (!result.ok) setError(result.error.message);
    });
  return (
    <div className="space-y-2">
      <ConfirmButton
        label="Revoke"
        disabled={pending}
        title="Revoke this risk acceptance?"
        message={`The failing check on ${resource} counts again at once: the control is not satisfied until it passes a scan or is accepted again.`}
        confirmLabel="Revoke acceptance"
        onConfirm={revoke}
      />
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}
