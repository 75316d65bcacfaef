'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { confirmMfaEnrolmentAction, startMfaEnrolmentAction } from '../mfa.actions';
import { confirmMfaSchema } from '../mfa.schema';
import { MfaCodeForm } from './mfa-code-form';
import { useShowRecoveryCodes } from './recovery-codes-gate';

/** "Set up": makes a pending secret; the page then renders its QR code on the server. */
export function StartMfaEnrolment({ again = false }: { again?: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      <Button
        variant={again ? 'secondary' : 'primary'}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const result = await startMfaEnrolmentAction();
          setBusy(false);
          if (!result.ok) setError(result.error.message);
          else router.refresh();
        }}
      >
        {again ? 'Start again with a new secret' : 'Set up two-factor authentication'}
      </Button>
    </div>
  );
}

/** The first code confirms the enrolment; the recovery codes are then shown, this once (RecoveryCodesGate). */
export function ConfirmMfaEnrolment() {
  const showRecoveryCodes = useShowRecoveryCodes();
  return (
    <MfaCodeForm
      schema={confirmMfaSchema}
      label="Code from your app"
      hint="The 6-digit code your app shows for Demarc now."
      submitLabel="Turn on two-factor authentication"
      busyLabel="Checking…"
      submit={confirmMfaEnrolmentAction}
      onDone={(data) => showRecoveryCodes(data.recoveryCodes)}
    />
  );
}
