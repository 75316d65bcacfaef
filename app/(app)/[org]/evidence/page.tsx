import { EvidenceList } from '@/features/evidence/components/evidence-list';
import { listEvidence } from '@/features/evidence/evidence.data';
import { pageOrgContext } from '@/lib/auth/context';
import { pageNumber } from '@/lib/search-params';

export const metadata = { title: 'Evidence' };

const STATES = ['DRAFT', 'SUBMITTED', 'ACCEPTED', 'REJECTED'] as const;

export default async function EvidenceListPage({ params, searchParams }: PageProps<'/[org]/evidence'>) {
  const ctx = await pageOrgContext((await params).org);
  const query = await searchParams;
  const state = STATES.find((s) => s === query.state);
  return <EvidenceList orgSlug={ctx.orgSlug} state={state} data={await listEvidence(ctx, { state, page: pageNumber(query.page) })} />;
}
