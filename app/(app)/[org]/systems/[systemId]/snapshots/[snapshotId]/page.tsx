import { SnapshotDetail } from '@/features/summaries/components/snapshot-detail';
import { getSnapshot } from '@/features/summaries/summaries.data';
import { pageOrgContext } from '@/lib/auth/context';
import { orNotFound } from '@/lib/pages';

export const metadata = { title: 'Snapshot' };

export default async function SnapshotPage({ params }: PageProps<'/[org]/systems/[systemId]/snapshots/[snapshotId]'>) {
  const { org, snapshotId } = await params;
  const ctx = await pageOrgContext(org);
  return <SnapshotDetail ctx={ctx} snapshot={await orNotFound(getSnapshot(ctx, snapshotId))} />;
}
