import { OrganizationOverview } from '@/features/organizations/components/organization-overview';
import { getOrganizationOverview } from '@/features/organizations/organizations.data';
import { pageOrgContext } from '@/lib/auth/context';

export const metadata = { title: 'Overview' };

export default async function OverviewPage({ params }: PageProps<'/[org]'>) {
  const ctx = await pageOrgContext((await params).org);
  return <OrganizationOverview ctx={ctx} overview={await getOrganizationOverview(ctx)} />;
}
