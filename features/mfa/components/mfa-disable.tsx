'use client';
import { useRouter } from 'next/navigation';
import { disableMfaAction } from '../mfa.actions';
import { disableMfaSchema } from '../mfa.schema';
import { MfaCodeForm } from './mfa-code-form';

export function DisableMfa() {
  const router = useRouter();
  return (
    <MfaCodeForm
      schema={disableMfaSchema}
      label="Code to turn it off"
      hint="The 6-digit code your app shows now, or an unused recovery code."
      submitLabel="Turn off two-factor authentication"
      busyLabel="Turning off…"
      variant="danger"
      submit={disableMfaAction}
      onDone={() => router.refresh()}
    />
  );
}
