import { PageHeader } from '@/components/ui/page-header';
import { SummaryHeader } from '@/features/summaries/components/summary-header';
import { SummaryView } from '@/features/summaries/components/summary-view';
import { getSummary, summaryFrameworks } from '@/features/summaries/summaries.data';
import { pageOrgContext } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { orNotFound } from '@/lib/pages';

export const metadata = { title: 'Compliance summary' };

export default async function SummaryPage({ params, searchParams }: PageProps<'/[org]/systems/[systemId]/summary'>) {
  const { org, systemId } = await params;
  const { framework } = await searchParams;
  const ctx = await pageOrgContext(org);
  const frameworkId = typeof framework === 'string' && framework ? framework : undefined;
  const [summary, frameworks] = await Promise.all([orNotFound(getSummary(ctx, systemId, frameworkId)), summaryFrameworks(ctx)]);
  return (
    <>
      <PageHeader title={`Compliance summary: ${summary.system.name}${summary.framework ? ` · ${summary.framework.name}` : ''}`} />
      <SummaryHeader
        orgSlug={org}
        systemId={systemId}
        frameworkId={frameworkId}
        frameworks={frameworks}
        canFreeze={can(ctx.role, 'snapshots.create')}
      />
      <SummaryView summary={summary} />
    </>
  );
}
