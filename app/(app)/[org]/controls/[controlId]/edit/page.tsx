import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { ControlForm } from '@/features/controls/components/control-form';
import { getControl } from '@/features/controls/controls.data';
import { formatNistIds } from '@/features/controls/controls.schema';
import { orForbidden, pageOrgContext } from '@/lib/auth/context';
import { assertCan } from '@/lib/auth/permissions';
import { orNotFound } from '@/lib/pages';
import type { ServiceCode } from '@/features/systems/service-catalog';

export const metadata = { title: 'Edit control' };

export default async function EditControlPage({ params }: PageProps<'/[org]/controls/[controlId]/edit'>) {
  const { org, controlId } = await params;
  const ctx = await pageOrgContext(org);
  const control = await orNotFound(getControl(ctx, controlId));
  // Refused through orForbidden, so the attempt is recorded like any other refusal.
  if (!(await orForbidden(async () => assertCan(ctx, 'controls.edit'))).ok)
    return <Forbidden message="Your role cannot change controls. Owners, admins and editors can." />;
  return (
    <>
      <PageHeader title={`Edit ${control.code}`} />
      <ControlForm
        orgSlug={ctx.orgSlug}
        existing={{
          id: control.id,
          version: control.version,
          code: control.code,
          title: control.title,
          description: control.description,
          family: control.family,
          defaultType: control.defaultType,
          awsStatement: control.awsStatement,
          customerStatement: control.customerStatement,
          cadence: control.cadence,
          nistIds: formatNistIds(control.nistIds),
          appliesTo: control.appliesTo as ServiceCode[],
        }}
      />
    </>
  );
}
