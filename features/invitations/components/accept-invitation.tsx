'use client';
import { signOut } from 'next-auth/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { acceptInvitationAction } from '../invitations.actions';
import { NewAccountForm } from './new-account-form';

export type InvitationSummary = { email: string; roleLabel: string; orgName: string; invitedBy: string; expires: string };

/**
 * The invitation page: accept signed in as the invited email, sign out of another account, or
 * (without an account) choose a name and password. It does not say whether the invited email
 * has an account.
 */
export function AcceptInvitation({
  token,
  invitation,
  signedInAs,
}: {
  token: string;
  invitation: InvitationSummary;
  signedInAs: string | null;
}) {
  const here = `/invitations/${token}`;
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">Join {invitation.orgName}</h1>
      <p className="mb-4 text-sm text-slate-700">
        {invitation.invitedBy} invited <strong>{invitation.email}</strong> to join {invitation.orgName} as {invitation.roleLabel}. The
        invitation expires {invitation.expires}.
      </p>
      {signedInAs === invitation.email ? (
        <AcceptButton token={token} orgName={invitation.orgName} />
      ) : signedInAs ? (
        <div className="space-y-3">
          <Alert tone="error">
            You are signed in as {signedInAs}, but this invitation is for {invitation.email}. Sign out, then accept it as {invitation.email}
            .
          </Alert>
          <Button variant="secondary" className="w-full" onClick={() => signOut({ callbackUrl: here })}>
            Sign out
          </Button>
        </div>
      ) : (
        <div className="space-y-5">
          <p className="text-sm text-slate-700">
            Already have a Demarc account with {invitation.email}?{' '}
            <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`} className="font-medium text-brand-600 hover:underline">
              Sign in to accept
            </Link>
          </p>
          <div className="border-t border-slate-200 pt-4">
            <h2 className="mb-3 text-base font-semibold">New to Demarc? Create your account</h2>
            <NewAccountForm token={token} email={invitation.email} />
          </div>
        </div>
      )}
    </>
  );
}

function AcceptButton({ token, orgName }: { token: string; orgName: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      <Button
        className="w-full"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await acceptInvitationAction({ token });
            if (!result.ok) return setError(result.error.message);
            router.push(`/${result.data.orgSlug}`);
            router.refresh();
          })
        }
      >
        {pending ? 'Joining…' : `Accept and join ${orgName}`}
      </Button>
    </div>
  );
}
