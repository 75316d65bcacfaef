'use client';
import { useState, useTransition } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { revokeInvitationAction } from '../invitations.actions';

export function RevokeInvitationButton({ orgSlug, invitationId, email }: { orgSlug: string; invitationId: string; email: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <ConfirmButton
        label="Revoke"
        disabled={pending}
        title={`Revoke the invitation for ${email}?`}
        message="Its link stops working at once. You can invite them again later."
        confirmLabel="Revoke invitation"
        onConfirm={() =>
          startTransition(async () => {
            setError(null);
            const result = await revokeInvitationAction(orgSlug, { invitationId });
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
