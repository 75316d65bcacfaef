import { OverviewView } from '@/features/overview/components/overview-view';
import { getOverview } from '@/features/overview/overview.data';
import { pageOrgContext } from '@/lib/auth/context';

export const metadata = { title: 'Overview' };

export default async function OverviewPage({ params }: PageProps<'/[org]'>) {
  const ctx = await pageOrgContext((await params).org);
  return <OverviewView orgSlug={ctx.orgSlug} overview={await getOverview(ctx)} />;
}
