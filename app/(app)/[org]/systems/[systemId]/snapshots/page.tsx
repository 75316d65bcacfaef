import { PageHeader } from '@/components/ui/page-header';
import { SnapshotList } from '@/features/summaries/components/snapshot-list';
import { listSnapshots } from '@/features/summaries/summaries.data';
import { getSystem } from '@/features/systems/systems.data';
import { pageOrgContext } from '@/lib/auth/context';
import { orNotFound } from '@/lib/pages';

export const metadata = { title: 'Snapshots' };

export default async function SnapshotsPage({ params }: PageProps<'/[org]/systems/[systemId]/snapshots'>) {
  const { org, systemId } = await params;
  const ctx = await pageOrgContext(org);
  const system = await orNotFound(getSystem(ctx, systemId));
  return (
    <>
      <PageHeader
        title={`Snapshots: ${system.name}`}
        description="Frozen summaries with their SHA-256 and sign-off. Choose two to see what changed."
      />
      <SnapshotList orgSlug={org} systemId={systemId} snapshots={await listSnapshots(ctx, systemId)} />
    </>
  );
}
