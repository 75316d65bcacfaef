import Link from 'next/link';

/** The same page for unknown, expired, revoked and used links: nothing to tell apart. */
export function InvitationGone() {
  return (
    <>
      <h1 className="mb-3 text-xl font-semibold">This invitation has expired</h1>
      <p className="text-sm text-slate-700">This invitation has expired — ask an admin for a new one.</p>
      <p className="mt-3 text-sm text-slate-600">
        Links work once and for 7 days, and an admin can revoke them. If you already accepted it,{' '}
        <Link href="/sign-in" className="text-brand-600 hover:underline">
          sign in
        </Link>
        .
      </p>
    </>
  );
}
