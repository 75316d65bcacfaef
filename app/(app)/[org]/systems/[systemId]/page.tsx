import { getSystemDashboard } from '@/features/controls/controls.data';
import { listSystemAwsAccounts } from '@/features/systems/aws-accounts.data';
import { SystemDashboard } from '@/features/systems/components/system-dashboard';
import { pageOrgContext } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { orNotFound } from '@/lib/pages';

export const metadata = { title: 'System' };

export default async function SystemPage({ params }: PageProps<'/[org]/systems/[systemId]'>) {
  const { org, systemId } = await params;
  const ctx = await pageOrgContext(org);
  const [dashboard, awsAccounts] = await orNotFound(Promise.all([getSystemDashboard(ctx, systemId), listSystemAwsAccounts(ctx, systemId)]));
  return <SystemDashboard orgSlug={ctx.orgSlug} dashboard={dashboard} awsAccounts={awsAccounts} canEdit={can(ctx.role, 'systems.edit')} />;
}
