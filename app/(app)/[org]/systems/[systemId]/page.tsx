import { getSystemDashboard } from '@/features/controls/controls.data';
import { SystemDashboard } from '@/features/systems/components/system-dashboard';
import { pageOrgContext } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { orNotFound } from '@/lib/pages';

export const metadata = { title: 'System' };

export default async function SystemPage({ params }: PageProps<'/[org]/systems/[systemId]'>) {
  const { org, systemId } = await params;
  const ctx = await pageOrgContext(org);
  const dashboard = await orNotFound(getSystemDashboard(ctx, systemId));
  return <SystemDashboard orgSlug={ctx.orgSlug} dashboard={dashboard} canEdit={can(ctx.role, 'systems.edit')} />;
}
