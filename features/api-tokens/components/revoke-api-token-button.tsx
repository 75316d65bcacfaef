'use client';
import { useState, useTransition } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { revokeApiTokenAction } from '../api-tokens.actions';

export function RevokeApiTokenButton({
  orgSlug,
  tokenId,
  name,
  version,
}: {
  orgSlug: string;
  tokenId: string;
  name: string;
  version: number;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <ConfirmButton
        label="Revoke"
        disabled={pending}
        title={`Revoke the API token “${name}”?`}
        message="Every pipeline using it is refused from now on. This cannot be undone: create a new token to replace it."
        confirmLabel="Revoke token"
        onConfirm={() =>
          startTransition(async () => {
            setError(null);
            const result = await revokeApiTokenAction(orgSlug, { tokenId, version });
            if (!result.ok) setError(result.error.message);
          })
        }
      />
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </>
  );
}
