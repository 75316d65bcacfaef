import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { listSystemAwsAccounts } from '@/features/systems/aws-accounts.data';
import { AwsAccountsForm } from '@/features/systems/components/aws-accounts-form';
import { CategorizationForm } from '@/features/systems/components/categorization-form';
import { SystemForm } from '@/features/systems/components/system-form';
import { getSystem, getSystemCategorization, listBaselines } from '@/features/systems/systems.data';
import { orForbidden, pageOrgContext } from '@/lib/auth/context';
import { assertCan } from '@/lib/auth/permissions';
import { OneRecordForms } from '@/lib/latest-saved';
import { orNotFound } from '@/lib/pages';

export const metadata = { title: 'Edit system' };

export default async function EditSystemPage({ params }: PageProps<'/[org]/systems/[systemId]/edit'>) {
  const { org, systemId } = await params;
  const ctx = await pageOrgContext(org);
  const system = await orNotFound(getSystem(ctx, systemId));
  const allowed = await orForbidden(async () => assertCan(ctx, 'systems.edit'));
  if (!allowed.ok) return <Forbidden message={allowed.message} />;
  const [categorization, baselines, accounts] = await Promise.all([
    getSystemCategorization(ctx, systemId),
    listBaselines(ctx),
    listSystemAwsAccounts(ctx, systemId),
  ]);
  return (
    <>
      <PageHeader title={`Edit ${system.name}`} />
      {/* The system form and the categorization form save their own fields of the one system. */}
      <OneRecordForms>
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <SystemForm orgSlug={ctx.orgSlug} system={system} />
        </section>
        <section className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
          <AwsAccountsForm orgSlug={ctx.orgSlug} systemId={system.id} accounts={accounts} />
        </section>
        <section className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
          <CategorizationForm orgSlug={ctx.orgSlug} categorization={categorization} baselines={baselines} />
        </section>
      </OneRecordForms>
    </>
  );
}
