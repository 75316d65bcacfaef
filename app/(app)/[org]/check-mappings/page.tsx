import { CheckMappingsView } from '@/features/check-mappings/components/check-mappings-view';
import { listCheckMappings, listControlChoices } from '@/features/check-mappings/check-mappings.data';
import { pageOrgContext } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { pageNumber } from '@/lib/search-params';

export const metadata = { title: 'Check → control mappings' };

export default async function CheckMappingsPage({ params, searchParams }: PageProps<'/[org]/check-mappings'>) {
  const [{ org }, query] = await Promise.all([params, searchParams]);
  const ctx = await pageOrgContext(org);
  const raw = Array.isArray(query.q) ? query.q[0] : query.q;
  const q = raw?.trim().slice(0, 100) ?? '';
  const canEdit = can(ctx.role, 'controls.edit');
  const [mappings, controls] = await Promise.all([
    listCheckMappings(ctx, { q, page: pageNumber(query.page) }),
    canEdit ? listControlChoices(ctx) : null,
  ]);
  return <CheckMappingsView orgSlug={ctx.orgSlug} mappings={mappings} q={q} controls={controls} canEdit={canEdit} />;
}
