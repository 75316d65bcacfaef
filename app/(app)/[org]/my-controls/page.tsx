import { MyControls } from '@/features/owners/components/my-controls';
import { listMyControls } from '@/features/owners/owners.data';
import { pageOrgContext } from '@/lib/auth/context';

export const metadata = { title: 'My controls' };

export default async function MyControlsPage({ params }: PageProps<'/[org]/my-controls'>) {
  const ctx = await pageOrgContext((await params).org);
  return <MyControls orgSlug={ctx.orgSlug} rows={await listMyControls(ctx)} />;
}
