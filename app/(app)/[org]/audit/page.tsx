import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { listAuditEvents, verifyOrgAuditChain } from '@/features/audit/audit.data';
import { AuditChainStatus, AuditLogTable } from '@/features/audit/components/audit-log';
import { orForbidden, pageOrgContext } from '@/lib/auth/context';
import { seqParam } from '@/lib/search-params';

export const metadata = { title: 'Audit log' };

export default async function AuditPage({ params, searchParams }: PageProps<'/[org]/audit'>) {
  const ctx = await pageOrgContext((await params).org);
  const query = await searchParams;
  const result = await orForbidden(async () => ({
    events: await listAuditEvents(ctx, { before: seqParam(query.before), after: seqParam(query.after) }),
    verification: query.verify ? await verifyOrgAuditChain(ctx) : null,
  }));
  if (!result.ok) return <Forbidden message={result.message} />;
  return (
    <>
      <PageHeader title="Audit log" description="Every change and every sign-in in this organization, append-only and hash-chained." />
      <div className="mb-4">
        <AuditChainStatus orgSlug={ctx.orgSlug} verification={result.data.verification} />
      </div>
      <AuditLogTable orgSlug={ctx.orgSlug} data={result.data.events} />
    </>
  );
}
