import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { SystemForm } from '@/features/systems/components/system-form';
import { orForbidden, pageOrgContext } from '@/lib/auth/context';
import { assertCan } from '@/lib/auth/permissions';

export const metadata = { title: 'New system' };

export default async function NewSystemPage({ params }: PageProps<'/[org]/systems/new'>) {
  const ctx = await pageOrgContext((await params).org);
  // The action decides; the page only spares a viewer a form they cannot save.
  const allowed = await orForbidden(async () => assertCan(ctx, 'systems.edit'));
  if (!allowed.ok) return <Forbidden message={allowed.message} />;
  return (
    <>
      <PageHeader
        title="New system"
        description="Describe an audited environment: where its data lives and which AWS services it uses. The services decide where the shared-responsibility line sits for each control."
      />
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <SystemForm orgSlug={ctx.orgSlug} />
      </section>
    </>
  );
}
