import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { AddMemberForm } from '@/features/members/components/add-member-form';
import { MemberList } from '@/features/members/components/member-list';
import { listMembers } from '@/features/members/members.data';
import { pageOrgContext } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';

export const metadata = { title: 'Members' };

export default async function MembersPage({ params }: PageProps<'/[org]/members'>) {
  const ctx = await pageOrgContext((await params).org);
  const members = await listMembers(ctx);
  const canManage = can(ctx.role, 'members.manage');
  return (
    <>
      <PageHeader
        title="Members"
        description="Everyone who can sign in to this organization, and what their role lets them do. Control owners must be members."
      />
      <MemberList ctx={ctx} members={members} canManage={canManage} />
      <section className="mt-8 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="mb-4 text-lg font-semibold">Add a member</h2>
        {canManage ? (
          <AddMemberForm orgSlug={ctx.orgSlug} canGrantOwner={ctx.role === 'OWNER'} />
        ) : (
          <Alert>Only owners and admins can add members or change roles.</Alert>
        )}
      </section>
    </>
  );
}
