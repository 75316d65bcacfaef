import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { InviteMemberForm } from '@/features/invitations/components/invite-member-form';
import { PendingInvitations } from '@/features/invitations/components/pending-invitations';
import { listInvitations } from '@/features/invitations/invitations.data';
import { MemberList } from '@/features/members/components/member-list';
import { listMembers } from '@/features/members/members.data';
import { SignInPolicyForm } from '@/features/sign-in-policy/components/sign-in-policy-form';
import { getSignInPolicy } from '@/features/sign-in-policy/sign-in-policy.data';
import { pageOrgContext } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';

export const metadata = { title: 'Members' };

export default async function MembersPage({ params }: PageProps<'/[org]/members'>) {
  const ctx = await pageOrgContext((await params).org);
  const canManage = can(ctx.role, 'members.manage');
  const [members, invitations, policy] = await Promise.all([
    listMembers(ctx),
    canManage ? listInvitations(ctx) : [],
    canManage ? getSignInPolicy(ctx) : null,
  ]);
  return (
    <>
      <PageHeader
        title="Members"
        description="Everyone who can sign in to this organization, and what their role lets them do. Control owners must be members."
      />
      <MemberList ctx={ctx} members={members} canManage={canManage} />
      {invitations.length > 0 && (
        <section className="mt-8">
          <h2 className="mb-3 text-lg font-semibold">Pending invitations</h2>
          <PendingInvitations orgSlug={ctx.orgSlug} invitations={invitations} />
        </section>
      )}
      {policy && (
        <section className="mt-8 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-lg font-semibold">Sign-in policy</h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">
            {policy.membersWithoutMfa === 0
              ? 'Every active member has two-factor authentication on.'
              : `${policy.membersWithoutMfa} active member${policy.membersWithoutMfa === 1 ? '' : 's'} ${policy.membersWithoutMfa === 1 ? 'has' : 'have'} no two-factor authentication yet (see the Two-factor column).`}{' '}
            Changes are recorded in the audit log.
          </p>
          <SignInPolicyForm
            orgSlug={ctx.orgSlug}
            policy={{ requireMfa: policy.requireMfa, requireSso: policy.requireSso, version: policy.version }}
            ssoEnabled={policy.ssoEnabled}
          />
          {ctx.role === 'OWNER' && (
            <p className="mt-4 text-sm">
              <Link href={`/${ctx.orgSlug}/members/sso`} className="text-brand-600 hover:underline">
                Single sign-on (OpenID Connect) settings
              </Link>
            </p>
          )}
        </section>
      )}
      <section className="mt-8 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="mb-4 text-lg font-semibold">Invite a member</h2>
        {canManage ? (
          <InviteMemberForm orgSlug={ctx.orgSlug} canGrantOwner={ctx.role === 'OWNER'} />
        ) : (
          <Alert>Only owners and admins can invite members or change roles.</Alert>
        )}
      </section>
    </>
  );
}
