import { Forbidden } from '@/components/ui/forbidden';
import { CsvImport } from '@/features/controls/components/csv-import';
import { orForbidden, pageOrgContext } from '@/lib/auth/context';
import { assertCan } from '@/lib/auth/permissions';

export const metadata = { title: 'Import controls' };

export default async function ImportControlsPage({ params }: PageProps<'/[org]/controls/import'>) {
  const ctx = await pageOrgContext((await params).org);
  const allowed = await orForbidden(async () => {
    assertCan(ctx, 'controls.edit');
    assertCan(ctx, 'implementations.edit');
  });
  return allowed.ok ? <CsvImport orgSlug={ctx.orgSlug} /> : <Forbidden message={allowed.message} />;
}
