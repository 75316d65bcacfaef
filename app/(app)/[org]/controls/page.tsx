import { ControlRegister } from '@/features/controls/components/control-register';
import { listControls } from '@/features/controls/controls.data';
import { getRegisterColumns } from '@/features/controls/register-columns.data';
import { parseRegisterFilters } from '@/features/controls/register.policy';
import { starterLibraryStatus } from '@/features/library/library.data';
import { listAssignableOwners } from '@/features/owners/owners.data';
import { pageOrgContext } from '@/lib/auth/context';

export const metadata = { title: 'Controls' };

export default async function ControlsPage({ params, searchParams }: PageProps<'/[org]/controls'>) {
  const ctx = await pageOrgContext((await params).org);
  const filters = parseRegisterFilters(await searchParams);
  const [register, owners, library, columns] = await Promise.all([
    listControls(ctx, filters),
    listAssignableOwners(ctx),
    starterLibraryStatus(ctx),
    getRegisterColumns(ctx),
  ]);
  return <ControlRegister ctx={ctx} filters={filters} register={register} owners={owners} library={library} columns={columns} />;
}
