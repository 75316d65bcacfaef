import { systemExports } from '@/features/exports/cis-crm.data';
import { SystemExports } from '@/features/exports/components/system-exports';
import { pageOrgContext } from '@/lib/auth/context';
import { orNotFound } from '@/lib/pages';

export const metadata = { title: 'Exports' };

export default async function SystemExportsPage({ params }: PageProps<'/[org]/systems/[systemId]/exports'>) {
  const { org, systemId } = await params;
  const ctx = await pageOrgContext(org);
  const exports = await orNotFound(systemExports(ctx, systemId));
  return <SystemExports orgSlug={ctx.orgSlug} exports={exports} />;
}
