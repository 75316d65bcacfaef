import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { listAuditActors, listAuditEvents, verifyOrgAuditChain } from '@/features/audit/audit.data';
import { AuditChainStatus, AuditFilterForm, AuditLogTable } from '@/features/audit/components/audit-log';
import { orForbidden, pageOrgContext } from '@/lib/auth/context';
import { seqParam } from '@/lib/search-params';

export const metadata = { title: 'Audit log' };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function AuditPage({ params, searchParams }: PageProps<'/[org]/audit'>) {
  const ctx = await pageOrgContext((await params).org);
  const query = await searchParams;
  const result = await orForbidden(async () => ({
    events: await listAuditEvents(ctx, {
      before: seqParam(query.before),
      after: seqParam(query.after),
      kind: one(query.kind),
      actorId: one(query.actor),
    }),
    actors: await listAuditActors(ctx),
    verification: query.verify ? await verifyOrgAuditChain(ctx) : null,
  }));
  if (!result.ok) return <Forbidden message={result.message} />;
  const { events, actors, verification } = result.data;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change, every sign-in and every refused attempt in this organization, append-only and hash-chained."
      />
      <div className="mb-4">
        <AuditChainStatus orgSlug={ctx.orgSlug} verification={verification} />
      </div>
      <AuditFilterForm orgSlug={ctx.orgSlug} data={events} actors={actors} />
      <AuditLogTable orgSlug={ctx.orgSlug} data={events} />
    </>
  );
}
