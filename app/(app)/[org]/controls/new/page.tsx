import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { ControlForm } from '@/features/controls/components/control-form';
import { orForbidden, pageOrgContext } from '@/lib/auth/context';
import { assertCan } from '@/lib/auth/permissions';

export const metadata = { title: 'New control' };

export default async function NewControlPage({ params }: PageProps<'/[org]/controls/new'>) {
  const ctx = await pageOrgContext((await params).org);
  // Refused through orForbidden, so the attempt is recorded like any other refusal.
  if (!(await orForbidden(async () => assertCan(ctx, 'controls.edit'))).ok)
    return <Forbidden message="Your role cannot create controls. Owners, admins and editors can." />;
  return (
    <>
      <PageHeader title="New control" description="After creating it, say per AWS service how that service moves the line." />
      <ControlForm orgSlug={ctx.orgSlug} />
    </>
  );
}
