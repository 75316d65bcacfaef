import { Alert } from '@/components/ui/alert';
import type { SessionClaims } from '@/lib/auth/context';
import { getMfaStatus } from '../mfa.data';
import { qrCodeSvg } from '../totp';
import { DisableMfa } from './mfa-disable';
import { ConfirmMfaEnrolment, StartMfaEnrolment } from './mfa-enrol';
import { RecoveryCodesGate } from './recovery-codes-gate';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** The account page's two-factor section: set up (QR code, secret, first code), status, turn off. */
export async function MfaSection({ session, required }: { session: SessionClaims; required: boolean }) {
  const status = await getMfaStatus(session);
  return (
    <section id="mfa" aria-labelledby="mfa-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="mfa-heading" className="text-lg font-semibold">
        Two-factor authentication
      </h2>
      <p className="mb-3 mt-1 text-sm text-slate-600">
        After your password, Demarc asks for a 6-digit code from an authenticator app on your phone (any app that reads a QR code:
        1Password, Google Authenticator, Microsoft Authenticator, Authy…), so a stolen password alone cannot sign in.
      </p>
      {required && status.state !== 'on' && (
        <div className="mb-3">
          <Alert tone="error">
            An organization you belong to requires two-factor authentication. Set it up here to continue working in it.
          </Alert>
        </div>
      )}
      <RecoveryCodesGate>
        {status.state === 'off' && <StartMfaEnrolment />}
        {status.state === 'pending' && <PendingEnrolment secret={status.secret} uri={status.uri} />}
        {status.state === 'on' && (
          <div className="space-y-4">
            <p className="text-sm" data-testid="mfa-status">
              <strong>On</strong> since {dateFormat.format(status.enabledAt)}. {status.recoveryCodesLeft} of 10 recovery codes left.
            </p>
            <DisableMfa />
          </div>
        )}
      </RecoveryCodesGate>
    </section>
  );
}

async function PendingEnrolment({ secret, uri }: { secret: string; uri: string }) {
  const svg = await qrCodeSvg(uri);
  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>Scan this QR code with your authenticator app, or type the secret below into it.</li>
        <li>Enter the 6-digit code the app then shows.</li>
      </ol>
      {/* Made on the server from the otpauth:// address: the secret never goes to another service. */}
      <div role="img" aria-label="QR code for your authenticator app" className="h-48 w-48" dangerouslySetInnerHTML={{ __html: svg }} />
      <p className="text-sm">
        Secret:{' '}
        <code data-testid="mfa-secret" className="rounded bg-slate-100 px-1.5 py-0.5 font-mono">
          {secret}
        </code>
      </p>
      <ConfirmMfaEnrolment />
      <StartMfaEnrolment again />
    </div>
  );
}
