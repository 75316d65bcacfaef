import type { Metadata } from 'next';
import { AcceptInvitation } from '@/features/invitations/components/accept-invitation';
import { InvitationGone } from '@/features/invitations/components/invitation-gone';
import { loadInvitationPage } from '@/features/invitations/accept-invitation.data';
import { currentUser } from '@/lib/auth/context';
import { ROLE_LABELS } from '@/lib/auth/permissions';

// The token is in the address: keep it out of Referer headers and search indexes.
export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer', robots: { index: false, follow: false } };

/** Public: someone without an account accepts here too. The token itself is the authorization. */
export default async function InvitationPage({ params }: PageProps<'/invitations/[token]'>) {
  const { token } = await params;
  const invitation = await loadInvitationPage(token);
  if (!invitation) return <InvitationGone />;
  const user = await currentUser();
  return (
    <AcceptInvitation
      token={token}
      signedInAs={user?.email ?? null}
      invitation={{
        email: invitation.email,
        roleLabel: ROLE_LABELS[invitation.role],
        orgName: invitation.orgName,
        invitedBy: invitation.invitedBy,
        expires: `${invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      }}
    />
  );
}
