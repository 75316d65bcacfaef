import { SearchResultsView } from '@/features/search/components/search-results';
import { searchOrganization } from '@/features/search/search.data';
import { parseSearchQuery } from '@/features/search/search.schema';
import { pageOrgContext } from '@/lib/auth/context';

export const metadata = { title: 'Search' };

export default async function SearchPage({ params, searchParams }: PageProps<'/[org]/search'>) {
  const ctx = await pageOrgContext((await params).org);
  const results = await searchOrganization(ctx, parseSearchQuery(await searchParams));
  return <SearchResultsView orgSlug={ctx.orgSlug} results={results} limitedToPeriod={Boolean(ctx.auditPeriod)} />;
}
