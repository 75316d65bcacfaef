import { EvidenceDetail } from '@/features/evidence/components/evidence-detail';
import { getEvidence } from '@/features/evidence/evidence.data';
import { pageOrgContext } from '@/lib/auth/context';
import { maxUploadBytes } from '@/lib/config';
import { orNotFound } from '@/lib/pages';

export const metadata = { title: 'Evidence' };

export default async function EvidencePage({ params }: PageProps<'/[org]/evidence/[evidenceId]'>) {
  const { org, evidenceId } = await params;
  const ctx = await pageOrgContext(org);
  const evidence = await orNotFound(getEvidence(ctx, evidenceId));
  return <EvidenceDetail ctx={ctx} evidence={evidence} maxUploadMb={maxUploadBytes() / 1024 / 1024} />;
}
