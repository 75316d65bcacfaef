'use client';
import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { signOutEverywhereAction } from '../auth.actions';

export function SignOutEverywhere() {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      <ConfirmButton
        label="Sign out everywhere"
        title="Sign out everywhere?"
        message="Every session of yours, on every device and browser, stops working, including this one."
        confirmLabel="Sign out everywhere"
        onConfirm={async () => {
          const result = await signOutEverywhereAction();
          if (result.ok) await signOut({ callbackUrl: '/sign-in' });
          else setError(result.error.message);
        }}
      />
    </div>
  );
}
