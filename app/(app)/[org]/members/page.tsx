import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { InviteMemberForm } from '@/features/invitations/components/invite-member-form';
import { PendingInvitations } from '@/features/invitations/components/pending-invitations';
import { listInvitations } from '@/features/invitations/invitations.data';
import { MemberList } from '@/features/members/components/member-list';
import { listMembers } from '@/features/members/members.data';
import { pageOrgContext } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';

export const metadata = { title: 'Members' };

export default async function MembersPage({ params }: PageProps<'/[org]/members'>) {
  const ctx = await pageOrgContext((await params).org);
  const canManage = can(ctx.role, 'members.manage');
  const [members, invitations] = await Promise.all([listMembers(ctx), canManage ? listInvitations(ctx) : []]);
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
