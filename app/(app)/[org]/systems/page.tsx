import { SystemList } from '@/features/systems/components/system-list';
import { listSystems } from '@/features/systems/systems.data';
import { pageOrgContext } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';

export const metadata = { title: 'Systems' };

export default async function SystemsPage({ params, searchParams }: PageProps<'/[org]/systems'>) {
  const ctx = await pageOrgContext((await params).org);
  const includeArchived = (await searchParams).archived === '1';
  const systems = await listSystems(ctx, { includeArchived });
  return <SystemList orgSlug={ctx.orgSlug} systems={systems} includeArchived={includeArchived} canEdit={can(ctx.role, 'systems.edit')} />;
}
