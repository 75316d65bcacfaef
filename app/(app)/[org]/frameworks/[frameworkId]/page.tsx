import { FrameworkView } from '@/features/frameworks/components/framework-view';
import { getFrameworkView } from '@/features/frameworks/frameworks.data';
import { parseFrameworkFilters } from '@/features/frameworks/frameworks.policy';
import { pageOrgContext } from '@/lib/auth/context';
import { orNotFound } from '@/lib/pages';

export const metadata = { title: 'Framework' };

export default async function FrameworkPage({ params, searchParams }: PageProps<'/[org]/frameworks/[frameworkId]'>) {
  const { org, frameworkId } = await params;
  const ctx = await pageOrgContext(org);
  const filters = parseFrameworkFilters(await searchParams);
  return <FrameworkView ctx={ctx} view={await orNotFound(getFrameworkView(ctx, frameworkId, filters))} filters={filters} />;
}
