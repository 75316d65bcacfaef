import { ScanView } from '@/features/findings/components/scan-view';
import { listUnmappedFindings } from '@/features/findings/scans.data';
import { pageOrgContext } from '@/lib/auth/context';
import { orNotFound } from '@/lib/pages';
import { pageNumber } from '@/lib/search-params';

export const metadata = { title: 'Scan' };

export default async function ScanPage({ params, searchParams }: PageProps<'/[org]/findings/[scanId]'>) {
  const [{ org, scanId }, query] = await Promise.all([params, searchParams]);
  const ctx = await pageOrgContext(org);
  const unmapped = await orNotFound(listUnmappedFindings(ctx, scanId, { page: pageNumber(query.page) }));
  return <ScanView orgSlug={ctx.orgSlug} unmapped={unmapped} />;
}
