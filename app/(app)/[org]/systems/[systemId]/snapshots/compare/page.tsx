import { SnapshotComparison } from '@/features/summaries/components/snapshot-comparison';
import { compareSnapshots } from '@/features/summaries/summaries.data';
import { pageOrgContext } from '@/lib/auth/context';
import { orNotFound } from '@/lib/pages';

export const metadata = { title: 'Compare snapshots' };

export default async function ComparePage({ params, searchParams }: PageProps<'/[org]/systems/[systemId]/snapshots/compare'>) {
  const { org, systemId } = await params;
  const { before, after } = await searchParams;
  const ctx = await pageOrgContext(org);
  const comparison = await orNotFound(compareSnapshots(ctx, String(before ?? ''), String(after ?? '')));
  return <SnapshotComparison orgSlug={org} systemId={systemId} comparison={comparison} />;
}
