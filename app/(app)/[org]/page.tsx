import { OverviewView } from '@/features/overview/components/overview-view';
import { getOverview } from '@/features/overview/overview.data';
import { pageOrgContext } from '@/lib/auth/context';
import { ROLE_LABELS } from '@/lib/auth/permissions';

export const metadata = { title: 'Overview' };

export default async function OverviewPage({ params }: PageProps<'/[org]'>) {
  const ctx = await pageOrgContext((await params).org);
  return <OverviewView orgSlug={ctx.orgSlug} roleLabel={ROLE_LABELS[ctx.role]} overview={await getOverview(ctx)} />;
}
