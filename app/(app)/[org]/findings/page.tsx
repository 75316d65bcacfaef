import { FindingsView } from '@/features/findings/components/findings-view';
import { listFindingScans } from '@/features/findings/scans.data';
import { formatBytes } from '@/features/findings/findings.policy';
import { pageOrgContext } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { maxFindingsBytes } from '@/lib/config';
import { pageNumber } from '@/lib/search-params';

export const metadata = { title: 'Findings' };

export default async function FindingsPage({ params, searchParams }: PageProps<'/[org]/findings'>) {
  const [{ org }, query] = await Promise.all([params, searchParams]);
  const ctx = await pageOrgContext(org);
  const scans = await listFindingScans(ctx, { page: pageNumber(query.page) });
  return (
    <FindingsView
      orgSlug={ctx.orgSlug}
      scans={scans}
      canIngest={can(ctx.role, 'findings.ingest')}
      maxSize={formatBytes(maxFindingsBytes())}
    />
  );
}
