import { SystemParameters } from '@/features/parameters/components/system-parameters';
import { getSystemParameters } from '@/features/parameters/parameters.data';
import { pageOrgContext } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { orNotFound } from '@/lib/pages';
import { pageNumber } from '@/lib/search-params';

export const metadata = { title: 'Parameters' };

export default async function SystemParametersPage({ params, searchParams }: PageProps<'/[org]/systems/[systemId]/parameters'>) {
  const [{ org, systemId }, query] = await Promise.all([params, searchParams]);
  const ctx = await pageOrgContext(org);
  const raw = Array.isArray(query.q) ? query.q[0] : query.q;
  const q = raw?.trim().slice(0, 100) || undefined;
  const view = await orNotFound(getSystemParameters(ctx, systemId, { q, page: pageNumber(query.page) }));
  return <SystemParameters orgSlug={ctx.orgSlug} view={view} q={q} canEdit={can(ctx.role, 'systems.edit')} />;
}
