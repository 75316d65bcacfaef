'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { linkSsoIdentityAction } from '../sso.actions';

/** After proving the account with its password: link the identity provider's subject to it. */
export function LinkSsoIdentity({ email, issuer, matches }: { email: string; issuer: string; matches: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!matches) {
    return (
      <Alert tone="error">{`Your identity provider signed you in as ${email}. Sign out, then sign in with the Demarc account for that address to link it.`}</Alert>
    );
  }
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      {error && <Alert tone="error">{error}</Alert>}
      <p className="text-sm text-slate-700">
        {`${issuer} signed you in as ${email}. Link it to this account, and single sign-on will sign you in directly from now on.`}
      </p>
      <Button
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const result = await linkSsoIdentityAction();
          if (!result.ok) {
            setError(result.error.message);
            setBusy(false);
            return;
          }
          router.push(`/${result.data.orgSlug}`);
          router.refresh();
        }}
      >
        {busy ? 'Linking…' : 'Link and continue'}
      </Button>
    </section>
  );
}
