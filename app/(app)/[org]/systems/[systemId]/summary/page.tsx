import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { FreezeSnapshotButton } from '@/features/summaries/components/snapshot-buttons';
import { SummaryView } from '@/features/summaries/components/summary-view';
import { getSummary } from '@/features/summaries/summaries.data';
import { pageOrgContext } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { orNotFound } from '@/lib/pages';

export const metadata = { title: 'Compliance summary' };

export default async function SummaryPage({ params }: PageProps<'/[org]/systems/[systemId]/summary'>) {
  const { org, systemId } = await params;
  const ctx = await pageOrgContext(org);
  const summary = await orNotFound(getSummary(ctx, systemId));
  return (
    <>
      <PageHeader
        title={`Compliance summary: ${summary.system.name}`}
        description={
          <>
            Live figures. Freeze them into a signed snapshot for reviewers;{' '}
            <Link href={`/${org}/systems/${systemId}/snapshots`} className="text-brand-600 hover:underline">see snapshots</Link>.
            {' '}<a href={`/${org}/systems/${systemId}/summary/pdf`} download className="text-brand-600 hover:underline">Download PDF</a>
          </>
        }
        actions={can(ctx.role, 'snapshots.create') && <FreezeSnapshotButton orgSlug={org} systemId={systemId} />}
      />
      <SummaryView summary={summary} />
    </>
  );
}
